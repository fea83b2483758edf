@testable import BackMapTUI
import BackMapCore
import Foundation
import Testing

@Suite struct TrendsScreenTests {
    /// Twelve weekly sessions: the left shoulder-blade zones ease, the right lower back
    /// tightens, the neck is rolled only now and then, and one session rolled nothing.
    static let scan: StoreScan = {
        var scan = StoreScan()
        for week in 0..<12 {
            let start = 1_788_800_400 + week * 7 * 86_400 // 2026-09-07T19:00:00+01:00
            let startedAt = Timestamp(date: Date(timeIntervalSince1970: TimeInterval(start)), utcOffset: 3_600)
            var marks: [Mark] = []
            if week != 5 {
                for (offset, zone) in Zone.rollingOrder.enumerated() {
                    let value: Int
                    switch (zone.side, zone.segment) {
                    case (.left, .t5), (.left, .t6), (.left, .t7): value = max(0, 3 - week / 3)
                    case (.right, .l3), (.right, .l4): value = min(3, week / 3)
                    case (_, .t1), (_, .t2): if week % 4 != 0 { continue } else { value = 1 }
                    default: value = (week + offset) % 7 == 0 ? 1 : 0
                    }
                    let at = Timestamp(date: Date(timeIntervalSince1970: TimeInterval(start + 60 + offset * 5)), utcOffset: 3_600)
                    marks.append(Mark(at: at, pass: 1, zone: zone, tightness: Tightness(rawValue: value)))
                }
            }
            let id = SessionID.make(at: startedAt, random: { UInt16(week + 1) })
            scan.summaries.append(SessionSummary(Session(id: id, startedAt: startedAt, marks: marks)))
        }
        return scan
    }()

    static let now = Timestamp(date: Date(timeIntervalSince1970: 1_800_000_000), utcOffset: 3_600)
    static let plain = Theme(ascii: false, color: false)

    func context(_ width: Int = 120, _ height: Int = 40) -> Context {
        Context(now: Self.now, width: width, height: height)
    }

    func render(_ state: TrendsState, _ width: Int, _ height: Int, theme: Theme = plain) -> String {
        var canvas = Canvas(width: width, height: height, asciiOnly: theme.ascii)
        state.draw(into: &canvas, theme: theme)
        return canvas.text()
    }

    @Test func arrowKeysAndClicksMoveTheZoneWhoseFiguresAreShown() {
        var state = TrendsState(scan: Self.scan)
        #expect(state.cursor == Zone(.left, .t1))
        for key in [Key.down, .character("j"), .right, .character("k")] {
            #expect(state.update(.key(key), context: context()) == Effect.none)
        }
        #expect(state.cursor == Zone(.right, .t2))
        // Right L4 sits on line 1 + 18 of the drawing, in the right run.
        let layout = BackLayout(width: 120, height: 40, panel: TrendsState.panel)
        let cell = BackDrawing.standard(ascii: false).cell(for: Zone(.right, .l4))
        _ = state.update(.key(.click(x: layout.backX + cell.column + 2, y: layout.backY + cell.line)), context: context())
        #expect(state.cursor == Zone(.right, .l4))
    }

    @Test func bracketsAndPlusMinusStepTheWindowAndRecomputeTheTrend() {
        var state = TrendsState(scan: Self.scan)
        #expect(state.trends.sessions.count == 12)
        _ = state.update(.key(.character("[")), context: context())
        #expect(state.filter.last == 10)
        #expect(state.trends.sessions.count == 10)
        #expect(state.message == "last 10 sessions")
        _ = state.update(.key(.character("-")), context: context())
        #expect(state.filter.last == 5)
        _ = state.update(.key(.character("-")), context: context())
        #expect(state.filter.last == 5)
        #expect(state.message == "5 sessions is the shortest window")
        _ = state.update(.key(.character("]")), context: context())
        #expect(state.filter.last == 10)
        _ = state.update(.key(.character("+")), context: context())
        #expect(state.filter.last == 12)
        #expect(state.message == "all 12 sessions")
        _ = state.update(.key(.character("]")), context: context())
        #expect(state.message == "all 12 sessions are already in")
        #expect(state.trends == Trends(Self.scan.summaries, filter: TrendFilter(last: 12)))
    }

