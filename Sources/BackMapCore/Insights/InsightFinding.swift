/// One comparison: sessions with a factor against sessions without, on one measure.
public struct InsightFinding: Hashable, Sendable {
    public var factor: InsightFactor
    public var measure: InsightMeasure
    /// Measured on the session that followed (same subject), not on the session itself.
    public var nextSession: Bool
    /// Sessions on each side that have the measure.
    public var withCount: Int
    public var withoutCount: Int
    public var meanWith: Double
    public var meanWithout: Double
    /// The bootstrap interval of `difference` at `Insights.level`.
    public var interval: ClosedRange<Double>
    /// The difference in pooled standard deviations (Cohen's d): what the list is sorted by,
    /// so a tenth of a level and a point of pain can be ranked together. Infinite when
    /// neither side varies and they differ; 0 when neither varies nor differs.
    public var effectSize: Double

    /// With − without: negative when the sessions with the factor had less of the measure.
    public var difference: Double { meanWith - meanWithout }

    /// The interval leaves out 0: a difference that resampling does not wipe out.
    public var isClear: Bool { !interval.contains(0) }

    /// The finding in one plain sentence that states an association, never a cause:
    /// "Sessions tagged epsom had a mean tightness 0.40 lower (90% interval 0.10 to 0.70;
    /// 12 with, 30 without)." An interval that contains 0 opens with "No clear difference:".
    public var sentence: String {
        let who = factor.sessions(nextSession: nextSession)
        let amount = measure.amount(abs(difference))
        // The interval is given in the direction the sentence speaks: "0.40 lower (0.10 to 0.70)".
        let lower = difference < 0
        let ends = lower ? (-interval.upperBound, -interval.lowerBound) : (interval.lowerBound, interval.upperBound)
        let change: String
        if measure.number(abs(difference)) == measure.number(0) {
            change = "the same \(measure.title)"
        } else {
            change = "\(measure.phrase) \(amount) \(lower ? "lower" : "higher")"
        }
        let percent = Int((Insights.level * 100).rounded())
        let body = "\(who) had \(change) (\(percent)% interval \(measure.number(ends.0)) to \(measure.number(ends.1)); "
            + "\(withCount) with, \(withoutCount) without)."
        return isClear ? body.prefix(1).uppercased() + body.dropFirst() : "No clear difference: " + body
    }
}

/// A comparison that could not be made: too few sessions on one side.
public struct InsightShortfall: Hashable, Sendable {
    public var factor: InsightFactor
    /// The one measure lacking data (for example release, with few sessions of two
    /// passes), or nil when the factor itself has too few sessions with or without.
    public var measure: InsightMeasure?
    public var nextSession: Bool
    public var withCount: Int
    public var withoutCount: Int

    /// "epsom (3 with, 39 without)", "release for epsom (2 with, 30 without)".
    public var description: String {
        var name = factor.kind == "tag" ? factor.name : "technique \(factor.name)"
        if nextSession { name = "next session after \(name)" }
        if let measure { name = "\(measure.title) for \(name)" }
        return "\(name) (\(withCount) with, \(withoutCount) without)"
    }
}
