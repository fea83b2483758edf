import Foundation

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

    /// The mean rating of the rolled zones, 0.00–3.00, or nil when nothing was rolled.
    /// Unlike the score it does not grow with how many zones were rolled, so a
    /// tennis-ball session of 8 zones and a full back can be set side by side.
    public var meanTightness: Double? {
        let rated = ratedCount
        return rated == 0 ? nil : Double(score) / Double(rated)
    }

    /// How many zones a session must roll to count as covering the back (SPEC 4).
    public static let fullCoverage = 30

    /// Fewer than `fullCoverage` zones rolled: a partial session, marked as such wherever
    /// sessions are set side by side over time.
    public var isPartial: Bool { ratedCount < Self.fullCoverage }

    /// The share of rolled zones that were tight (2 or more), or nil when nothing was rolled.
    public var tightExtent: Double? {
        let rated = ratedCount
        return rated == 0 ? nil : Double(tightCount) / Double(rated)
    }

    /// The zones rated tight or very tight.
    public var tightZones: Set<Zone> { Set(Zone.all.filter { self[$0]?.isTight == true }) }
}

extension BackMap {
    /// A mean as summaries print it: two decimals, or "–" when nothing was rolled (never 0).
    public static func formatMean(_ mean: Double?) -> String {
        formatMean(mean, dash: "–")
    }

    /// The same with the dash a 7-bit output needs ("-").
    public static func formatMean(_ mean: Double?, dash: String) -> String {
        guard let mean else { return dash }
        return String(format: "%.2f", mean)
    }

    /// A mean as JSON carries it: two decimals, like every summary shows it, or nil.
    public static func roundedMean(_ mean: Double?) -> Double? {
        mean.map { ($0 * 100).rounded() / 100 }
    }
}
