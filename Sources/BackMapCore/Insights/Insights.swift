/// Which sessions insights look at: one subject's (or all pooled), optionally only the last N.
public struct InsightsFilter: Hashable, Sendable {
    /// The subject, matched case-insensitively; nil takes the newest session's subject,
    /// `InsightsFilter.allSubjects` pools every subject.
    public var subject: String?
    /// Only the most recent `last` sessions of the selection; nil for all of them.
    public var last: Int?

    /// The `--subject` value that pools every subject.
    public static let allSubjects = "all"

    public init(subject: String? = nil, last: Int? = nil) {
        self.subject = subject
        self.last = last.map { max(1, $0) }
    }
}

/// What helps: for each tag and technique, the sessions with it against those without,
/// on mean tightness, tight extent, pain change and release, and for tags the session
/// after (SPEC 9).
///
/// Built from `SessionSummary` values, so it reads no session file. Every interval
/// comes from a seeded bootstrap: the same store always gives the same figures.
/// These are associations in the person's own records and the wording says so.
public struct Insights: Hashable, Sendable {
    /// Fewer sessions than this on either side give no figure: a mean of two or three
    /// sessions moves with every one of them.
    public static let minimumPerSide = 5
    /// The coverage of the intervals.
    public static let level = 0.9
    /// The bootstrap's seed unless told otherwise ("backmap!" in ASCII).
    public static let defaultSeed: UInt64 = 0x6261_636B_6D61_7021

    /// How the figures are made, for help, the screen and `--json`.
    public static let method = "Each figure is the mean of the sessions with a tag or technique minus the mean of those without, with a 90% bootstrap interval (\(Bootstrap.replicates) resamples, seeded, so the same sessions always give the same figures); an interval that contains 0 is no clear difference. Tight extent is the share of rolled zones rated 2 or 3, in percentage points; pain change is after minus before; release is how far the mean tightness fell from a session's first pass to its last; the session after is the same person's next session. Sorted by effect size (the difference in standard deviations), clear differences first."
    /// The footer under every list of findings.
    public static let footer = "These are associations in your own records, not causes: a tag can travel with other habits, the season or a good week. Tag at least \(minimumPerSide) sessions with and \(minimumPerSide) without to compare them."

    public var filter: InsightsFilter
    /// The subject looked at (its stored spelling), or nil when subjects are pooled or there is none.
    public var subject: String?
    /// The sessions looked at, oldest first.
    public var sessions: [SessionSummary]
    public var seed: UInt64
    /// Clear differences first, then by the size of the effect.
    public var findings: [InsightFinding]
    /// Comparisons not made for want of sessions, in factor order.
    public var shortfalls: [InsightShortfall]

    public var isPooled: Bool { filter.subject.map(Self.isAll) ?? false }

    public init(_ summaries: [SessionSummary], filter: InsightsFilter = InsightsFilter(), seed: UInt64 = Insights.defaultSeed) {
        self.filter = filter
        self.seed = seed
        let ordered = summaries.sorted(by: SessionSummary.chronological)
        let pooled = filter.subject.map(Self.isAll) ?? false
        let chosen: String? = pooled ? nil : (filter.subject ?? ordered.last?.subject)
        let selected = chosen.map { subject in ordered.filter { Self.sameSubject($0.subject, subject) } } ?? ordered
        subject = chosen.flatMap { subject in selected.last?.subject ?? subject }
        sessions = filter.last.map { Array(selected.suffix($0)) } ?? selected

        var findings: [InsightFinding] = []
        var shortfalls: [InsightShortfall] = []
        let pairs = Self.nextPairs(sessions)
        for factor in Self.factors(in: sessions) {
            Self.compare(factor, groups: sessions.map { ($0, $0) }, measures: InsightMeasure.sameSession,
                         nextSession: false, seed: seed, findings: &findings, shortfalls: &shortfalls)
            if case .tag = factor {
                Self.compare(factor, groups: pairs, measures: InsightMeasure.nextSession,
                             nextSession: true, seed: seed, findings: &findings, shortfalls: &shortfalls)
            }
        }
        self.findings = findings.sorted(by: Self.ranked)
        self.shortfalls = shortfalls
    }

    /// Every tag in the sessions, then every technique, each once and in a stable order.
    /// With exactly two techniques, "with one" is "without the other": only the less
    /// used one is kept, so the same split is not listed twice as mirror images.
    static func factors(in sessions: [SessionSummary]) -> [InsightFactor] {
        let tags = Set(sessions.flatMap(\.tags)).sorted()
        var techniques = Technique.allCases.filter { technique in sessions.contains { $0.technique == technique } }
        if techniques.count == 2 {
            let uses = techniques.map { technique in sessions.lazy.filter { $0.technique == technique }.count }
            techniques = [uses[1] < uses[0] ? techniques[1] : techniques[0]]
        }
        return tags.map(InsightFactor.tag) + techniques.map(InsightFactor.technique)
    }

