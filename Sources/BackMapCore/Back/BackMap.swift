/// The tightness of every zone at one moment; `nil` is unknown (not rolled).
public struct BackMap: Hashable, Sendable {
    private var values: [Tightness?]

    /// A map where every zone is unknown.
    public init() { values = Array(repeating: nil, count: Zone.all.count) }

    public subscript(zone: Zone) -> Tightness? {
        get { values[zone.index] }
        set { values[zone.index] = newValue }
    }

    public subscript(side: Side, segment: Segment) -> Tightness? {
        get { self[Zone(side, segment)] }
        set { self[Zone(side, segment)] = newValue }
    }

    /// Zones that were rolled (have any rating, 0 included).
    public var ratedCount: Int { values.lazy.filter { $0 != nil }.count }

    /// Zones rated tight or very tight.
    public var tightCount: Int { values.lazy.filter { $0?.isTight == true }.count }

    /// The sum of the ratings of rolled zones; unknown zones add nothing.
    public var score: Int { values.reduce(0) { $0 + ($1?.rawValue ?? 0) } }

    /// The share of rolled zones that were tight (2 or more), or nil when nothing was rolled.
    public var tightExtent: Double? {
        let rated = ratedCount
        return rated == 0 ? nil : Double(tightCount) / Double(rated)
    }

    /// The zones rated tight or very tight.
    public var tightZones: Set<Zone> { Set(Zone.all.filter { self[$0]?.isTight == true }) }
}
