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
            var score: Int
            var tightZones: Int
            var zones: [ZoneValue]
        }
        let map = pass.map { session.map(pass: $0) } ?? session.map
        let report = Report(
            id: session.id.rawValue, startedAt: session.startedAt.description, subject: session.subject,
            technique: session.technique.rawValue, pass: pass, passes: session.passes,
            painBefore: session.painBefore, painAfter: session.painAfter, note: session.note, tags: session.tags,
            zonesRated: map.ratedCount, score: map.score, tightZones: map.tightCount,
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
