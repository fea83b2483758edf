import Foundation

/// Whose back a session is. One store may hold several people (a
/// physiotherapist's clients, a couple who roll each other); names are typed
/// by hand, so "Anna" and "anna" are one person. The stored spelling is kept
/// and shown; only matching ignores case.
public enum Subject {
    /// The subject of a new session when nobody says otherwise.
    public static let defaultName = "me"

    /// Whether two subject names are the same person: equal ignoring case.
    public static func matches(_ a: String, _ b: String) -> Bool {
        a == b || key(a) == key(b)
    }

    /// The form names are compared in (case folded, so "ß" and "SS" stay apart only as Unicode says).
    public static func key(_ name: String) -> String {
        name.lowercased()
    }

    /// The distinct subjects of `summaries`, in the spelling of each one's newest
    /// session, newest subject first (the order a picker offers them in).
    public static func known(in summaries: [SessionSummary]) -> [String] {
        var seen: [String: (name: String, newest: SessionSummary)] = [:]
        for summary in summaries {
            let key = key(summary.subject)
            if let current = seen[key], !SessionSummary.chronological(current.newest, summary) { continue }
            seen[key] = (summary.subject, summary)
        }
        return seen.values
            .sorted { SessionSummary.chronological($1.newest, $0.newest) }
            .map(\.name)
    }

    /// The spelling the store already uses for `name`, or `name` itself when it is new:
    /// typing "anna" for a new session of "Anna" keeps one person under one name.
    public static func canonical(_ name: String, in summaries: [SessionSummary]) -> String {
        known(in: summaries).first { matches($0, name) } ?? name
    }
}

/// Which sessions a report looks at, by subject: `--subject S`, `--subject all`,
/// or nothing, which means the subject of the newest session. Trends never pool
/// two people's backs unless asked to.
public enum SubjectScope: Hashable, Sendable {
    /// The subject of the newest session (resolved against the store).
    case newest
    /// Every subject pooled, said out loud wherever the figures are shown.
    case all
    /// One subject, matched ignoring case.
    case named(String)

    /// The word that asks for every subject.
    public static let allKeyword = "all"

    /// Reads a `--subject` option: nil is `newest`, "all" (any case) pools.
    public init(option: String?) {
        guard let option else { self = .newest; return }
        self = Subject.matches(option, SubjectScope.allKeyword) ? .all : .named(option)
    }

    /// The subject to filter on (nil pools every subject), given the sessions of the store.
    public func subject(in summaries: [SessionSummary]) -> String? {
        switch self {
        case .all: return nil
        case .named(let name): return Subject.canonical(name, in: summaries)
        case .newest:
            // The scan's summaries are oldest first, but any order works.
            return summaries.max(by: SessionSummary.chronological)?.subject
        }
    }
}
