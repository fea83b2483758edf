import BackMapCore

/// Builds the screens that read the store (list, replay, compare, trends).
enum ScreenFactory {
    static func home(store: SessionStore) throws -> any Screen {
        throw ScreenError.notAvailable("the session list")
    }

    static func make(_ destination: Destination, store: SessionStore) throws -> any Screen {
        switch destination {
        case .trends:
            return TrendsState(scan: store.scan())
        case .trendsFiltered(let filter):
            return TrendsState(scan: store.scan(), filter: filter)
        default:
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
