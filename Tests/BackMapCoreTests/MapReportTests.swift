import BackMapCore
import Foundation
import Testing

@Suite("Map report (show --json)")
struct MapReportTests {
    @Test func unknownZonesAreNullAndRatedZonesCarryTheirLevel() throws {
        let start = try #require(Timestamp(iso8601: "2026-11-24T19:02:11+01:00"))
        var session = Session(id: SessionID.make(at: start), startedAt: start)
        session.marks = [
            Mark(at: start, pass: 1, zone: Zone(.left, .s1), tightness: .tight),
            Mark(at: start, pass: 1, zone: Zone(.right, .t1), tightness: .relaxed),
        ]
        let report = try #require(try JSONSerialization.jsonObject(with: MapReport.json(session, pass: nil)) as? [String: Any])
        let zones = try #require(report["zones"] as? [[String: Any]])
        #expect(zones.count == Zone.all.count)
        for entry in zones {
            let side = entry["side"] as? String, segment = entry["segment"] as? String
            switch (side, segment) {
            case ("left", "S1"): #expect(entry["tightness"] as? Int == 2)
            case ("right", "T1"): #expect(entry["tightness"] as? Int == 0)
            default: #expect(entry["tightness"] is NSNull, "\(side ?? "?") \(segment ?? "?") is null, not missing or 0")
            }
        }
    }

    @Test func theReleaseIsWrittenForSessionsOfTwoPassesAndNullOtherwise() throws {
        let start = try #require(Timestamp(iso8601: "2026-11-24T19:02:11+01:00"))
        var session = Session(id: SessionID.make(at: start), startedAt: start)
        session.marks = [
            Mark(at: start, pass: 1, zone: Zone(.left, .s1), tightness: .veryTight),
            Mark(at: start, pass: 1, zone: Zone(.left, .l5), tightness: .mild),
            Mark(at: start, pass: 1, zone: Zone(.left, .l4), tightness: .mild),
        ]
        let single = try #require(try JSONSerialization.jsonObject(with: MapReport.json(session, pass: nil)) as? [String: Any])
        #expect(single["release"] is NSNull)
        session.marks += [
            Mark(at: start, pass: 2, zone: Zone(.left, .s1), tightness: .mild),
            Mark(at: start, pass: 2, zone: Zone(.left, .l5), tightness: .tight),
            Mark(at: start, pass: 2, zone: Zone(.left, .l4), tightness: .mild),
        ]
        let report = try #require(try JSONSerialization.jsonObject(with: MapReport.json(session, pass: nil)) as? [String: Any])
        let release = try #require(report["release"] as? [String: Any])
        // Before 3, 1, 1 (mean 5/3 = 1.6667); after 1, 2, 1 (mean 4/3 = 1.3333).
        #expect(release["firstPass"] as? Int == 1 && release["lastPass"] as? Int == 2)
        #expect(release["released"] as? Int == 1 && release["tightened"] as? Int == 1 && release["unchanged"] as? Int == 1)
        #expect(release["zonesCompared"] as? Int == 3)
        #expect(release["meanBefore"] as? Double == 1.6667)
        #expect(release["meanAfter"] as? Double == 1.3333)
    }
}
