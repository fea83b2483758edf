import Foundation

/// A band of the back named after the vertebra beside it.
///
/// Cases are declared top to bottom as they appear on screen: `t1` at the
/// shoulders down to `s1` just above the buttocks. Rolling goes the other way,
/// from `s1` up to `t1`; `rollingOrder` gives that order.
public enum Segment: String, CaseIterable, Codable, Sendable, Comparable {
    case t1 = "T1", t2 = "T2", t3 = "T3", t4 = "T4", t5 = "T5", t6 = "T6"
    case t7 = "T7", t8 = "T8", t9 = "T9", t10 = "T10", t11 = "T11", t12 = "T12"
    case l1 = "L1", l2 = "L2", l3 = "L3", l4 = "L4", l5 = "L5"
    case s1 = "S1"

    /// Position on screen, 0 for T1 at the top.
    ///
    /// A switch rather than a dictionary: every map lookup goes through here, and
    /// hashing a string-backed enum cost more than the rest of reading an index.
    public var row: Int {
        switch self {
        case .t1: 0
        case .t2: 1
        case .t3: 2
        case .t4: 3
        case .t5: 4
        case .t6: 5
        case .t7: 6
        case .t8: 7
        case .t9: 8
        case .t10: 9
        case .t11: 10
        case .t12: 11
        case .l1: 12
        case .l2: 13
        case .l3: 14
        case .l4: 15
        case .l5: 16
        case .s1: 17
        }
    }

    /// The vertebra's name as people write it ("T7").
    public var name: String { rawValue }

    /// The segment one row up (towards the shoulders), if any.
    public var above: Segment? { row > 0 ? Segment.allCases[row - 1] : nil }

    /// The segment one row down (towards the buttocks), if any.
    public var below: Segment? { row + 1 < Segment.allCases.count ? Segment.allCases[row + 1] : nil }

    /// The order in which a roll meets the segments: S1 first, T1 last.
    public static let rollingOrder: [Segment] = allCases.reversed()

    /// Parses "t7", "T7" or " T7 ".
    public init?(name: String) {
        let trimmed = name.trimmingCharacters(in: .whitespaces).uppercased()
        self.init(rawValue: trimmed)
    }

    public static func < (a: Segment, b: Segment) -> Bool { a.row < b.row }
}
