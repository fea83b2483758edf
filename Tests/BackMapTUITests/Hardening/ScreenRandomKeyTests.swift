@testable import BackMapCore
@testable import BackMapTUI
import TestSupport
import Foundation
import Testing

/// Random key sequences on the list, replay, compare and trends screens, drawn
/// after every key at many sizes (also below each screen's minimum): nothing
/// traps, and each screen's own invariant holds after any sequence.
@Suite("History screens under random keys (property)")
struct ScreenRandomKeyTests {
    static let seeds = PropertySeeds.list(count: 24)
    static let start = Timestamp(iso8601: "2026-11-24T19:00:00+01:00")!
    /// What results of effects are handed over with: they do not depend on the size.
    static let context = Context(now: start, width: 120, height: 40)
    static let subjects = ["me", "sam", "\u{1B}[31m日本e\u{301}\u{202E}"]

    /// A store of a few generated sessions: several subjects, hostile text,
    /// up to three passes, unknown and cleared zones, sometimes no marks at all.
    static func sessions(_ random: inout SeededRandom, atLeast minimum: Int) -> [String: Session] {
        var store: [String: Session] = [:]
        for index in 0..<Int.random(in: minimum...7, using: &random) {
            let startedAt = Timestamp(date: start.date.addingTimeInterval(Double(index * 86_400 + Int.random(in: 0...3_600, using: &random))),
                                      utcOffset: 3_600)
            let id = SessionID.make(at: startedAt, random: { UInt16(index) })
            var session = Session(id: id, startedAt: startedAt, subject: random.pick(subjects),
                                  technique: random.pick(Technique.allCases),
                                  tags: random.chance(0.3) ? ["👍🏽", "\u{2066}x"] : [])
            for mark in 0..<(random.chance(0.15) ? 0 : Int.random(in: 1...60, using: &random)) {
                let at = Timestamp(date: startedAt.date.addingTimeInterval(Double(mark * 5)), utcOffset: 3_600)
                session.marks.append(Mark(at: at, pass: Int.random(in: 1...3, using: &random), zone: random.pick(Zone.all),
                                          tightness: random.chance(0.1) ? nil : Tightness(rawValue: Int.random(in: 0...3, using: &random)),
                                          note: random.chance(0.1) ? "\u{1B}[2J 日本語 \u{202E}abc" : nil))
            }
            store[id.rawValue] = session
        }
        return store
    }

    static func scan(_ store: [String: Session], broken: Bool = false) -> StoreScan {
        var scan = StoreScan()
        scan.summaries = store.values.map(SessionSummary.init).sorted(by: SessionSummary.chronological)
        if broken { scan.problems = [HistoryFixtures.brokenFile] }
        return scan
    }

    /// The harness's sizes plus this screen's minimum and just below it.
    static func harness(seed: UInt64, minimum: Size) -> RandomKeyHarness {
        var harness = RandomKeyHarness(seed: seed)
        harness.sizes += [minimum, Size(width: minimum.width - 1, height: minimum.height),
                          Size(width: minimum.width, height: minimum.height - 1)]
        return harness
    }

    static func fits(_ step: RandomKeyHarness.Step<some Screen>) -> Bool {
        step.size.width >= step.screen.minimumSize.width && step.size.height >= step.screen.minimumSize.height
    }

