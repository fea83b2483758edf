import BackMapCore
import Foundation
import Testing

@Suite struct TrendsTests {
    /// Four sessions; the first six zones of the left strip (T1–T6) carry the cases worked out by hand below.
    static let sessions: [SessionSummary] = [
        //                           T1 T2 T3 T4 T5 T6
        TransferFixtures.session(day: 0, map: "130.11"),
        TransferFixtures.session(day: 1, map: ".3..1."),
        TransferFixtures.session(day: 2, map: "22..13"),
        TransferFixtures.session(day: 3, map: "310.1."),
    ].map(SessionSummary.init)

    @Test func shareAndMeanCountOnlyTheSessionsWhereTheZoneWasRolled() {
        let trends = Trends(Self.sessions)
        // L T1: 1, unknown, 2, 3 → rolled 3 times, tight twice, mean 6/3.
        let t1 = trends[Zone(.left, .t1)]
        #expect(t1.sessionsRolled == 3)
        #expect(t1.sessionsTight == 2)
        #expect(t1.shareTight == 2.0 / 3.0)
        #expect(t1.meanTightness == 2.0)
        // L T3: 0, unknown, unknown, 0 → never tight, mean 0, too few points for a slope.
        let t3 = trends[Zone(.left, .t3)]
        #expect(t3.sessionsRolled == 2)
        #expect(t3.shareTight == 0)
        #expect(t3.meanTightness == 0)
        #expect(t3.slope == nil)
        #expect(t3.direction == .notEnoughData)
    }

    @Test func theAverageReleaseCountsOnlySessionsWithTwoPasses() {
        // Day 0 and day 2 get a second pass: day 0 L T1 1 → 0 and L T2 3 → 1 (drop (4 − 1)/2 = 1.5);
        // day 2 L T1 2 → 3 (drop −1). Average (1.5 − 1)/2 = 0.25 over 2 of the 4 sessions.
        var raw = [
            TransferFixtures.session(day: 0, map: "130.11"),
            TransferFixtures.session(day: 1, map: ".3..1."),
            TransferFixtures.session(day: 2, map: "22..13"),
            TransferFixtures.session(day: 3, map: "310.1."),
        ]
        let at = raw[0].marks[0].at
        raw[0].marks += [Mark(at: at, pass: 2, zone: Zone(.left, .t1), tightness: .relaxed),
                         Mark(at: at, pass: 2, zone: Zone(.left, .t2), tightness: .mild)]
        raw[2].marks += [Mark(at: at, pass: 2, zone: Zone(.left, .t1), tightness: .veryTight)]
        let trends = Trends(raw.map(SessionSummary.init))
        #expect(trends.sessionsWithRelease == 2)
        #expect(trends.averageRelease == 0.25)
        #expect(Trends(Self.sessions).averageRelease == nil)
        #expect(Trends(Self.sessions).sessionsWithRelease == 0)
        // The window decides: the last two sessions hold only day 2's release.
        #expect(Trends(raw.map(SessionSummary.init), filter: TrendFilter(last: 2)).averageRelease == -1)
    }

    @Test func aZoneNeverRolledHasNoFiguresRatherThanZeros() {
        let t4 = Trends(Self.sessions)[Zone(.left, .t4)]
        #expect(t4.sessionsRolled == 0)
        #expect(t4.shareTight == nil)
        #expect(t4.meanTightness == nil)
        #expect(t4.slope == nil)
        #expect(t4.direction == .notEnoughData)
    }

    @Test func slopeIsLeastSquaresAgainstThePositionInTheWindowSkippingUnknownSessions() {
        let trends = Trends(Self.sessions)
        // L T1: points (0,1) (2,2) (3,3). x̄ = 5/3, ȳ = 2; Σ(x−x̄)(y−ȳ) = 5/3 + 0 + 4/3 = 3;
        // Σ(x−x̄)² = 25/9 + 1/9 + 16/9 = 14/3; slope = 9/14.
        let t1 = trends[Zone(.left, .t1)]
        #expect(abs((t1.slope ?? 0) - 9.0 / 14.0) < 1e-12)
        #expect(t1.direction == .worsening)
        // L T2: 3, 3, 2, 1 at 0…3. x̄ = 1.5, ȳ = 2.25; covariance sum −3.5, variance sum 5 → −0.7.
        let t2 = trends[Zone(.left, .t2)]
        #expect(abs((t2.slope ?? 0) + 0.7) < 1e-12)
        #expect(t2.direction == .improving)
        #expect(t2.shareTight == 0.75)
        #expect(t2.meanTightness == 2.25)
        // L T5: 1 four times → slope 0, steady.
        #expect(trends[Zone(.left, .t5)].slope == 0)
        #expect(trends[Zone(.left, .t5)].direction == .steady)
        // L T6: 1 and 3 only → two points are not enough.
        #expect(trends[Zone(.left, .t6)].direction == .notEnoughData)
    }

