@testable import BackMapCore
@testable import BackMapTUI
import Testing

@Suite struct CompareTests {
    typealias F = HistoryFixtures

    private func compare(_ a: Session = F.older, _ b: Session = F.newer) -> CompareState {
        let summaries = F.scan().summaries
        return CompareState(a: a, b: b, historyA: SessionHistory(summaries, subject: a.subject),
                            historyB: SessionHistory(summaries, subject: b.subject))
    }

    @Test func theComparisonSetsBAgainstA() {
        let state = compare()
        let maps = state.comparison.maps
        // Whole sessions: A's L4 is 2 after pass 2, B's is 1.
        #expect(maps.change(at: Zone(.left, .l4)) == .better)
        #expect(maps.change(at: Zone(.right, .l4)) == .worse)
        #expect(maps.change(at: Zone(.right, .s1)) == .unknownInB)
        #expect(maps.change(at: Zone(.right, .t1)) == .unknownInA)
        #expect(maps.betterCount == 3)
        #expect(maps.worseCount == 1)
        #expect(maps.sameCount == 1)
    }

    @Test func tabPicksTheSideThatBracketsStep() {
        var state = compare(F.middle, F.newer)
        #expect(state.active == .b)
        #expect(state.press([.character("[")], context: F.context()) == [.load(LoadRequest(F.middle.id, pane: .b))])
        state.press([.tab], context: F.context())
        #expect(state.active == .a)
        #expect(state.press([.character("[")], context: F.context()) == [.load(LoadRequest(F.older.id, pane: .a))])
        _ = state.update(.loaded(LoadRequest(F.older.id, pane: .a), .session(F.older)), context: F.context())
        #expect(state.sessionA.id == F.older.id)
        #expect(state.sessionB.id == F.newer.id)
        #expect(state.message == "A: session 1 of 3")
    }

    @Test func bracketsStopAtTheEndsOfTheHistory() {
        var state = compare()
        #expect(state.press([.character("]")], context: F.context()) == [.none])
        #expect(state.message == "B is the latest session of me")
        state.press([.tab], context: F.context())
        #expect(state.press([.character("[")], context: F.context()) == [.none])
        #expect(state.message == "A is the first session of me")
    }

    @Test func theLoadedSessionLandsOnTheSideThatAskedForIt() {
        var state = compare(F.older, F.middle)
        #expect(state.press([.character("]")], context: F.context()) == [.load(LoadRequest(F.newer.id, pane: .b))])
        // The person switches sides before the answer comes: it still lands on B.
        state.press([.tab], context: F.context())
        _ = state.update(.loaded(LoadRequest(F.newer.id, pane: .b), .session(F.newer)), context: F.context())
        #expect(state.sessionA.id == F.older.id)
        #expect(state.sessionB.id == F.newer.id)
    }

    @Test func sSwapsTheSidesWithTheirPasses() {
        var state = compare()
        state.press([.tab, .character("p")], context: F.context())
        #expect(state.passA == 1)
        state.press([.character("s")], context: F.context())
        #expect(state.sessionA.id == F.newer.id)
        #expect(state.sessionB.id == F.older.id)
        #expect(state.passA == nil)
        #expect(state.passB == 1)
        #expect(state.comparison.maps.change(at: Zone(.left, .l4)) == .worse)
    }

    @Test func pCyclesThePassesOfTheActiveSide() {
        var state = compare()
        state.press([.character("a")], context: F.context())
        state.press([.character("p")], context: F.context())
        #expect(state.passA == 1)
        // Pass 1 of A has L4 at 3: B's 1 is better; R T7 3 against 1 is better too.
        #expect(state.comparison.maps.change(at: Zone(.right, .t7)) == .better)
        #expect(state.comparison.a.map[.left, .l4] == .veryTight)
        state.press([.character("p")], context: F.context())
        #expect(state.passA == 2)
        #expect(state.comparison.a.map.ratedCount == 2)
        state.press([.character("p")], context: F.context())
        #expect(state.passA == nil)
        #expect(state.message == "A: all passes")
    }

