/// How tight a zone felt, on the ordinal scale used for tenderness on palpation.
///
/// A zone that nobody rolled has no `Tightness` at all (it is `nil`, shown as
/// unknown); it is never counted as `relaxed`.
public enum Tightness: Int, CaseIterable, Codable, Sendable, Comparable {
    case relaxed = 0
    case mild = 1
    case tight = 2
    case veryTight = 3

    /// The word used in the legend.
    public var title: String {
        switch self {
        case .relaxed: "relaxed"
        case .mild: "mild"
        case .tight: "tight"
        case .veryTight: "very tight"
        }
    }

    /// What the helper observes, worded so that two helpers rate alike.
    public var meaning: String {
        switch self {
        case .relaxed: "painless"
        case .mild: "tender, no flinch"
        case .tight: "winces or flinches"
        case .veryTight: "pulls away"
        }
    }

    /// The whole scale, "0 relaxed (painless), 1 mild (tender, no flinch), …": the one
    /// wording of it that help boxes and reports show.
    public static var scale: String {
        allCases.map { "\($0.rawValue) \($0.title) (\($0.meaning))" }.joined(separator: ", ")
    }

    /// Counts as tight for the tight extent and the trends.
    public var isTight: Bool { self >= .tight }

    /// The next level for Space and clicks: unknown → 0 → 1 → 2 → 3 → 0.
    public static func cycled(from value: Tightness?) -> Tightness {
        guard let value else { return .relaxed }
        return Tightness(rawValue: (value.rawValue + 1) % 4) ?? .relaxed
    }

    public static func < (a: Tightness, b: Tightness) -> Bool { a.rawValue < b.rawValue }
}
