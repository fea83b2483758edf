/// How the back loosened within one session: its first pass against its last,
/// zone by zone (SPEC 9). The guide says the skin loosens over the two or three
/// passes of a session; this is the figure that checks it.
///
/// Only zones rolled in both passes count, so a last pass that skipped the
/// tightest zones does not pass for a release: the means before and after are
/// taken over the same zones. A session with fewer than two passes has no
/// release (`init?` returns nil), which is not a release of 0.
public struct SessionRelease: Hashable, Sendable {
    /// The first and the last pass that have marks.
    public var firstPass: Int
    public var lastPass: Int
    /// The first pass's map (A) set against the last pass's (B).
    public var comparison: Comparison

    public init?(_ session: Session) {
        let passes = session.passes
        guard let first = passes.first, let last = passes.last, first != last else { return nil }
        self.init(first: first, firstMap: session.map(pass: first), last: last, lastMap: session.map(pass: last))
    }

    public init(first: Int, firstMap: BackMap, last: Int, lastMap: BackMap) {
        firstPass = first
        lastPass = last
        comparison = Comparison(a: firstMap, b: lastMap)
    }

    /// Zones looser in the last pass than in the first.
    public var released: Int { comparison.betterCount }
    /// Zones tighter in the last pass than in the first.
    public var tightened: Int { comparison.worseCount }
    /// Zones rated the same in both.
    public var unchanged: Int { comparison.sameCount }
    /// Zones rolled in both passes: the only ones counted.
    public var zonesCompared: Int { comparison.commonZones.count }

    /// Mean tightness of the compared zones in the first pass, nil when no zone was rolled in both.
    public var meanBefore: Double? { mean(comparison.commonScores.a) }
    /// Mean tightness of the same zones in the last pass.
    public var meanAfter: Double? { mean(comparison.commonScores.b) }

    /// How far the mean came down from the first pass to the last (before − after):
    /// positive when the back loosened, negative when it tightened, nil when no zone
    /// was rolled in both passes. Insights compare sessions on this figure.
    public var meanDrop: Double? {
        guard let before = meanBefore, let after = meanAfter else { return nil }
        return before - after
    }

    private func mean(_ score: Int) -> Double? {
        let count = zonesCompared
        return count == 0 ? nil : Double(score) / Double(count)
    }

    /// One line for summaries: "pass 1 → 3: 5 zones released, 1 tightened, mean 2.10 → 1.40".
    public var summaryLine: String {
        let zones = zonesCompared == 1 ? "zone" : "zones"
        guard zonesCompared > 0 else {
            return "pass \(firstPass) → \(lastPass): no zone rolled in both passes"
        }
        return "pass \(firstPass) → \(lastPass): \(released) of \(zonesCompared) \(zones) released, "
            + "\(tightened) tightened, mean \(BackMap.formatMean(meanBefore)) → \(BackMap.formatMean(meanAfter))"
    }
}

extension Session {
    /// The release within this session, nil with fewer than two passes.
    public var release: SessionRelease? { SessionRelease(self) }
}

extension SessionRelease: Codable {
    private enum Key: String, CodingKey { case firstPass, lastPass, firstMap, lastMap }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(first: try c.decode(Int.self, forKey: .firstPass), firstMap: try c.decode(BackMap.self, forKey: .firstMap),
                  last: try c.decode(Int.self, forKey: .lastPass), lastMap: try c.decode(BackMap.self, forKey: .lastMap))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(firstPass, forKey: .firstPass)
        try c.encode(lastPass, forKey: .lastPass)
        try c.encode(comparison.a, forKey: .firstMap)
        try c.encode(comparison.b, forKey: .lastMap)
    }
}