    @Test func qAndEscapeGoBackAndOtherKeysSaySo() {
        var state = TrendsState(scan: Self.scan)
        #expect(state.update(.key(.character("q")), context: context()) == .back)
        #expect(state.update(.key(.escape), context: context()) == .back)
        #expect(state.update(.key(.character("z")), context: context()) == Effect.none)
        #expect(state.message == "z does nothing here; ? lists the keys")
        #expect(state.update(.tick, context: context()) == Effect.none)
    }

    @Test func refreshTakesInTheStoreAsItIsNow() {
        var state = TrendsState(scan: Self.scan, filter: TrendFilter(last: 30))
        var smaller = StoreScan()
        smaller.summaries = Array(Self.scan.summaries.prefix(4))
        _ = state.update(.storeChanged(smaller), context: context80x24)
        #expect(state.trends.sessions.count == 4)
        #expect(state.trends == Trends(smaller.summaries, filter: TrendFilter(last: 30)))
    }

    @Test func theHeatMapShowsHowOftenEachZoneWasTightAndWhichWayItWent() {
        let state = TrendsState(scan: Self.scan)
        let text = render(state, 120, 40)
        // Left T7: 3,3,3,2,2,(none),1,1,1,0,0,0 → tight 5 of 11 (45%), easing.
        #expect(text.contains("▒ 45%↓▒"))
        // Right L4: 0,0,0,1,1,(none),2,2,2,3,3,3 → tight 6 of 11 (55%), tightening.
        #expect(text.contains("▒ 55%↑▒"))
        // The neck was rolled in weeks 0, 4 and 8 only, always 1: never tight, steady.
        #expect(text.contains("   0%=   ┊     0%="))
    }

    @Test func screenAt120x40() {
        var state = TrendsState(scan: Self.scan)
        for _ in 0..<6 { _ = state.update(.key(.down), context: context()) }
        expectGolden(render(state, 120, 40), named: "trends-120x40")
    }

    @Test func screenAtTheSmallestSize() {
        let size = BackLayout.minimum(extraLines: 1)
        let state = TrendsState(scan: Self.scan)
        expectGolden(render(state, size.width, size.height), named: "trends-smallest")
    }

    @Test func screenInASCII() {
        let state = TrendsState(scan: Self.scan, filter: TrendFilter(last: 10))
        expectGolden(render(state, 100, 30, theme: Theme(ascii: true, color: false)), named: "trends-100x30-ascii")
    }

    @Test func anEmptyStoreSaysSoInsteadOfDrawingZeros() {
        let state = TrendsState(scan: StoreScan())
        let text = render(state, 120, 40)
        #expect(text.contains("No sessions to show; `backmap new` starts one."))
        #expect(!text.contains("%"))
    }

    @Test func printedTrendsDrawTheSamePicture() {
        let canvas = PrintedTrends.canvas(Trends(Self.scan.summaries), theme: Self.plain)
        expectGolden(canvas.text(), named: "trends-printed")
    }

    @Test func theChartLeavesSessionsWithNothingRolledBlank() {
        let columns = ScoreChart.columns([4, nil, 2], width: 9)
        #expect(columns == [4, 4, nil, nil, nil, nil, 2, 2, nil])
        // More sessions than columns: each column is the mean of its sessions' known scores.
        #expect(ScoreChart.columns([2, 4, nil, nil, 6, 8], width: 3) == [3, nil, 7])
    }
}

@Suite struct TrendsDestinationTests {
    @Test func theTrendsDestinationsOpenTheTrendsScreenOnTheStore() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("backmap-trends-destination-\(getpid())-\(UInt32.random(in: 0 ... .max))")
        let store = SessionStore(root: root)
        for summary in TrendsScreenTests.scan.summaries.prefix(3) {
            try store.save(Session(id: summary.id, startedAt: summary.startedAt))
        }
        let plain = try #require(try ScreenFactory.make(.trends(TrendFilter()), keeper: SessionKeeper(store: store)) as? TrendsState)
        #expect(plain.filter == TrendFilter())
        #expect(plain.trends.matchingCount == 3)
        let filtered = try #require(try ScreenFactory.make(.trends(TrendFilter(last: 2, subject: "me")), keeper: SessionKeeper(store: store)) as? TrendsState)
        #expect(filtered.trends.sessions.count == 2)
    }
}