    @Test(arguments: seeds)
    func theListCursorStaysOnItsRows(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var store = Self.sessions(&random, atLeast: 0)
        let broken = random.chance(0.5)
        let list = SessionListState(scan: Self.scan(store, broken: broken))
        var harness = Self.harness(seed: seed, minimum: list.minimumSize)
        harness.run(list, steps: 300, start: Self.start, perform: { screen, effect in
            // The app moves the file to the trash and hands the list a fresh scan.
            guard case .trash(let id) = effect else { return }
            store[id.rawValue] = nil
            _ = screen.update(.storeChanged(Self.scan(store, broken: broken)), context: Self.context)
        }, check: { step in
            let list = step.screen
            if list.rows.isEmpty {
                #expect(list.cursor == 0, "seed \(seed) step \(step.index): cursor \(list.cursor) on an empty list")
            } else {
                #expect(list.rows.indices.contains(list.cursor),
                        "seed \(seed) step \(step.index): cursor \(list.cursor) outside \(list.rows.count) rows")
            }
            #expect(list.scrollTop >= 0, "seed \(seed) step \(step.index): scrolled above the first row")
            #expect(list.rows.allSatisfy { row in list.all.contains { $0.id == row.id } },
                    "seed \(seed) step \(step.index): a row shows a session the store does not have")
            #expect(list.all.count == store.count, "seed \(seed) step \(step.index): the list lost count of the store")
            if let marked = list.marked {
                #expect(list.all.contains { $0.id == marked }, "seed \(seed) step \(step.index): marked a session that is gone")
            }
        })
    }

    @Test(arguments: seeds)
    func replayDrawsTheMapThroughItsPosition(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let store = Self.sessions(&random, atLeast: 1)
        let summaries = Self.scan(store).summaries
        let first = store[random.pick(summaries).id.rawValue]!
        let replay = ReplayState(session: first, history: SessionHistory(summaries, subject: first.subject))
        var harness = Self.harness(seed: seed, minimum: replay.minimumSize)
        harness.run(replay, steps: 300, start: Self.start, perform: { screen, effect in
            if case .load(let request) = effect, let session = store[request.id.rawValue] {
                _ = screen.update(.loaded(request, .session(session)), context: Self.context)
            }
        }, check: { step in
            let replay = step.screen
            #expect((0...replay.session.marks.count).contains(replay.position),
                    "seed \(seed) step \(step.index): position \(replay.position) of \(replay.session.marks.count) marks")
            guard Self.fits(step) else { return }
            let drawn = EditorRandomKeyTests.drawnMap(step.canvas, theme: step.theme, panel: ReplayState.panel)
            #expect(drawn == replay.session.map(throughMark: replay.position),
                    "seed \(seed) step \(step.index): replay shows another map than the one through mark \(replay.position)")
        })
    }

    @Test(arguments: seeds)
    func compareCountsEveryZoneOnce(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let store = Self.sessions(&random, atLeast: 1)
        let summaries = Self.scan(store).summaries
        let a = store[random.pick(summaries).id.rawValue]!
        let b = store[random.pick(summaries).id.rawValue]!
        let compare = CompareState(a: a, passA: random.chance(0.5) ? 1 : nil, b: b, passB: random.chance(0.5) ? 2 : nil,
                                   historyA: SessionHistory(summaries, subject: a.subject),
                                   historyB: SessionHistory(summaries, subject: b.subject))
        var harness = Self.harness(seed: seed, minimum: compare.minimumSize)
        harness.run(compare, steps: 300, start: Self.start, perform: { screen, effect in
            if case .load(let request) = effect, let session = store[request.id.rawValue] {
                _ = screen.update(.loaded(request, .session(session)), context: Self.context)
            }
        }, check: { step in
            let compare = step.screen
            let maps = compare.comparison.maps
            let total = ZoneChange.allCases.map(maps.count).reduce(0, +)
            #expect(total == Zone.all.count, "seed \(seed) step \(step.index): the changes count \(total) zones")
            // The summary the screen shows says the same: its six change rows add up to 36.
            let view = ComparisonView(comparison: compare.comparison, theme: step.theme, active: compare.active)
            let shown = view.sideSummary[1...6].compactMap { row in
                row.last.flatMap { Int($0.0.split(separator: " ").last ?? "") }
            }
            #expect(shown.count == 6 && shown.reduce(0, +) == Zone.all.count,
                    "seed \(seed) step \(step.index): the summary shows \(shown)")
            for pane in [ComparePane.a, .b] {
                if let pass = compare.pass(pane) {
                    #expect(compare.session(pane).passes.contains(pass),
                            "seed \(seed) step \(step.index): \(pane.rawValue) shows pass \(pass) it does not have")
                }
            }
        })
    }

    @Test(arguments: seeds)
    func theTrendsWindowStaysWithinBounds(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let store = Self.sessions(&random, atLeast: 0)
        let initialLast = random.pick([1, 3, 5, TrendFilter.defaultLast, 400])
        let trends = TrendsState(scan: Self.scan(store, broken: random.chance(0.3)), filter: TrendFilter(last: initialLast))
        let largest = max(initialLast, TrendsKeys.windows.last ?? 0)
        var harness = Self.harness(seed: seed, minimum: trends.minimumSize)
        harness.run(trends, steps: 300, start: Self.start) { step in
            let state = step.screen
            let last = state.filter.last
            #expect((1...largest).contains(last), "seed \(seed) step \(step.index): window of \(last) sessions")
            #expect(state.trends.sessions.count == min(last, state.trends.matchingCount),
                    "seed \(seed) step \(step.index): \(state.trends.sessions.count) sessions in a window of \(last)")
            #expect(state.trends.matchingCount <= store.count, "seed \(seed) step \(step.index): more sessions than the store")
            guard Self.fits(step) else { return }
            // Each zone's cell shows its own trend: its share tight and arrow, in its heat level's style.
            let layout = BackLayout(width: step.size.width, height: step.size.height, panel: TrendsState.panel, yieldsLandmarks: true)
            let wrong = Zone.all.filter { zone in
                let cell = step.theme.drawing.cell(for: zone)
                let cells = (0..<cell.width).map { step.canvas[layout.backX + cell.column + $0, layout.backY + cell.line] }
                let trend = state.trends[zone]
                // The cursor is the arrows beside the cell; the cell keeps its own style.
                let style = step.theme.style(trend.heatLevel)
                return String(cells.map(\.character)) != step.theme.heatCellText(trend, width: cell.width)
                    || cells.contains { $0.style != style }
            }
            #expect(wrong.isEmpty,
                    "seed \(seed) step \(step.index): the cells of \(wrong) do not show their trend")
        }
    }
}