    @Test func slopesWithinFiveHundredthsOfALevelPerSessionAreSteady() {
        #expect(Trends.direction(0.049) == .steady)
        #expect(Trends.direction(-0.049) == .steady)
        #expect(Trends.direction(0.05) == .worsening)
        #expect(Trends.direction(-0.05) == .improving)
        #expect(Trends.direction(nil) == .notEnoughData)
    }

    @Test func scoreOverTimeSumsRolledZonesAndLeavesEmptySessionsBlank() {
        let summaries = Self.sessions + [SessionSummary(TransferFixtures.session(day: 4, map: ""))]
        let trends = Trends(summaries)
        // 1+3+0+1+1 = 6; 3+1 = 4; 2+2+1+3 = 8; 3+1+0+1 = 5; nothing rolled → nil, not 0.
        #expect(trends.sessions.map(\.score) == [6, 4, 8, 5, nil])
        #expect(trends.sessions.map(\.zonesRated) == [5, 2, 4, 4, 0])
        #expect(trends.sessions.map(\.tightZones) == [1, 1, 3, 1, 0])
    }

    @Test func theWindowIsTheLastNMatchingSessionsOldestFirst() {
        let summaries = [
            TransferFixtures.session(day: 0, map: "3", subject: "me", tags: ["morning"]),
            TransferFixtures.session(day: 1, map: "2", subject: "Sam"),
            TransferFixtures.session(day: 2, map: "1", subject: "me"),
            TransferFixtures.session(day: 3, map: "0", subject: "me", tags: ["morning"]),
            TransferFixtures.session(day: 4, map: "1", subject: "me", tags: ["morning"]),
        ].map(SessionSummary.init).reversed()
        let lastTwo = Trends(Array(summaries), filter: TrendFilter(last: 2, subject: "me"))
        #expect(lastTwo.matchingCount == 4)
        #expect(lastTwo.sessions.map(\.score) == [0, 1])
        let tagged = Trends(Array(summaries), filter: TrendFilter(last: 30, tag: "morning"))
        #expect(tagged.sessions.map(\.score) == [3, 0, 1])
        // 3, 0, 1 at 0, 1, 2: x̄ = 1, ȳ = 4/3,
        // Σ(x−x̄)(y−ȳ) = (−1)(5/3) + 0 + (1)(−1/3) = −2, Σ(x−x̄)² = 2 → −1.
        #expect(tagged[Zone(.left, .t1)].slope == -1)
        #expect(Trends(Array(summaries), filter: TrendFilter(subject: "nobody")).sessions.isEmpty)
    }

    @Test func jsonSpellsOutUnknownFiguresAsNull() throws {
        let data = try TrendsReport.json(Trends(Self.sessions))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["format"] as? String == "backmap.trends")
        #expect(object["method"] as? String == Trends.method)
        let zones = try #require(object["zones"] as? [[String: Any]])
        #expect(zones.count == 36)
        let t4 = try #require(zones.first { $0["side"] as? String == "left" && $0["segment"] as? String == "T4" })
        #expect(t4["shareTight"] is NSNull)
        #expect(t4["meanTightness"] is NSNull)
        #expect(t4["direction"] as? String == "not-enough-data")
        let t2 = try #require(zones.first { $0["side"] as? String == "left" && $0["segment"] as? String == "T2" })
        #expect(t2["slope"] as? Double == -0.7)
        #expect(t2["direction"] as? String == "improving")
        let sessions = try #require(object["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["score"] as? Int } == [6, 4, 8, 5])
    }
}
