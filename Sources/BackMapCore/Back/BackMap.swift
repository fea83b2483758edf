import Foundation

/// The tightness of every zone at one moment; `nil` is unknown (not rolled).
public struct BackMap: Hashable, Sendable {
    /// Three bits a zone, 0 for unknown and 1–4 for tightness 0–3: the first 18 zones in
    /// `low`, the rest in `high`. Inline, not an array: a store's summaries each hold a
    /// map, and tens of thousands of small arrays cost megabytes and an allocation each.
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// A map where every zone is unknown.
    public init() {}

    private static let zonesPerWord = 18

    public subscript(zone: Zone) -> Tightness? {
        get { code(at: zone.index) == 0 ? nil : Tightness(rawValue: Int(code(at: zone.index)) - 1) }
        set { setCode(newValue.map { UInt64($0.rawValue + 1) } ?? 0, at: zone.index) }
    }

    private func code(at index: Int) -> UInt64 {
        let word = index < Self.zonesPerWord ? low : high
        return word >> UInt64(3 * (index % Self.zonesPerWord)) & 0b111
    }

    private mutating func setCode(_ code: UInt64, at index: Int) {
        let shift = UInt64(3 * (index % Self.zonesPerWord))
        if index < Self.zonesPerWord {
            low = low & ~(0b111 << shift) | code << shift
        } else {
            high = high & ~(0b111 << shift) | code << shift
        }
    }

    private var codes: some Sequence<UInt64> { (0..<Zone.all.count).lazy.map { code(at: $0) } }

    public subscript(side: Side, segment: Segment) -> Tightness? {
        get { self[Zone(side, segment)] }
        set { self[Zone(side, segment)] = newValue }
    }

    /// Zones that were rolled (have any rating, 0 included).
    public var ratedCount: Int { codes.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }

    /// Zones rated tight or very tight.
    public var tightCount: Int { codes.reduce(0) { $0 + ($1 >= UInt64(Tightness.tight.rawValue + 1) ? 1 : 0) } }

    /// The sum of the ratings of rolled zones; unknown zones add nothing.
    public var score: Int { codes.reduce(0) { $0 + ($1 == 0 ? 0 : Int($1) - 1) } }

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
