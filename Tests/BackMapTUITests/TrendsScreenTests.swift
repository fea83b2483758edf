@testable import BackMapTUI
@testable import BackMapCore
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
        let layout = BackLayout(width: 120, height: 40, panel: TrendsState.panel, yieldsLandmarks: true)
        let cell = BackDrawing.standard(ascii: false).cell(for: Zone(.right, .l4))
        state.press(.click(x: layout.backX + cell.column + 2, y: layout.backY + cell.line), context: context())
        #expect(state.cursor == Zone(.right, .l4))
    }

    @Test func bracketsAndPlusMinusStepTheWindowAndRecomputeTheTrend() {
        var state = TrendsState(scan: Self.scan)
        #expect(state.trends.sessions.count == 12)
        state.press(.character("["), context: context())
        #expect(state.filter.last == 10)
        #expect(state.trends.sessions.count == 10)
        #expect(state.message == "last 10 sessions")
        state.press(.character("-"), context: context())
        #expect(state.filter.last == 5)
        state.press(.character("-"), context: context())
        #expect(state.filter.last == 5)
        #expect(state.message == "5 sessions is the shortest window")
        state.press(.character("]"), context: context())
        #expect(state.filter.last == 10)
        state.press(.character("+"), context: context())
        #expect(state.filter.last == 12)
        #expect(state.message == "all 12 sessions")
        state.press(.character("]"), context: context())
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
        // The figure after the arrow is how many sessions it rests on.
        #expect(text.contains("45%↓11▒"))
        // Right L4: 0,0,0,1,1,(none),2,2,2,3,3,3 → tight 6 of 11 (55%), tightening.
        #expect(text.contains("55%↑11▒"))
        // The neck was rolled in weeks 0, 4 and 8 only, always 1: never tight, steady, over 3.
        #expect(text.contains("0%=3    ┊   0%=3 "))
    }

    @Test func screenAt120x40() {
        var state = TrendsState(scan: Self.scan)
        for _ in 0..<6 { _ = state.update(.key(.down), context: context()) }
        expectGolden(render(state, 120, 40), named: "trends-120x40")
    }

    @Test func screenAtADefaultTerminal() {
        let state = TrendsState(scan: Self.scan)
        #expect(state.minimumSize.width <= 80 && state.minimumSize.height <= 24)
        let text = render(state, 80, 24)
        // Every zone with its figure, and the panel beside the back.
        #expect(text.contains("45%↓11"))
        #expect(text.contains("55%↑11"))
        #expect(text.contains("Mean tightness 0.37"))
        expectGolden(text, named: "trends-80x24")
        expectGolden(render(state, 80, 24, theme: Theme(ascii: true, color: false)), named: "trends-80x24-ascii")
    }

    @Test func screenAtTheSmallestSize() {
        let size = BackLayout.minimum()
        let state = TrendsState(scan: Self.scan)
        expectGolden(render(state, size.width, size.height), named: "trends-smallest")
    }

    @Test func screenInASCII() {
        let state = TrendsState(scan: Self.scan, filter: TrendFilter(last: 10))
        expectGolden(render(state, 100, 30, theme: Theme(ascii: true, color: false)), named: "trends-100x30-ascii")
    }

    @Test func sCyclesThroughTheSubjectsThenAllPooled() {
        let scan = HistoryFixtures.scan()
        var state = TrendsState(scan: scan, scope: .newest)
        // The newest session is me's: no --subject means that subject, named in the title.
        #expect(state.filter.subject == "me")
        #expect(render(state, 120, 40).contains("backmap · trends · me · all 3 sessions"))
        state.press(.character("s"), context: context())
        #expect(state.filter.subject == "sam")
        #expect(state.trends.sessions.count == 1)
        state.press(.character("s"), context: context())
        #expect(state.filter.subject == nil)
        #expect(state.trends.sessions.count == 4)
        #expect(render(state, 120, 40).contains("trends · all subjects pooled (me, sam)"))
        state.press(.character("s"), context: context())
        #expect(state.filter.subject == "me")
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

    /// A point of the chart `day` days after 2026-09-01 with `zones` rolled at `mean`.
    static func point(day: Int, zones: Int, mean: Double?) throws -> TrendPoint {
        let start = Timestamp(date: Date(timeIntervalSince1970: TimeInterval(1_788_220_800 + day * 86_400)), utcOffset: 0)
        let id = try #require(SessionID("2026090\(day % 10)-120000-00\(day % 10)\(day / 10)"))
        return TrendPoint(id: id, startedAt: start, subject: "me", zonesRated: zones, tightZones: 0,
                          score: mean.map { Int($0 * Double(zones)) }, meanTightness: mean)
    }

    @Test func theChartPlacesSessionsByDateAndLeavesNothingRolledBlank() throws {
        // Days 0, 1 and 9: the gap of a week shows as a gap, not as the next bar.
        let points = [try Self.point(day: 0, zones: 36, mean: 2), try Self.point(day: 1, zones: 36, mean: nil),
                      try Self.point(day: 9, zones: 36, mean: 1)]
        let columns = MeanChart.columns(points, width: 10)
        #expect(columns.count == 10)
        #expect(columns[0] == MeanChart.Column(mean: 2, partial: false))
        // Day 1 rolled nothing: its column stays blank rather than drawn as 0.
        #expect(columns[1] == nil)
        #expect(columns[9] == MeanChart.Column(mean: 1, partial: false))
        #expect(columns[2..<9].allSatisfy { $0 == nil })
    }

    @Test func theChartPlotsTheMeanAndMarksPartialSessions() throws {
        // A full back at mean 2 and a tennis-ball session of 8 zones at mean 2: same height, and
        // the short one is drawn in shade, not as the better session its lower score suggested.
        let points = [try Self.point(day: 0, zones: 36, mean: 2), try Self.point(day: 4, zones: 8, mean: 2)]
        let columns = MeanChart.columns(points, width: 5)
        #expect(columns[0] == MeanChart.Column(mean: 2, partial: false))
        #expect(columns[4] == MeanChart.Column(mean: 2, partial: true))
        var canvas = Canvas(width: 30, height: 5, asciiOnly: false)
        MeanChart(points: points, theme: Self.plain).draw(into: &canvas, x: 0, y: 0, width: 30, height: 5)
        let lines = canvas.text().components(separatedBy: "\n")
        // 2 of 3 on four rows: two and five eighths rows; the partial bar in whole cells of shade.
        #expect(lines[1].hasPrefix("  ▅") && lines[1].hasSuffix("░"))
        #expect(lines[2].hasPrefix("  █") && lines[2].hasSuffix("░"))
        #expect(lines[0] == "3" && lines[3].hasPrefix("0 █"))
        #expect(lines[4].contains("2026-09-01") && lines[4].contains("2026-09-05"))
    }
}

@Suite struct TrendsDestinationTests {
    @Test func theTrendsDestinationsOpenTheTrendsScreenOnTheStore() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("backmap-trends-destination-\(getpid())-\(UInt32.random(in: 0 ... .max))")
        defer { try? FileManager.default.removeItem(at: root) }
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
