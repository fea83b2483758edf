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
}
