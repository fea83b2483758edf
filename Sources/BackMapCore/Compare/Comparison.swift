/// Two maps set against each other, zone by zone: what "is it better than two
/// weeks ago?" needs.
///
/// A is the reference (usually the older session) and B the one judged
/// against it. Unknown zones stay unknown: they are counted apart and never
/// turn into "better" or "worse".
public struct Comparison: Hashable, Sendable {
    public var a: BackMap
    public var b: BackMap

    public init(a: BackMap, b: BackMap) {
        self.a = a
        self.b = b
    }

    /// How one zone moved from A to B.
    public func change(at zone: Zone) -> ZoneChange {
        ZoneChange(from: a[zone], to: b[zone])
    }

    /// Every zone's change, indexed like `Zone.all`.
    public var changes: [ZoneChange] { Zone.all.map(change(at:)) }

    /// How many zones moved this way.
    public func count(_ change: ZoneChange) -> Int {
        Zone.all.lazy.filter { self.change(at: $0) == change }.count
    }

    public var betterCount: Int { count(.better) }
    public var worseCount: Int { count(.worse) }
    public var sameCount: Int { count(.same) }

    /// Zones rolled on both sides: the only ones whose change is known.
    public var commonZones: [Zone] { Zone.all.filter { a[$0] != nil && b[$0] != nil } }

    /// The scores of A and B over the zones rolled on both sides, so that a
    /// session where fewer zones were rolled does not look better for it.
    public var commonScores: (a: Int, b: Int) {
        commonZones.reduce((0, 0)) { sum, zone in
            (sum.0 + (a[zone]?.rawValue ?? 0), sum.1 + (b[zone]?.rawValue ?? 0))
        }
    }

    /// The overlap of the tight zones (2 or more) as a Jaccard index,
    /// |A ∩ B| / |A ∪ B|: 1 when the same zones are tight, 0 when none is shared,
    /// nil when neither map has a tight zone.
    public var tightOverlap: Double? {
        let tightA = a.tightZones
        let tightB = b.tightZones
        let union = tightA.union(tightB)
        guard !union.isEmpty else { return nil }
        return Double(tightA.intersection(tightB).count) / Double(union.count)
    }
}

extension BackMap {
    /// Compares `a` (the reference) with `b`: `better` means lower in `b`.
    public static func compare(_ a: BackMap, _ b: BackMap) -> Comparison {
        Comparison(a: a, b: b)
    }
}
