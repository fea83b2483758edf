import Testing
@testable import BackMapCore

@Suite("Zones, segments and tightness")
struct ZoneTests {
    @Test func thereAre36ZonesEachWithItsOwnIndex() {
        #expect(Zone.all.count == 36)
        #expect(Set(Zone.all).count == 36)
        #expect(Zone.all.map(\.index) == Array(0..<36))
    }

    @Test func segmentsRunFromT1AtTheShouldersToS1() {
        let names = Segment.allCases.map(\.name)
        #expect(names == ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12",
                          "L1", "L2", "L3", "L4", "L5", "S1"])
        #expect(Segment.t1.row == 0)
        #expect(Segment.s1.row == 17)
        #expect(Segment.t1 < Segment.s1)
    }

    @Test func rollingGoesUpTheLeftStripThenUpTheRight() {
        let order = Zone.rollingOrder
        #expect(order.count == 36)
        #expect(Set(order) == Set(Zone.all))
        #expect(order.first == Zone(.left, .s1))
        #expect(order[1] == Zone(.left, .l5))
        #expect(order[17] == Zone(.left, .t1))
        #expect(order[18] == Zone(.right, .s1))
        #expect(order.last == Zone(.right, .t1))
        #expect(order.prefix(18).allSatisfy { $0.side == .left })
        // Each step of a strip moves one row up.
        for (a, b) in zip(order.prefix(17), order.dropFirst().prefix(17)) {
            #expect(a.segment.above == b.segment)
        }
    }

    @Test func segmentAboveAndBelowStopAtTheEnds() {
        #expect(Segment.t1.above == nil)
        #expect(Segment.t1.below == .t2)
        #expect(Segment.s1.below == nil)
        #expect(Segment.s1.above == .l5)
        #expect(Segment.t12.below == .l1)
        #expect(Segment.l1.above == .t12)
    }

    @Test func segmentNamesParseInAnyCaseWithSpaces() {
        #expect(Segment(name: "t7") == .t7)
        #expect(Segment(name: " L4 ") == .l4)
        #expect(Segment(name: "S2") == nil)
        #expect(Segment(name: "") == nil)
    }

    @Test func sidesAreNamedFromThePersonsPointOfView() {
        #expect(Side.left.opposite == .right)
        #expect(Side.right.opposite == .left)
        #expect(Zone(.left, .t7).description == "L T7")
        #expect(Zone(.right, .s1).description == "R S1")
    }

    @Test func zoneIndexPutsTheLeftStripFirst() {
        #expect(Zone(.left, .t1).index == 0)
        #expect(Zone(.left, .s1).index == 17)
        #expect(Zone(.right, .t1).index == 18)
        #expect(Zone(.right, .s1).index == 35)
    }

    @Test func cyclingGoesFromUnknownToRelaxedThenUpAndWrapsToRelaxed() {
        #expect(Tightness.cycled(from: nil) == .relaxed)
        #expect(Tightness.cycled(from: .relaxed) == .mild)
        #expect(Tightness.cycled(from: .mild) == .tight)
        #expect(Tightness.cycled(from: .tight) == .veryTight)
        #expect(Tightness.cycled(from: .veryTight) == .relaxed)
    }

    @Test func onlyTwoAndThreeCountAsTight() {
        #expect(Tightness.allCases.filter(\.isTight) == [.tight, .veryTight])
    }

    @Test func everyLevelHasAWordAndAMeaningForTheLegend() {
        #expect(Tightness.allCases.map(\.title) == ["relaxed", "mild", "tight", "very tight"])
        #expect(Tightness.allCases.map(\.meaning) == ["painless", "tender, no flinch", "winces or flinches", "pulls away"])
    }

    @Test func steppingStaysOnTheBackAtItsEdges() {
        let top = Zone(.right, .t1)
        #expect(top.stepped(.up) == top)
        #expect(top.stepped(.down) == Zone(.right, .t2))
        #expect(top.stepped(.left) == Zone(.left, .t1))
        #expect(top.stepped(.right) == top)
        #expect(top.stepped(.bottom) == Zone(.right, .s1))
        let bottom = Zone(.left, .s1)
        #expect(bottom.stepped(.down) == bottom)
        #expect(bottom.stepped(.up) == Zone(.left, .l5))
        #expect(bottom.stepped(.top) == Zone(.left, .t1))
    }
}