    /// Each session with the same person's next one among `sessions` (oldest first).
    static func nextPairs(_ sessions: [SessionSummary]) -> [(SessionSummary, SessionSummary)] {
        var previous: [String: SessionSummary] = [:]
        var pairs: [(SessionSummary, SessionSummary)] = []
        for session in sessions {
            let key = session.subject.lowercased()
            if let before = previous[key] { pairs.append((before, session)) }
            previous[key] = session
        }
        return pairs
    }

    /// Splits `groups` by whether the first session has `factor` and compares the second
    /// session's figures on each measure.
    private static func compare(_ factor: InsightFactor, groups: [(SessionSummary, SessionSummary)],
                                measures: [InsightMeasure], nextSession: Bool, seed: UInt64,
                                findings: inout [InsightFinding], shortfalls: inout [InsightShortfall]) {
        let withCount = groups.lazy.filter { factor.applies(to: $0.0) }.count
        let withoutCount = groups.count - withCount
        guard withCount >= minimumPerSide, withoutCount >= minimumPerSide else {
            shortfalls.append(InsightShortfall(factor: factor, measure: nil, nextSession: nextSession,
                                               withCount: withCount, withoutCount: withoutCount))
            return
        }
        for measure in measures {
            var with: [Double] = []
            var without: [Double] = []
            for (session, measured) in groups {
                guard let value = measure.value(of: measured) else { continue }
                if factor.applies(to: session) { with.append(value) } else { without.append(value) }
            }
            guard with.count >= minimumPerSide, without.count >= minimumPerSide else {
                shortfalls.append(InsightShortfall(factor: factor, measure: measure, nextSession: nextSession,
                                                   withCount: with.count, withoutCount: without.count))
                continue
            }
            let name = "\(factor.kind):\(factor.name):\(measure.rawValue):\(nextSession ? "next" : "same")"
            let interval = Bootstrap.differenceOfMeans(with, without, level: level,
                                                       seed: SeededGenerator.seed(seed, name))
            findings.append(InsightFinding(
                factor: factor, measure: measure, nextSession: nextSession,
                withCount: with.count, withoutCount: without.count,
                meanWith: mean(with), meanWithout: mean(without), interval: interval,
                effectSize: effectSize(with, without)))
        }
    }

    static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }

    /// Cohen's d: the difference of the means over the pooled sample standard deviation.
    static func effectSize(_ a: [Double], _ b: [Double]) -> Double {
        let difference = mean(a) - mean(b)
        let squares = { (values: [Double]) -> Double in
            let m = mean(values)
            return values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        }
        let pooled = ((squares(a) + squares(b)) / Double(a.count + b.count - 2)).squareRoot()
        if pooled == 0 { return difference == 0 ? 0 : (difference < 0 ? -.infinity : .infinity) }
        return difference / pooled
    }

    /// Clear before unclear, then the bigger effect, then factor, measure and the session after last.
    static func ranked(_ a: InsightFinding, _ b: InsightFinding) -> Bool {
        if a.isClear != b.isClear { return a.isClear }
        if abs(a.effectSize) != abs(b.effectSize) { return abs(a.effectSize) > abs(b.effectSize) }
        if a.factor != b.factor { return InsightFactor.precedes(a.factor, b.factor) }
        if a.nextSession != b.nextSession { return !a.nextSession }
        let order = InsightMeasure.allCases
        return (order.firstIndex(of: a.measure) ?? 0) < (order.firstIndex(of: b.measure) ?? 0)
    }

    static func isAll(_ subject: String) -> Bool { subject.lowercased() == InsightsFilter.allSubjects }

    static func sameSubject(_ a: String, _ b: String) -> Bool { a.lowercased() == b.lowercased() }

    /// "me, 42 sessions from 2026-01-03 to 2026-03-01", the line above the findings.
    public var scope: String {
        let who = isPooled ? "all subjects pooled" : (subject ?? "no sessions")
        let count = sessions.count == 1 ? "1 session" : "\(sessions.count) sessions"
        guard let first = sessions.first, let last = sessions.last else { return "\(who), no sessions" }
        return "\(who), \(count) from \(first.startedAt.day) to \(last.startedAt.day)"
    }

    /// What to do when there is nothing to show, or nil when there are findings.
    public var emptyAdvice: String? {
        guard findings.isEmpty else { return nil }
        if sessions.isEmpty { return "No sessions to compare yet." }
        if Self.factors(in: sessions).allSatisfy({ if case .technique = $0 { true } else { false } })
            && Set(sessions.map(\.technique)).count < 2 {
            return "No tags yet: tag at least \(Self.minimumPerSide) sessions with and \(Self.minimumPerSide) without (epsom, stretch, water…) to see what goes with a looser back."
        }
        return "Nothing to compare yet: tag at least \(Self.minimumPerSide) sessions with and \(Self.minimumPerSide) without."
    }
}
