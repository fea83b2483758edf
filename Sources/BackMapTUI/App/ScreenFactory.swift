import BackMapCore

/// Builds the screens that read the store (list, replay, compare, trends).
enum ScreenFactory {
    /// The list drawn at once from the head of the summary index, whatever the size of the
    /// store, and marked until the app's background check of every file replaces it (see
    /// `App.checkBehindTheHomeScreen`); a full scan when there is no index yet.
    static func home(store: SessionStore) throws -> any Screen {
        if let preview = store.preview(limit: homeRows) {
            return SessionListState(unchecked: preview.summaries, total: preview.total)
        }
        return SessionListState(scan: store.scan())
    }

    /// More rows than any terminal shows before the check is done.
    static let homeRows = 200

    static func make(_ destination: Destination, store: SessionStore) throws -> any Screen {
        switch destination {
        case .replay(let id):
            return try makeReplay(id, store: store)
        case .compare(let a, let b, let passA, let passB):
            return try makeCompare(a, b, passA: passA, passB: passB, store: store)
        case .trends:
            return TrendsState(scan: store.scan())
        case .trendsFiltered(let filter):
            return TrendsState(scan: store.scan(), filter: filter)
        case .newSession, .editor:
            // The app opens editors itself: it must take the session's lock first.
            throw ScreenError.notAvailable(String(describing: destination))
        }
    }
}

/// A screen that cannot be opened.
enum ScreenError: Error, CustomStringConvertible {
    case notAvailable(String)
    var description: String {
        switch self {
        case .notAvailable(let what): "\(what) is not available in this build"
        }
    }
}
