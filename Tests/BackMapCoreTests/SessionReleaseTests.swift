import BackMapCore
import Foundation
import Testing

@Suite struct SessionReleaseTests {
    @Test func firstPassAgainstLastZoneByZone() throws {
        let release = try #require(try session(marks: [
            mark(.left, .s1, .veryTight, pass: 1),
            mark(.left, .l5, .tight, pass: 1),
            mark(.left, .l4, .tight, pass: 1),
            mark(.right, .s1, .mild, pass: 1),
            mark(.right, .t1, .relaxed, pass: 1),    // first pass only: not compared
            mark(.left, .t7, .mild, pass: 1),
            mark(.left, .s1, .tight, pass: 2),       // a middle pass does not count
            mark(.left, .s1, .mild, pass: 3),        // 3 → 1 released
            mark(.left, .l5, .tight, pass: 3),       // 2 → 2 unchanged
            mark(.left, .l4, .veryTight, pass: 3),   // 2 → 3 tightened
            mark(.right, .s1, .relaxed, pass: 3),    // 1 → 0 released
            mark(.right, .t12, .tight, pass: 3),     // last pass only: not compared
            mark(.left, .t7, .tight, pass: 3),
            mark(.left, .t7, nil, pass: 3),          // cleared in the last pass: unknown there
        ]).release)

        #expect(release.firstPass == 1)
        #expect(release.lastPass == 3)
        #expect(release.released == 2)
        #expect(release.tightened == 1)
        #expect(release.unchanged == 1)
        #expect(release.zonesCompared == 4)
        // Over the four compared zones: before (3+2+2+1)/4 = 2.0, after (1+2+3+0)/4 = 1.5.
        #expect(release.meanBefore == 2.0)
        #expect(release.meanAfter == 1.5)
        #expect(release.meanDrop == 0.5)
        #expect(release.summaryLine == "pass 1 → 3: 2 of 4 zones released, 1 tightened, mean 2.00 → 1.50")
    }

    @Test func oneUnevenMeanIsKeptExactly() throws {
        // Before (3+3+1)/3 = 7/3, after (0+1+1)/3 = 2/3: a drop of 5/3.
        let release = try #require(try session(marks: [
            mark(.left, .t1, .veryTight, pass: 2), mark(.left, .t2, .veryTight, pass: 2),
            mark(.left, .t3, .mild, pass: 2),
            mark(.left, .t1, .relaxed, pass: 4), mark(.left, .t2, .mild, pass: 4),
            mark(.left, .t3, .mild, pass: 4),
        ]).release)
        #expect(release.firstPass == 2)
        #expect(release.lastPass == 4)
        #expect(release.released == 2)
        #expect(release.tightened == 0)
        #expect(release.meanBefore == 7.0 / 3.0)
        #expect(release.meanAfter == 2.0 / 3.0)
        #expect(release.summaryLine == "pass 2 → 4: 2 of 3 zones released, 0 tightened, mean 2.33 → 0.67")
    }

    @Test func oneOrNoPassHasNoRelease() throws {
        #expect(try session(marks: []).release == nil)
        #expect(try session(marks: [mark(.left, .s1, .tight, pass: 1), mark(.left, .s1, .mild, pass: 1)]).release == nil)
    }

    @Test func passesWithNoZoneInCommonHaveNoMeans() throws {
        let release = try #require(try session(marks: [
            mark(.left, .s1, .tight, pass: 1),
            mark(.right, .s1, .relaxed, pass: 2),
        ]).release)
        #expect(release.zonesCompared == 0)
        #expect(release.released == 0)
        #expect(release.meanBefore == nil)
        #expect(release.meanAfter == nil)
        #expect(release.meanDrop == nil)
        #expect(release.summaryLine == "pass 1 → 2: no zone rolled in both passes")
    }
}
