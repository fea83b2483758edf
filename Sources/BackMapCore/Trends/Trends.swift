import Foundation

/// Which sessions a trend looks at: the last `last` sessions, optionally only
/// those of one subject and carrying one tag.
public struct TrendFilter: Hashable, Sendable {
    /// How many of the most recent matching sessions count (at least 1).
    public var last: Int
    public var subject: String?
    public var tag: String?

    /// Thirty sessions is about a month of daily rolling, long enough for a slope to mean something.
    public static let defaultLast = 30

    /// What `--last` may be.
    public static let allowedLast = 1...1_000_000

    public init(last: Int = TrendFilter.defaultLast, subject: String? = nil, tag: String? = nil) {
        self.last = max(1, last)
        self.subject = subject
        self.tag = tag
    }

    /// Whether a session passes the subject and tag conditions.
    public func matches(_ summary: SessionSummary) -> Bool {
        (subject == nil || Subject.matches(summary.subject, subject ?? "")) && (tag == nil || summary.tags.contains(tag ?? ""))
    }
}

/// Whether a zone got tighter or easier over the sessions of a trend.
public enum TrendDirection: String, CaseIterable, Sendable, Codable {
    /// Tightness went down.
    case improving
    /// Tightness went up.
    case worsening
    case steady
    /// Rolled in fewer than `Trends.minimumPoints` of the sessions.
    case notEnoughData = "not-enough-data"

    /// The words for lists and legends.
    public var title: String {
        switch self {
        case .improving: "improving"
        case .worsening: "worsening"
        case .steady: "steady"
        case .notEnoughData: "not enough data"
        }
    }
}

/// How one zone fared over the sessions of a trend. Sessions where the zone
/// was not rolled are left out of every figure: unknown is never 0.
public struct ZoneTrend: Hashable, Sendable {
    public var zone: Zone
    /// Sessions of the trend in which the zone was rolled.
    public var sessionsRolled: Int
    /// Of those, the sessions in which it was tight or very tight (2 or more).
    public var sessionsTight: Int
    /// `sessionsTight / sessionsRolled`, or nil when it was never rolled.
    public var shareTight: Double?
    /// Mean tightness (0–3) over the sessions where it was rolled, or nil.
    public var meanTightness: Double?
    /// Least-squares slope of tightness per session, or nil below `Trends.minimumPoints` points.
    public var slope: Double?
    public var direction: TrendDirection

    /// How often it was tight, on the four fill levels of the map: never (0),
    /// under a third of the sessions (1), under two thirds (2), more (3); nil when never rolled.
    public var heatLevel: Tightness? {
        guard let share = shareTight else { return nil }
        if share <= 0 { return .relaxed }
        if share < 1.0 / 3.0 { return .mild }
        if share < 2.0 / 3.0 { return .tight }
        return .veryTight
    }

    /// The share as a whole percentage, "67%".
    public var percentTight: String? {
        shareTight.map { "\(Int(($0 * 100).rounded()))%" }
    }
}

/// One session on the score chart.
public struct TrendPoint: Hashable, Sendable {
    public var id: SessionID
    public var startedAt: Timestamp
    /// Whose back, as stored: pooled trends name each session's subject.
    public var subject: String
    /// Zones rolled in the session.
    public var zonesRated: Int
    public var tightZones: Int
    /// The sum of the ratings, or nil when nothing was rolled (not a score of 0).
    public var score: Int?
    /// The mean tightness of the zones rolled (0–3), or nil when nothing was rolled:
    /// what charts over time plot, since it does not grow with how many zones were rolled.
    public var meanTightness: Double?

    /// Fewer than `BackMap.fullCoverage` zones rolled: charts mark it.
    public var isPartial: Bool { zonesRated < BackMap.fullCoverage }
}

/// Per-zone trends and the score over the last N sessions.
///
/// Built from `SessionSummary` values (each carries its map), so it never
/// reads a session file: trends over ten years of history stay fast.
public struct Trends: Hashable, Sendable {
    /// The one-sentence method, shown in help and written into `--json`.
    public static let method = "Direction is the least-squares slope of a zone's tightness against the session's position in the window, over the sessions where the zone was rolled (at least 3 of them): below -0.05 per session is improving, above +0.05 worsening, in between steady."
    /// Fewer points than this give no direction: two points always make a perfect line.
    public static let minimumPoints = 3
    /// Slopes within ±0.05 levels per session count as steady: less than a level and a half over 30 sessions.
    public static let steadySlope = 0.05

