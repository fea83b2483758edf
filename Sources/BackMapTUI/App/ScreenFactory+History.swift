import BackMapCore

/// The history screens: they read the sessions they show and the order of
/// the store, so that `[` and `]` know where to step.
extension ScreenFactory {
    static func makeReplay(_ id: SessionID, store: SessionStore) throws -> any Screen {
        let session = try store.load(id)
        let history = SessionHistory(store.scan().summaries, subject: session.subject)
        return ReplayState(session: session, history: history)
    }

    static func makeCompare(_ a: SessionID, _ b: SessionID, passA: Int?, passB: Int?, store: SessionStore) throws -> any Screen {
        let sessionA = try store.load(a)
        let sessionB = try store.load(b)
        let summaries = store.scan().summaries
        return CompareState(a: sessionA, passA: passA, b: sessionB, passB: passB,
                            historyA: SessionHistory(summaries, subject: sessionA.subject),
                            historyB: SessionHistory(summaries, subject: sessionB.subject))
    }
}
