import BackMapCore
import Foundation
import Testing

@Suite struct ComparisonTests {
    private func time(_ text: String) -> Timestamp {
        Timestamp(iso8601: text) ?? Timestamp(date: Date(timeIntervalSince1970: 0), utcOffset: 0)
    }

    private func session(_ id: String, at start: String, marks: [(pass: Int, zone: Zone, value: Tightness?)],
                         painBefore: Int? = nil, painAfter: Int? = nil) -> Session {
        let begin = time(start)
        var session = Session(id: SessionID(id) ?? SessionID.make(at: begin), startedAt: begin,
                              painBefore: painBefore, painAfter: painAfter)
        for (offset, mark) in marks.enumerated() {
            let at = Timestamp(date: begin.date.addingTimeInterval(Double(offset * 10)), utcOffset: begin.utcOffset)
            session.marks.append(Mark(at: at, pass: mark.pass, zone: mark.zone, tightness: mark.value))
        }
        return session
    }

    @Test func eachZoneChangeFollowsTheTwoValues() {
        #expect(ZoneChange(from: .tight, to: .mild) == .better)
        #expect(ZoneChange(from: .relaxed, to: .veryTight) == .worse)
        #expect(ZoneChange(from: .mild, to: .mild) == .same)
        #expect(ZoneChange(from: nil, to: .relaxed) == .unknownInA)
        #expect(ZoneChange(from: .relaxed, to: nil) == .unknownInB)
        #expect(ZoneChange(from: nil, to: nil) == .unknownInBoth)
    }

    @Test func unknownZonesAreNeverBetterOrWorse() {
        var a = BackMap()
        var b = BackMap()
        a[.left, .t7] = .veryTight          // better: 3 → 1
        b[.left, .t7] = .mild
        a[.left, .l4] = .relaxed            // worse: 0 → 2
        b[.left, .l4] = .tight
        a[.right, .t7] = .tight             // same: 2 → 2
        b[.right, .t7] = .tight
        a[.right, .s1] = .veryTight         // rolled in A only
        b[.left, .s1] = .relaxed            // rolled in B only (a relaxed B is not "better" than unknown)
        let comparison = BackMap.compare(a, b)

        #expect(comparison.change(at: Zone(.left, .t7)) == .better)
        #expect(comparison.change(at: Zone(.left, .l4)) == .worse)
        #expect(comparison.change(at: Zone(.right, .t7)) == .same)
        #expect(comparison.change(at: Zone(.right, .s1)) == .unknownInB)
        #expect(comparison.change(at: Zone(.left, .s1)) == .unknownInA)
        #expect(comparison.betterCount == 1)
        #expect(comparison.worseCount == 1)
        #expect(comparison.sameCount == 1)
        #expect(comparison.count(.unknownInA) == 1)
        #expect(comparison.count(.unknownInB) == 1)
        #expect(comparison.count(.unknownInBoth) == 36 - 5)
        #expect(comparison.changes.count == 36)
        // Only the three zones rolled on both sides count: A 3+0+2, B 1+2+2.
        #expect(comparison.commonZones.count == 3)
        #expect(comparison.commonScores.a == 5)
        #expect(comparison.commonScores.b == 5)
        // Whole-map scores include what only one side rolled: A 3+0+2+3, B 1+2+2+0.
        #expect(a.score == 8)
        #expect(b.score == 5)
    }

    @Test func tightOverlapIsTheJaccardIndexOfTheTightZones() {
        var a = BackMap()
        var b = BackMap()
        // A tight: L T1, L T2, R T3. B tight: L T2, R T3, R T4. Mild zones do not count.
        a[.left, .t1] = .tight
        a[.left, .t2] = .veryTight
        a[.right, .t3] = .tight
        a[.right, .t4] = .mild
        b[.left, .t1] = .mild
        b[.left, .t2] = .tight
        b[.right, .t3] = .veryTight
        b[.right, .t4] = .tight
        // |A ∩ B| = 2 (L T2, R T3), |A ∪ B| = 4.
        #expect(BackMap.compare(a, b).tightOverlap == 0.5)
        #expect(BackMap.compare(a, a).tightOverlap == 1)
        var disjoint = BackMap()
        disjoint[.left, .s1] = .tight
        #expect(BackMap.compare(a, disjoint).tightOverlap == 0)
    }

