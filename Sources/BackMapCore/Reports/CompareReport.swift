import Foundation

/// The JSON form of a comparison, for `compare --json`: both sides, the
/// summary, and every zone with its two values and its change.
///
/// Unknown values are written as `null`, never left out, so a script can tell
/// "not rolled" from a missing field.
public enum CompareReport {
    public static func json(_ comparison: SessionComparison) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Subjects come from files: no raw control or bidi character reaches a terminal.
        return TerminalText.terminalSafeJSON(try encoder.encode(Report(comparison)) + Data("\n".utf8))
    }

    private struct Report: Encodable {
        var a: SideReport
        var b: SideReport
        var summary: Summary
        var zones: [ZoneReport]

        init(_ comparison: SessionComparison) {
            let maps = comparison.maps
            a = SideReport(comparison.a)
            b = SideReport(comparison.b)
            summary = Summary(comparison)
            zones = Zone.all.map { ZoneReport(zone: $0, maps: maps) }
        }
    }

    private struct SideReport: Encodable {
        var side: ComparisonSide

        init(_ side: ComparisonSide) { self.side = side }

        enum Key: String, CodingKey {
            case id, startedAt, subject, technique, pass, passes, painBefore, painAfter
            case zonesRated, score, meanTightness, partial, tightZones, tightExtent
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(side.id.rawValue, forKey: .id)
            try c.encode(side.startedAt.description, forKey: .startedAt)
            try c.encode(side.subject, forKey: .subject)
            try c.encode(side.technique.rawValue, forKey: .technique)
            try c.encode(side.pass, forKey: .pass)
            try c.encode(side.passes, forKey: .passes)
            try c.encode(side.painBefore, forKey: .painBefore)
            try c.encode(side.painAfter, forKey: .painAfter)
            try c.encode(side.map.ratedCount, forKey: .zonesRated)
            // Null when nothing was rolled: no score, not a score of 0.
            try c.encode(side.map.ratedCount == 0 ? nil : side.map.score, forKey: .score)
            try c.encode(BackMap.roundedMean(side.map.meanTightness), forKey: .meanTightness)
            try c.encode(side.map.isPartial, forKey: .partial)
            try c.encode(side.map.tightCount, forKey: .tightZones)
            try c.encode(side.map.tightExtent, forKey: .tightExtent)
        }
    }

    private struct Summary: Encodable {
        var maps: Comparison
        var sameSubject: Bool

        init(_ comparison: SessionComparison) {
            maps = comparison.maps
            sameSubject = comparison.sameSubject
        }

        enum Key: String, CodingKey {
            case better, worse, same, unknownInA, unknownInB, unknownInBoth
            case commonZones, commonScoreA, commonScoreB, tightOverlap, meanTightnessA, meanTightnessB, sameSubject
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(maps.count(.better), forKey: .better)
            try c.encode(maps.count(.worse), forKey: .worse)
            try c.encode(maps.count(.same), forKey: .same)
            try c.encode(maps.count(.unknownInA), forKey: .unknownInA)
            try c.encode(maps.count(.unknownInB), forKey: .unknownInB)
            try c.encode(maps.count(.unknownInBoth), forKey: .unknownInBoth)
            let common = maps.commonScores
            try c.encode(maps.commonZones.count, forKey: .commonZones)
            try c.encode(common.a, forKey: .commonScoreA)
            try c.encode(common.b, forKey: .commonScoreB)
            // Encoding an Optional through `encode` writes null rather than dropping the key.
            try c.encode(maps.tightOverlap, forKey: .tightOverlap)
            try c.encode(BackMap.roundedMean(maps.a.meanTightness), forKey: .meanTightnessA)
            try c.encode(BackMap.roundedMean(maps.b.meanTightness), forKey: .meanTightnessB)
            // Two people's backs compared: allowed, but never without saying so.
            try c.encode(sameSubject, forKey: .sameSubject)
        }
    }

    private struct ZoneReport: Encodable {
        var zone: Zone
        var maps: Comparison

        enum Key: String, CodingKey { case side, segment, a, b, change }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(zone.side.rawValue, forKey: .side)
            try c.encode(zone.segment.rawValue, forKey: .segment)
            try c.encode(maps.a[zone]?.rawValue, forKey: .a)
            try c.encode(maps.b[zone]?.rawValue, forKey: .b)
            try c.encode(maps.change(at: zone).rawValue, forKey: .change)
        }
    }
}
