import BackMapCore

/// Builds the screens a destination names, reading what they show from the store;
/// editors through the keeper, which takes the session's lock first.
enum ScreenFactory {
    static func home(store: SessionStore) -> any Screen {
        SessionListState(scan: store.scan())
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
