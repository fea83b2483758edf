import Foundation

/// The JSON form of insights, for `insights --json`: the scope, the method, every
/// finding with its figures and sentence, and the comparisons not made.
///
/// Every key is always present (`null` where a figure does not exist); tags come from
/// files, so the text is made safe for a terminal.
public enum InsightsReport {
    public static func json(_ insights: Insights) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return TerminalText.terminalSafeJSON(try encoder.encode(Report(insights)) + Data("\n".utf8))
    }

    /// Four decimals: finer than any difference a person can feel, and stable to print.
    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    private struct Report: Encodable {
        var insights: Insights

        init(_ insights: Insights) { self.insights = insights }

        enum Key: String, CodingKey {
            case format, version, method, footer, subject, pooled, last, sessions, from, to
            case level, replicates, seed, minimumPerSide, findings, tooFew
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode("backmap.insights", forKey: .format)
            try c.encode(1, forKey: .version)
            try c.encode(Insights.method, forKey: .method)
            try c.encode(Insights.footer, forKey: .footer)
            try c.encode(insights.subject, forKey: .subject)
            try c.encode(insights.isPooled, forKey: .pooled)
            try c.encode(insights.filter.last, forKey: .last)
            try c.encode(insights.sessions.count, forKey: .sessions)
            try c.encode(insights.sessions.first?.startedAt.description, forKey: .from)
            try c.encode(insights.sessions.last?.startedAt.description, forKey: .to)
            try c.encode(Insights.level, forKey: .level)
            try c.encode(Bootstrap.replicates, forKey: .replicates)
            // A string: JSON readers turn integers past 2^53 into doubles and lose digits.
            try c.encode(String(insights.seed), forKey: .seed)
            try c.encode(Insights.minimumPerSide, forKey: .minimumPerSide)
            try c.encode(insights.findings.map(FindingRow.init), forKey: .findings)
            try c.encode(insights.shortfalls.map(ShortfallRow.init), forKey: .tooFew)
        }
    }

    private struct FindingRow: Encodable {
        var finding: InsightFinding

        enum Key: String, CodingKey {
            case kind, name, measure, nextSession, with, without, meanWith, meanWithout
            case difference, low, high, clear, effectSize, sentence
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(finding.factor.kind, forKey: .kind)
            try c.encode(finding.factor.name, forKey: .name)
            try c.encode(finding.measure.rawValue, forKey: .measure)
            try c.encode(finding.nextSession, forKey: .nextSession)
            try c.encode(finding.withCount, forKey: .with)
            try c.encode(finding.withoutCount, forKey: .without)
            try c.encode(rounded(finding.meanWith), forKey: .meanWith)
            try c.encode(rounded(finding.meanWithout), forKey: .meanWithout)
            try c.encode(rounded(finding.difference), forKey: .difference)
            try c.encode(rounded(finding.interval.lowerBound), forKey: .low)
            try c.encode(rounded(finding.interval.upperBound), forKey: .high)
            try c.encode(finding.isClear, forKey: .clear)
            // JSON has no infinity: two groups that never vary and differ have no finite effect size.
            try c.encode(finding.effectSize.isFinite ? rounded(finding.effectSize) : nil, forKey: .effectSize)
            try c.encode(finding.sentence, forKey: .sentence)
        }
    }

    private struct ShortfallRow: Encodable {
        var shortfall: InsightShortfall

        enum Key: String, CodingKey { case kind, name, measure, nextSession, with, without }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(shortfall.factor.kind, forKey: .kind)
            try c.encode(shortfall.factor.name, forKey: .name)
            try c.encode(shortfall.measure?.rawValue, forKey: .measure)
            try c.encode(shortfall.nextSession, forKey: .nextSession)
            try c.encode(shortfall.withCount, forKey: .with)
            try c.encode(shortfall.withoutCount, forKey: .without)
        }
    }
}
