import BackMapCore
import Foundation
import Testing
import TestSupport

@Suite struct BootstrapTests {
    @Test func theGeneratorIsSplitMix64() {
        // The first outputs of SplitMix64 from seed 0, as in the reference implementation.
        var generator = SeededGenerator(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func indicesStayInRangeAndCoverIt() {
        var generator = SeededGenerator(seed: 7)
        var seen = Set<Int>()
        for _ in 0..<1_000 {
            let index = generator.index(below: 5)
            #expect((0..<5).contains(index))
            seen.insert(index)
        }
        #expect(seen == [0, 1, 2, 3, 4])
    }

    @Test func quantilesInterpolateBetweenOrderStatistics() {
        let sorted = [1.0, 2.0, 4.0, 8.0, 16.0]
        #expect(Bootstrap.quantile(sorted, 0) == 1)
        #expect(Bootstrap.quantile(sorted, 1) == 16)
        #expect(Bootstrap.quantile(sorted, 0.5) == 4)
        // h = 4 × 0.05 = 0.2: 1 + 0.2 × (2 − 1); h = 4 × 0.95 = 3.8: 8 + 0.8 × (16 − 8).
        #expect(abs(Bootstrap.quantile(sorted, 0.05) - 1.2) < 1e-12)
        #expect(abs(Bootstrap.quantile(sorted, 0.95) - 14.4) < 1e-12)
    }

    @Test func groupsThatNeverVaryGiveTheirDifferenceExactly() {
        let interval = Bootstrap.differenceOfMeans([1, 1, 1], [2.5, 2.5], level: 0.9, seed: 1)
        #expect(interval == -1.5 ... -1.5)
    }

    @Test func theSameSeedGivesTheSameIntervalAndTheIntervalHoldsTheDifference() {
        let a = [1.0, 2, 2, 3, 1, 2, 0, 1]
        let b = [2.0, 3, 2, 3, 3, 2, 1]
        let first = Bootstrap.differenceOfMeans(a, b, level: 0.9, seed: 42)
        #expect(first == Bootstrap.differenceOfMeans(a, b, level: 0.9, seed: 42))
        #expect(first != Bootstrap.differenceOfMeans(a, b, level: 0.9, seed: 43))
        let difference = a.reduce(0, +) / 8 - b.reduce(0, +) / 7
        #expect(first.contains(difference))
        // A wider level gives a wider interval from the same resamples.
        let wider = Bootstrap.differenceOfMeans(a, b, level: 0.99, seed: 42)
        #expect(wider.lowerBound <= first.lowerBound && wider.upperBound >= first.upperBound)
    }
}

@Suite struct InsightsTests {
    /// A one-pass session on day `day` of November 2026 rating consecutive zones from L T1.
    private func session(day: Int, ratings: [Tightness], pain: (Int, Int)? = nil, tags: [String] = [],
                         technique: Technique = .skinRolling, subject: String = "me") throws -> SessionSummary {
        let start = try #require(Timestamp(iso8601: String(format: "2026-11-%02dT19:00:00+01:00", day)))
        var session = Session(id: SessionID.make(at: start, random: { UInt16(day) }), startedAt: start, subject: subject,
                              technique: technique, painBefore: pain?.0, painAfter: pain?.1, tags: tags)
        for (zone, value) in zip(Zone.all, ratings) {
            session.marks.append(Mark(at: start, pass: 1, zone: zone, tightness: value))
        }
        return SessionSummary(session)
    }

    /// Ten sessions, tagged `a` and untagged in turn (hand-computed figures in the test).
    private func handStore() throws -> [SessionSummary] {
        let with: [([Tightness], (Int, Int))] = [
            ([.mild, .mild], (5, 3)), ([.relaxed, .tight], (6, 4)), ([.tight, .tight], (4, 4)),
            ([.mild, .veryTight], (5, 2)), ([.mild, .tight], (7, 5)),
        ]
        let without: [([Tightness], (Int, Int))] = [
            ([.tight, .tight], (5, 5)), ([.tight, .veryTight], (4, 5)), ([.veryTight, .veryTight], (6, 5)),
            ([.tight, .veryTight], (5, 4)), ([.mild, .veryTight], (3, 3)),
        ]
        var sessions: [SessionSummary] = []
        for index in 0..<5 {
            sessions.append(try session(day: 2 * index + 1, ratings: with[index].0, pain: with[index].1, tags: ["a"]))
            sessions.append(try session(day: 2 * index + 2, ratings: without[index].0, pain: without[index].1))
        }
        return sessions
    }

    @Test func handComputedFiguresOnASmallStore() throws {
        let insights = Insights(try handStore())
        #expect(insights.subject == "me")
        #expect(insights.sessions.count == 10)
        #expect(insights.findings.count == 3)
        let byMeasure = Dictionary(uniqueKeysWithValues: insights.findings.map { ($0.measure, $0) })

        // Mean tightness per session: with 1, 1, 2, 2, 1.5 (mean 1.5); without 2, 2.5, 3, 2.5, 2 (mean 2.4).
        let tightness = try #require(byMeasure[.meanTightness])
        #expect(tightness.factor == .tag("a"))
        #expect(!tightness.nextSession)
        #expect(tightness.withCount == 5 && tightness.withoutCount == 5)
        #expect(abs(tightness.meanWith - 1.5) < 1e-12)
        #expect(abs(tightness.meanWithout - 2.4) < 1e-12)
        #expect(abs(tightness.difference + 0.9) < 1e-12)
        // Squares about the means: 4 × 0.25 = 1.0 and 0.16 + 0.01 + 0.36 + 0.01 + 0.16 = 0.70;
        // pooled SD √(1.7 / 8); d = −0.9 / 0.46098 = −1.9524.
        #expect(abs(tightness.effectSize - (-0.9 / (1.7 / 8).squareRoot())) < 1e-12)

        // Tight extent: with 0, .5, 1, .5, .5 (mean .5); without 1, 1, 1, 1, .5 (mean .9): 40 points lower.
        let extent = try #require(byMeasure[.tightExtent])
        #expect(abs(extent.difference + 0.4) < 1e-12)

        // Pain change: with −2, −2, 0, −3, −2 (mean −1.8); without 0, +1, −1, −1, 0 (mean −0.2).
        let pain = try #require(byMeasure[.painChange])
        #expect(abs(pain.difference + 1.6) < 1e-12)

        // The seeded bootstrap's intervals, pinned: they may change only with the method.
        #expect(tightness.sentence == "Sessions tagged a had a mean tightness 0.90 lower (90% interval 0.50 to 1.30; 5 with, 5 without).")
        #expect(extent.sentence == "Sessions tagged a had a tight extent 40 points lower (90% interval 10 to 70; 5 with, 5 without).")
        #expect(pain.sentence == "Sessions tagged a had a pain change 1.6 lower (90% interval 0.6 to 2.4; 5 with, 5 without).")
        #expect(insights.findings.map(\.measure) == [.meanTightness, .painChange, .tightExtent])
    }

    @Test func whatCannotBeComparedIsNamedWithItsCounts() throws {
        let insights = Insights(try handStore())
        // One pass everywhere: no release. After an `a` session come 5 sessions, after the others 4.
        #expect(insights.shortfalls.map(\.description) == [
            "release for a (0 with, 0 without)",
            "next session after a (5 with, 4 without)",
            "technique skin-rolling (10 with, 0 without)",
        ])
        #expect(insights.emptyAdvice == nil)
    }