    @Test func tightOverlapIsNilWhenNeitherSideHasATightZone() {
        var a = BackMap()
        a[.left, .t1] = .mild
        #expect(BackMap.compare(a, BackMap()).tightOverlap == nil)
        #expect(BackMap.compare(BackMap(), BackMap()).tightOverlap == nil)
    }

    @Test func passesAreComparedThroughTheMapOfThePassChosen() {
        let t7 = Zone(.left, .t7)
        let l4 = Zone(.right, .l4)
        let older = session("20261110-190000-aaaa", at: "2026-11-10T19:00:00+01:00", marks: [
            (1, t7, .veryTight), (1, l4, .tight),
            (2, t7, .mild),                        // pass 2 loosened T7; L4 not rolled again
        ], painBefore: 6, painAfter: 3)
        let newer = session("20261124-190000-bbbb", at: "2026-11-24T19:00:00+01:00", marks: [
            (1, t7, .tight), (1, l4, .relaxed),
            (2, t7, .relaxed), (2, l4, nil),       // L4 cleared in pass 2
        ], painBefore: 4)

        // Whole sessions: older T7 1 (pass 2), L4 2; newer T7 0, L4 cleared by the latest pass.
        let whole = SessionComparison(older, with: newer).maps
        #expect(whole.change(at: t7) == .better)
        #expect(whole.change(at: l4) == .unknownInB)

        // First passes: T7 3 → 2 better, L4 2 → 0 better.
        let first = SessionComparison(older, pass: 1, with: newer, pass: 1)
        #expect(first.maps.change(at: t7) == .better)
        #expect(first.maps.change(at: l4) == .better)
        #expect(first.maps.betterCount == 2)
        #expect(first.a.map.score == 5)
        #expect(first.b.map.score == 2)
        #expect(first.a.map.tightExtent == 1)
        #expect(first.b.map.tightExtent == 0.5)
        #expect(first.maps.tightOverlap == 0.5)

        // Older pass 2 against newer pass 1: T7 1 → 2 worse; L4 only in the newer.
        let mixed = SessionComparison(older, pass: 2, with: newer, pass: 1).maps
        #expect(mixed.change(at: t7) == .worse)
        #expect(mixed.change(at: l4) == .unknownInA)

        #expect(first.a.painBefore == 6)
        #expect(first.a.painAfter == 3)
        #expect(first.b.painBefore == 4)
        #expect(first.b.painAfter == nil)
        #expect(first.a.passTitle == "pass 1 of 2")
        #expect(SessionComparison(older, with: newer).a.passTitle == "all 2 passes")
    }

    @Test func jsonReportSpellsOutUnknownValuesAndTheSummary() throws {
        let t7 = Zone(.left, .t7)
        let a = session("20261110-190000-aaaa", at: "2026-11-10T19:00:00+01:00", marks: [(1, t7, .veryTight)], painBefore: 6, painAfter: 3)
        let b = session("20261124-190000-bbbb", at: "2026-11-24T19:00:00+01:00", marks: [(1, t7, .mild), (1, Zone(.right, .s1), .tight)])
        let data = try CompareReport.json(SessionComparison(a, with: b))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["better"] as? Int == 1)
        #expect(summary["worse"] as? Int == 0)
        #expect(summary["unknownInA"] as? Int == 1)
        #expect(summary["unknownInBoth"] as? Int == 34)
        #expect(summary["tightOverlap"] as? Double == 0)
        let sideA = try #require(object["a"] as? [String: Any])
        #expect(sideA["id"] as? String == "20261110-190000-aaaa")
        #expect(sideA["painBefore"] as? Int == 6)
        #expect(sideA["pass"] is NSNull)
        #expect(sideA["tightExtent"] as? Double == 1)
        let sideB = try #require(object["b"] as? [String: Any])
        #expect(sideB["painBefore"] is NSNull)
        #expect(sideB["tightExtent"] as? Double == 0.5)
        let zones = try #require(object["zones"] as? [[String: Any]])
        #expect(zones.count == 36)
        let rightS1 = try #require(zones.first { $0["side"] as? String == "right" && $0["segment"] as? String == "S1" })
        #expect(rightS1["a"] is NSNull)
        #expect(rightS1["b"] as? Int == 2)
        #expect(rightS1["change"] as? String == "unknownInA")
    }
}