    @Test func aOnePassSessionHasNoPassToPick() {
        var state = compare()
        state.press([.character("p")], context: F.context())
        #expect(state.passB == nil)
        #expect(state.message == "B has one pass only")
    }

    @Test func aPassIsKeptWhenTheNextSessionHasIt() {
        var state = compare(F.older, F.newer)
        state.press([.character("a"), .character("p"), .character("p")], context: F.context())
        #expect(state.passA == 2)
        state.show(F.middle, on: .a)
        #expect(state.passA == nil)
    }

    @Test func qGoesBack() {
        var state = compare()
        #expect(state.press([.character("q")], context: F.context()) == [.back])
    }

    @Test func bothDrawingsShareTheCompareGeometry() {
        #expect(ComparisonView.Geometry(drawing: F.plain.drawing) == ComparisonView.Geometry(drawing: F.ascii.drawing))
    }

    @Test func theChangeColumnReadsWithoutColour() {
        let text = F.text(compare(), 120, 40)
        // Row L4: left 2 → 1 better, right 2 → 3 worse.
        #expect(text.contains("▼ L4  ▲"))
        let ascii = F.text(compare(), 120, 40, theme: F.ascii)
        #expect(ascii.contains("v L4  ^"))
        #expect(ascii.contains("v S1  ?"))
    }

    @Test func compareAt120x40() {
        var state = compare()
        state.press([.tab], context: F.context())
        expectGolden(F.text(state, 120, 40), named: "compare-120x40")
    }

    @Test func compareAt120x40InASCII() {
        let state = compare()
        expectGolden(F.text(state, 120, 40, theme: F.ascii), named: "compare-120x40-ascii")
    }

    @Test func compareAtTheSmallestSize() {
        let state = compare()
        let size = state.minimumSize
        expectGolden(F.text(state, size.width, size.height), named: "compare-\(size.width)x\(size.height)")
    }

    @Test func compareFitsADefaultTerminal() {
        let state = compare()
        #expect(state.minimumSize.width <= 80 && state.minimumSize.height <= 24)
        let text = F.text(state, 80, 24)
        // All 36 zones of each back, the change column and a one-line summary.
        for segment in Segment.allCases {
            #expect(text.contains(" \(segment.name) "))
        }
        #expect(text.contains("▼3 better ▲1 worse =1 same  mean 1.50→1.33"))
        expectGolden(text, named: "compare-80x24")
        expectGolden(F.text(state, 80, 24, theme: F.ascii), named: "compare-80x24-ascii")
    }

    @Test func iShowsTheFullSummaryOnASmallTerminalAndQClosesItFirst() {
        var state = compare()
        // A tall terminal has the summary on screen already.
        state.press([.character("i")], context: F.context())
        #expect(!state.showsDetails)
        #expect(state.message == "the full summary is on screen already")
        state.press(.character("i"), context: F.context(80, 24))
        #expect(state.showsDetails)
        let text = F.text(state, 80, 24)
        #expect(text.contains("mean tightness     1.50    1.33"))
        #expect(text.contains("tight overlap 0.50"))
        expectGolden(text, named: "compare-details-80x24")
        #expect(state.press([.character("q")], context: F.context()) == [.none])
        #expect(!state.showsDetails)
        #expect(state.press([.character("q")], context: F.context()) == [.back])
    }

    @Test func twoDifferentSubjectsAreNamedOnTheScreen() {
        let state = compare(F.partner, F.newer)
        let text = F.text(state, 80, 24)
        #expect(text.contains("compare · sam vs me"))
        #expect(text.contains("A is sam, B is me: two people"))
        #expect(compare().comparison.differentSubjectsNote == nil)
    }

    @Test func printedCompareIsTheScreenDrawing() {
        let canvas = PrintedComparison.canvas(compare().comparison, theme: F.plain)
        expectGolden(canvas.text(), named: "compare-printed")
    }
}
