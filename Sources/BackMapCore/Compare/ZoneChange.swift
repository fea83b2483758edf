/// How one zone moved from map A to map B.
///
/// "Better" means B is lower (looser, less painful) than A. A zone rolled on
/// one side only is not better or worse: unknown is never counted as 0.
public enum ZoneChange: String, CaseIterable, Codable, Sendable {
    case better
    case worse
    case same
    case unknownInA
    case unknownInB
    case unknownInBoth

    public init(from a: Tightness?, to b: Tightness?) {
        switch (a, b) {
        case let (a?, b?): self = b < a ? .better : b > a ? .worse : .same
        case (nil, _?): self = .unknownInA
        case (_?, nil): self = .unknownInB
        case (nil, nil): self = .unknownInBoth
        }
    }

    /// The words used in summaries and legends.
    public var title: String {
        switch self {
        case .better: "better"
        case .worse: "worse"
        case .same: "same"
        case .unknownInA: "rolled in B only"
        case .unknownInB: "rolled in A only"
        case .unknownInBoth: "rolled in neither"
        }
    }
}
