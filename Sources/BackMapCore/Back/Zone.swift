/// One of the 36 places a helper rates: a side of the spine at one segment.
public struct Zone: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var side: Side
    public var segment: Segment

    public init(_ side: Side, _ segment: Segment) {
        self.side = side
        self.segment = segment
    }

    /// Every zone: the left strip top to bottom, then the right.
    public static let all: [Zone] = Side.allCases.flatMap { side in
        Segment.allCases.map { Zone(side, $0) }
    }

    /// The order of a full guided roll: left strip from S1 up to T1, then the right.
    public static let rollingOrder: [Zone] = Side.allCases.flatMap { side in
        Segment.rollingOrder.map { Zone(side, $0) }
    }

    /// A dense index 0..<36, for arrays indexed by zone.
    public var index: Int { (side == .left ? 0 : Segment.allCases.count) + segment.row }

    /// "L T7", the short form used on status lines.
    public var description: String { "\(side.initial) \(segment.name)" }

    public static func < (a: Zone, b: Zone) -> Bool { a.index < b.index }
}

/// A move of a cursor across the back, as the arrow keys mean it on screen.
public enum ZoneStep: Equatable, Sendable {
    /// Towards the shoulders.
    case up
    /// Towards the buttocks.
    case down
    case left, right
    /// To T1, or to S1.
    case top, bottom
}

extension Zone {
    /// The zone one step away, staying put at the edges of the back.
    public func stepped(_ step: ZoneStep) -> Zone {
        var zone = self
        switch step {
        case .up: zone.segment = segment.above ?? segment
        case .down: zone.segment = segment.below ?? segment
        case .left: zone.side = .left
        case .right: zone.side = .right
        case .top: zone.segment = .t1
        case .bottom: zone.segment = .s1
        }
        return zone
    }
}