    @Test func groupsThatNeverVaryGiveAnExactSentence() throws {
        var sessions: [SessionSummary] = []
        for day in 1...10 {
            sessions.append(try session(day: day, ratings: day <= 5 ? [.mild] : [.tight], tags: day <= 5 ? ["epsom"] : []))
        }
        let finding = try #require(Insights(sessions).findings.first { $0.measure == .meanTightness && !$0.nextSession })
        #expect(finding.interval == -1 ... -1)
        #expect(finding.effectSize == -.infinity)
        #expect(finding.sentence == "Sessions tagged epsom had a mean tightness 1.00 lower (90% interval 1.00 to 1.00; 5 with, 5 without).")
    }

    @Test func tooFewSessionsSayWhatIsNeeded() throws {
        var sessions: [SessionSummary] = []
        for day in 1...8 {
            sessions.append(try session(day: day, ratings: [.mild], tags: day <= 4 ? ["water"] : []))
        }
        let insights = Insights(sessions)
        #expect(insights.findings.isEmpty)
        #expect(insights.shortfalls.first?.description == "water (4 with, 4 without)")
        #expect(insights.emptyAdvice == "Nothing to compare yet: tag at least 5 sessions with and 5 without.")
        #expect(Insights(try sessions.map { s in
            var copy = s
            copy.tags = []
            return copy
        }).emptyAdvice?.hasPrefix("No tags yet: tag at least 5 sessions with and 5 without") == true)
        #expect(Insights([]).emptyAdvice == "No sessions to compare yet.")
    }

    @Test func theNewestSessionsSubjectUnlessToldAndAllPools() throws {
        let sessions = [
            try session(day: 1, ratings: [.mild], subject: "Alex"),
            try session(day: 2, ratings: [.mild], subject: "me"),
            try session(day: 3, ratings: [.mild], subject: "ALEX"),
        ]
        #expect(Insights(sessions).subject == "ALEX")
        #expect(Insights(sessions).sessions.count == 2)
        #expect(Insights(sessions, filter: InsightsFilter(subject: "Me")).sessions.count == 1)
        #expect(Insights(sessions, filter: InsightsFilter(subject: "Me")).subject == "me")
        let pooled = Insights(sessions, filter: InsightsFilter(subject: "all"))
        #expect(pooled.isPooled && pooled.subject == nil && pooled.sessions.count == 3)
        #expect(pooled.scope == "all subjects pooled, 3 sessions from 2026-11-01 to 2026-11-03")
        #expect(Insights(sessions, filter: InsightsFilter(subject: "all", last: 2)).sessions.map(\.subject) == ["me", "ALEX"])
    }

    @Test func epsomSessionsThatAreClearlyLooserGiveAnIntervalThatExcludesZero() throws {
        let sessions = InsightsExample.sessions(seed: 1).map(SessionSummary.init)
        let insights = Insights(sessions)
        let epsom = try #require(insights.findings.first { $0.factor == .tag("epsom") && $0.measure == .meanTightness && !$0.nextSession })
        #expect(epsom.isClear)
        #expect(epsom.interval.upperBound < 0)
        #expect(epsom.sentence.hasPrefix("Sessions tagged epsom had a mean tightness "))
        // The session after an epsom one is looser too.
        let next = try #require(insights.findings.first { $0.factor == .tag("epsom") && $0.measure == .meanTightness && $0.nextSession })
        #expect(next.isClear && next.difference < 0)
        // Release is compared where sessions have two passes.
        #expect(insights.findings.contains { $0.measure == .release })
        // Clear findings come first.
        let clear = insights.findings.prefix { $0.isClear }
        #expect(insights.findings.dropFirst(clear.count).allSatisfy { !$0.isClear })
    }

    @Test func aRandomTagShowsNoClearDifferenceInAtLeastNineOfTenSeeds() {
        var unclear = 0
        for seed in UInt64(1)...10 {
            let sessions = InsightsExample.sessions(seed: seed * 7919, randomTag: "blue").map(SessionSummary.init)
            let blue = Insights(sessions).findings.first { $0.factor == .tag("blue") && $0.measure == .meanTightness && !$0.nextSession }
            if blue?.isClear == false { unclear += 1 }
        }
        #expect(unclear >= 9)
    }

    @Test func twoTechniquesAreComparedOnceNotAsMirrorImages() throws {
        var sessions: [SessionSummary] = []
        for day in 1...12 {
            sessions.append(try session(day: day, ratings: [.mild], technique: day <= 5 ? .foamRoller : .skinRolling))
        }
        let factors = Set(Insights(sessions).findings.map(\.factor))
        #expect(factors == [.technique(.foamRoller)])
        sessions.append(try session(day: 13, ratings: [.mild], technique: .tennisBall))
        #expect(Insights(sessions).shortfalls.map(\.factor).contains(.technique(.tennisBall)))
        #expect(Set(Insights(sessions).findings.map(\.factor)) == [.technique(.foamRoller), .technique(.skinRolling)])
    }

    @Test func theSameStoreGivesTheSameFiguresEveryTime() {
        let sessions = InsightsExample.sessions(seed: 3).map(SessionSummary.init)
        #expect(Insights(sessions) == Insights(sessions.reversed()))
        #expect(Insights(sessions, seed: 1) != Insights(sessions, seed: 2))
    }

    @Test func theJSONHasEveryFindingWithItsFigures() throws {
        let insights = Insights(try handStore())
        let object = try #require(try JSONSerialization.jsonObject(with: InsightsReport.json(insights)) as? [String: Any])
        #expect(object["format"] as? String == "backmap.insights")
        #expect(object["subject"] as? String == "me")
        #expect(object["sessions"] as? Int == 10)
        #expect(object["level"] as? Double == 0.9)
        #expect(object["seed"] as? String == String(Insights.defaultSeed))
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 3)
        let first = try #require(findings.first)
        #expect(first["kind"] as? String == "tag")
        #expect(first["name"] as? String == "a")
        #expect(first["measure"] as? String == "meanTightness")
        #expect(first["difference"] as? Double == -0.9)
        #expect(first["with"] as? Int == 5)
        #expect(first["clear"] as? Bool == true)
        let tooFew = try #require(object["tooFew"] as? [[String: Any]])
        #expect(tooFew.count == 3)
        #expect(tooFew[0]["measure"] as? String == "release")
        #expect(tooFew[2]["measure"] is NSNull)
    }
}
