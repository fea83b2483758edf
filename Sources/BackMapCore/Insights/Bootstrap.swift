/// The percentile bootstrap of a difference of two means: how far the
/// difference could move if the sessions had fallen out a little differently.
///
/// Each replicate draws, with replacement, as many values from each group as
/// it has and takes the difference of the two means; the interval is the
/// middle `level` of the replicates (quantiles interpolated linearly between
/// order statistics, as R's default type 7 does).
public enum Bootstrap {
    /// Replicates per interval: enough for the 5th and 95th percentiles to settle to
    /// about a hundredth of a level on a few dozen sessions, and fast on thousands.
    public static let replicates = 2_000

    /// The interval of `mean(with) − mean(without)`; both groups need a value.
    public static func differenceOfMeans(_ with: [Double], _ without: [Double], level: Double,
                                         replicates: Int = Bootstrap.replicates,
                                         seed: UInt64) -> ClosedRange<Double> {
        precondition(!with.isEmpty && !without.isEmpty && replicates > 0)
        var generator = SeededGenerator(seed: seed)
        var differences = [Double](repeating: 0, count: replicates)
        for index in 0..<replicates {
            differences[index] = resampledMean(with, &generator) - resampledMean(without, &generator)
        }
        differences.sort()
        let tail = (1 - level) / 2
        return quantile(differences, tail)...quantile(differences, 1 - tail)
    }

    private static func resampledMean(_ values: [Double], _ generator: inout SeededGenerator) -> Double {
        var sum = 0.0
        for _ in values.indices { sum += values[generator.index(below: values.count)] }
        return sum / Double(values.count)
    }

    /// The `p` quantile of sorted values: h = (n − 1)·p, then linear between the two order
    /// statistics around h.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty)
        let h = Double(sorted.count - 1) * min(max(p, 0), 1)
        let below = Int(h.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        return sorted[below] + (h - Double(below)) * (sorted[above] - sorted[below])
    }
}
