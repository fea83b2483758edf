import BackMapCore

/// Builds the screens a destination names, reading what they show from the store;
/// editors through the keeper, which takes the session's lock first.
enum ScreenFactory {
    /// The list drawn at once from the head of the summary index, whatever the size of the
    /// store, and marked until the runtime's background check of every file replaces it.
    ///
    /// With no index yet (a first start, an upgrade, an index deleted) every file must be
    /// read, which takes seconds at tens of thousands of sessions not in the system's cache.
    /// The reading starts on another thread: a store read within `readingWait` is shown
    /// whole; a larger one shows that it is being read, and the reading, left running, is
    /// the check behind the screen (`reading`). nil `readingWait` never waits.
    static func home(store: SessionStore, readingWait: Duration? = defaultReadingWait) -> (screen: any Screen, reading: BackgroundScan?) {
        if let preview = store.preview(limit: previewRows()) {
            return (SessionListState(unchecked: preview.summaries, total: preview.total), nil)
        }
        let reading = BackgroundScan(root: store.root)
        if let readingWait, let outcome = reading.result(waiting: readingWait) {
            return (SessionListState(scan: outcome.scan), nil)
        }
        return (SessionListState.reading, reading)
    }

    /// Long enough for a store of some hundreds of sessions to be read whole (no flash of a
    /// "reading" screen at a first start), short beside the 50 ms a first frame may take.
    static let defaultReadingWait: Duration = .milliseconds(30)

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
