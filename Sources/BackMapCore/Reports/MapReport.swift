import Foundation

/// The JSON form of one map, for `show --json`.
public enum MapReport {
    public static func json(_ session: Session, pass: Int?) throws -> Data {
        struct ZoneValue: Encodable {
            var side: String
            var segment: String
            var tightness: Int?
            var note: String?

            enum CodingKeys: String, CodingKey { case side, segment, tightness, note }

            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(side, forKey: .side)
                try container.encode(segment, forKey: .segment)
                // Unknown is not 0 and not forgotten: it is spelled out as null.
                try container.encode(tightness, forKey: .tightness)
                try container.encodeIfPresent(note, forKey: .note)
            }
        }
        struct Report: Encodable {
            var id: String
            var startedAt: String
            var subject: String
            var technique: String
            var pass: Int?
            var passes: [Int]
            var painBefore: Int?
            var painAfter: Int?
            var note: String?
            var tags: [String]
            var zonesRated: Int
            /// Null when nothing was rolled: no score, not a score of 0.
            var score: Int?
            var meanTightness: Double?
            var partial: Bool
            var tightZones: Int
            var zones: [ZoneValue]

            enum CodingKeys: String, CodingKey {
                case id, startedAt, subject, technique, pass, passes, painBefore, painAfter, note, tags
                case zonesRated, score, meanTightness, partial, tightZones, zones
            }

            // The figures are always present (null when absent); the optional details only when set.
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(id, forKey: .id)
                try c.encode(startedAt, forKey: .startedAt)
                try c.encode(subject, forKey: .subject)
                try c.encode(technique, forKey: .technique)
                try c.encodeIfPresent(pass, forKey: .pass)
                try c.encode(passes, forKey: .passes)
                try c.encodeIfPresent(painBefore, forKey: .painBefore)
                try c.encodeIfPresent(painAfter, forKey: .painAfter)
                try c.encodeIfPresent(note, forKey: .note)
                try c.encode(tags, forKey: .tags)
                try c.encode(zonesRated, forKey: .zonesRated)
                try c.encode(score, forKey: .score)
                try c.encode(meanTightness, forKey: .meanTightness)
                try c.encode(partial, forKey: .partial)
                try c.encode(tightZones, forKey: .tightZones)
                try c.encode(zones, forKey: .zones)
            }
        }
        let map = pass.map { session.map(pass: $0) } ?? session.map
        let report = Report(
            id: session.id.rawValue, startedAt: session.startedAt.description, subject: session.subject,
            technique: session.technique.rawValue, pass: pass, passes: session.passes,
            painBefore: session.painBefore, painAfter: session.painAfter, note: session.note, tags: session.tags,
            zonesRated: map.ratedCount, score: map.ratedCount == 0 ? nil : map.score,
            meanTightness: BackMap.roundedMean(map.meanTightness), partial: map.isPartial, tightZones: map.tightCount,
            zones: Zone.all.map { zone in
                ZoneValue(side: zone.side.rawValue, segment: zone.segment.rawValue, tightness: map[zone]?.rawValue,
                          note: session.note(for: zone).flatMap { $0.isEmpty ? nil : $0 })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Notes and the subject come from a file: no raw control or bidi character reaches a terminal.
        return TerminalText.terminalSafeJSON(try encoder.encode(report) + Data("\n".utf8))
    }
}
