import Foundation

/// The JSON form of a trend, for `trends --json`.
///
/// Every key is always present; figures that do not exist (a zone never
/// rolled, a session with nothing rolled) are `null`, never 0.
public enum TrendsReport {
    public static func json(_ trends: Trends) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Subjects and tags come from files: no raw control or bidi character reaches a terminal.
        return TerminalText.terminalSafeJSON(try encoder.encode(Report(trends)) + Data("\n".utf8))
    }

    /// Four decimals are plenty for shares and means of a 0–3 scale, and keep the output readable.
    static func rounded(_ value: Double?) -> Double? {
        value.map { ($0 * 10_000).rounded() / 10_000 }
    }

    private struct Report: Encodable {
        var trends: Trends

        init(_ trends: Trends) { self.trends = trends }

        enum Key: String, CodingKey {
            case format, version, method, last, subject, subjects, pooled, tag, matchingSessions, meanTightness, sessions, zones
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode("backmap.trends", forKey: .format)
            try c.encode(1, forKey: .version)
            try c.encode(Trends.method, forKey: .method)
            try c.encode(trends.filter.last, forKey: .last)
            // The stored spelling of the subject asked for; null when every subject is pooled.
            try encodeOptional(trends.filter.subject.map { trends.subjects.first ?? $0 }, forKey: .subject, in: &c)
            try c.encode(trends.subjects, forKey: .subjects)
            try c.encode(trends.filter.subject == nil && trends.subjects.count > 1, forKey: .pooled)
            try encodeOptional(rounded(trends.meanTightness), forKey: .meanTightness, in: &c)
            try encodeOptional(trends.filter.tag, forKey: .tag, in: &c)
            try c.encode(trends.matchingCount, forKey: .matchingSessions)
            try c.encode(trends.sessions.map(SessionRow.init), forKey: .sessions)
            try c.encode(trends.zones.map(ZoneRow.init), forKey: .zones)
        }
    }

    private struct SessionRow: Encodable {
        var point: TrendPoint
        enum Key: String, CodingKey { case id, startedAt, subject, zonesRated, tightZones, score, meanTightness, partial }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(point.id, forKey: .id)
            try c.encode(point.startedAt, forKey: .startedAt)
            try c.encode(point.zonesRated, forKey: .zonesRated)
            try c.encode(point.tightZones, forKey: .tightZones)
            try c.encode(point.subject, forKey: .subject)
            try encodeOptional(point.score, forKey: .score, in: &c)
            try encodeOptional(rounded(point.meanTightness), forKey: .meanTightness, in: &c)
            try c.encode(point.isPartial, forKey: .partial)
        }
    }

    private struct ZoneRow: Encodable {
        var trend: ZoneTrend
        enum Key: String, CodingKey {
            case side, segment, sessionsRolled, sessionsTight, shareTight, meanTightness, slope, direction
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(trend.zone.side, forKey: .side)
            try c.encode(trend.zone.segment, forKey: .segment)
            try c.encode(trend.sessionsRolled, forKey: .sessionsRolled)
            try c.encode(trend.sessionsTight, forKey: .sessionsTight)
            try encodeOptional(rounded(trend.shareTight), forKey: .shareTight, in: &c)
            try encodeOptional(rounded(trend.meanTightness), forKey: .meanTightness, in: &c)
            try encodeOptional(rounded(trend.slope), forKey: .slope, in: &c)
            try c.encode(trend.direction, forKey: .direction)
        }
    }

    /// JSONEncoder leaves out nil values; a reader should see `null` instead of guessing.
    private static func encodeOptional<K: CodingKey, T: Encodable>(_ value: T?, forKey key: K,
                                                                  in c: inout KeyedEncodingContainer<K>) throws {
        if let value { try c.encode(value, forKey: key) } else { try c.encodeNil(forKey: key) }
    }
}
