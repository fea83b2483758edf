import BackMapCore

/// Builds the screens that read the store (list, replay, compare, trends).
enum ScreenFactory {
    static func home(store: SessionStore) throws -> any Screen {
        SessionListState(scan: store.scan())
    }

    static func make(_ destination: Destination, store: SessionStore) throws -> any Screen {
        switch destination {
        case .replay(let id):
            return try makeReplay(id, store: store)
        case .compare(let a, let b, let passA, let passB):
            return try makeCompare(a, b, passA: passA, passB: passB, store: store)
        case .trends:
            return TrendsState(scan: store.scan(), scope: .newest)
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