    public var filter: TrendFilter
    /// Sessions that match the subject and tag, before taking the last N.
    public var matchingCount: Int
    /// The sessions of the trend, oldest first.
    public var sessions: [TrendPoint]
    /// The subjects of those sessions, in their stored spelling: one, unless pooled.
    public var subjects: [String]
    /// One entry per zone, in `Zone.all` order.
    public var zones: [ZoneTrend]
    /// Sessions of the window with a release (two or more passes, a zone rolled in the first and the last).
    public var sessionsWithRelease: Int
    /// Their mean release (`SessionRelease.meanDrop`): how far the mean tightness fell from the
    /// first pass to the last, on average; nil when no session of the window has one.
    public var averageRelease: Double?

    /// Computes the trend of the sessions in `summaries` (any order) that `filter` selects.
    public init(_ summaries: [SessionSummary], filter: TrendFilter = TrendFilter()) {
        // Only the window is kept: the newest `last` matching sessions, found from the end of
        // the store's sessions (a scan gives them in order) without a copy of the rest.
        let ordered = SessionStore.isChronological(summaries) ? summaries : summaries.sorted(by: SessionSummary.chronological)
        var window: [SessionSummary] = []
        var matching = 0
        for index in ordered.indices.reversed() where filter.matches(ordered[index]) {
            matching += 1
            if window.count < filter.last { window.append(ordered[index]) }
        }
        window.reverse()
        self.filter = filter
        matchingCount = matching
        sessions = window.map { summary in
            let map = summary.map
            return TrendPoint(id: summary.id, startedAt: summary.startedAt, subject: summary.subject, zonesRated: map.ratedCount,
                              tightZones: map.tightCount, score: map.ratedCount == 0 ? nil : map.score,
                              meanTightness: map.meanTightness)
        }
        let releases = window.compactMap { $0.release?.meanDrop }
        sessionsWithRelease = releases.count
        averageRelease = releases.isEmpty ? nil : releases.reduce(0, +) / Double(releases.count)
        subjects = Subject.known(in: window)
        zones = Zone.all.map { zone in
            var points: [(x: Double, y: Double)] = []
            var tight = 0
            for (index, summary) in window.enumerated() {
                guard let value = summary.map[zone] else { continue }
                points.append((Double(index), Double(value.rawValue)))
                if value.isTight { tight += 1 }
            }
            let rolled = points.count
            let mean = rolled == 0 ? nil : points.reduce(0) { $0 + $1.y } / Double(rolled)
            let slope = rolled >= Trends.minimumPoints ? Trends.leastSquaresSlope(points) : nil
            return ZoneTrend(zone: zone, sessionsRolled: rolled, sessionsTight: tight,
                             shareTight: rolled == 0 ? nil : Double(tight) / Double(rolled),
                             meanTightness: mean, slope: slope, direction: Trends.direction(slope))
        }
    }

    public subscript(zone: Zone) -> ZoneTrend { zones[zone.index] }

    /// The mean tightness over every zone rolled in the window's sessions, or nil when nothing was.
    public var meanTightness: Double? {
        var sum = 0.0
        var count = 0
        for point in sessions {
            guard let mean = point.meanTightness else { continue }
            sum += mean * Double(point.zonesRated)
            count += point.zonesRated
        }
        return count == 0 ? nil : sum / Double(count)
    }

    /// Whose back the figures are about: the subject named by the filter, else
    /// "all subjects" with their names, so pooled figures never pass for one person's.
    public var subjectTitle: String {
        if let subject = filter.subject { return subjects.first ?? subject }
        switch subjects.count {
        case 0: return "all subjects"
        case 1: return "all subjects (\(subjects[0]))"
        case 2...3: return "all subjects pooled (\(subjects.joined(separator: ", ")))"
        default: return "all \(subjects.count) subjects pooled"
        }
    }

    /// How many zones go each way.
    public func count(_ direction: TrendDirection) -> Int { zones.lazy.filter { $0.direction == direction }.count }

    /// A figure as the screens and reports show it: at most `digits` decimals, no trailing zeros.
    public static func figure(_ value: Double, digits: Int = 1) -> String {
        Markup.decimal(value, digits: digits)
    }

    /// The direction a slope stands for.
    public static func direction(_ slope: Double?) -> TrendDirection {
        guard let slope else { return .notEnoughData }
        if abs(slope) < steadySlope { return .steady }
        return slope < 0 ? .improving : .worsening
    }

    /// Ordinary least squares: Σ(x−x̄)(y−ȳ) / Σ(x−x̄)²; nil when all x are equal.
    static func leastSquaresSlope(_ points: [(x: Double, y: Double)]) -> Double? {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let meanX = points.reduce(0) { $0 + $1.x } / n
        let meanY = points.reduce(0) { $0 + $1.y } / n
        var covariance = 0.0
        var variance = 0.0
        for point in points {
            covariance += (point.x - meanX) * (point.y - meanY)
            variance += (point.x - meanX) * (point.x - meanX)
        }
        return variance == 0 ? nil : covariance / variance
    }
}
