import BackMapCore

/// Builds the screens a destination names, reading what they show from the store;
/// editors through the keeper, which takes the session's lock first.
enum ScreenFactory {
    /// The list drawn at once from the head of the summary index, whatever the size of the
    /// store, and marked until the runtime's background check of every file replaces it (see
    /// `App.checkBehindTheHomeScreen`); a full scan when there is no index yet.
    static func home(store: SessionStore) -> any Screen {
        if let preview = store.preview(limit: previewRows()) {
            return SessionListState(unchecked: preview.summaries, total: preview.total)
        }
        return SessionListState(scan: store.scan())
    }

    /// Twice the terminal's rows, at least 64: more than the screen shows before the check
    /// is done (a fraction of a second), and no more, since every line of the index read
    /// before the first frame delays it.
    static func previewRows() -> Int {
        max(64, 2 * (TerminalSize.standardOutput()?.rows ?? 0))
    }

    static func make(_ destination: Destination, keeper: SessionKeeper) throws -> any Screen {
        let store = keeper.store
        switch destination {
        case .newSession(let subject, let technique):
            return EditorState(session: try keeper.beginEditing(new: store.makeSession(subject: subject, technique: technique)))
        case .editor(let id):
            return EditorState(session: try keeper.beginEditing(id))
        case .replay(let id):
            return try makeReplay(id, store: store)
        case .compare(let a, let b, let passA, let passB):
            return try makeCompare(a, b, passA: passA, passB: passB, store: store)
        case .trends(let filter):
            return TrendsState(scan: store.scan(), filter: filter)
        }
    }
}
