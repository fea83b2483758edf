@testable import BackMapCore
@testable import BackMapTUI
import Testing

@Suite struct ReplayTests {
    typealias F = HistoryFixtures

    private func replay(_ session: Session = F.older) -> ReplayState {
        ReplayState(session: session, history: SessionHistory(F.scan().summaries, subject: session.subject))
    }

    private func press(_ keys: [Key], on state: inout ReplayState) -> [Effect] {
        keys.map { state.update(.key($0), context: F.context()) }
    }

    @Test func opensOnTheEmptyMapAndPlays() {
        let state = replay()
        #expect(state.position == 0)
        #expect(state.map == BackMap())
        #expect(state.isPlaying)
        #expect(state.tickInterval == 500)
    }

    @Test func eachTickPlaysOneMarkAndPlaybackStopsAtTheEnd() {
        var state = replay()
        _ = state.update(.tick, context: F.context())
        #expect(state.position == 1)
        #expect(state.map[.left, .s1] == .mild)
        #expect(state.currentMark?.zone == Zone(.left, .s1))
        for _ in 0..<20 { _ = state.update(.tick, context: F.context()) }
        #expect(state.position == 8)
        #expect(!state.isPlaying)
        #expect(state.tickInterval == nil)
        #expect(state.map == F.older.map)
    }

    @Test func spacePausesAndPlaysAgainFromTheStartOnceAtTheEnd() {
        var state = replay()
        _ = press([.character(" ")], on: &state)
        #expect(!state.isPlaying)
        #expect(state.tickInterval == nil)
        _ = state.update(.tick, context: F.context())
        #expect(state.position == 0)
        _ = press([.end, .character(" ")], on: &state)
        #expect(state.isPlaying)
        #expect(state.position == 0)
    }

    @Test func arrowsStepOneMarkAndPause() {
        var state = replay()
        _ = press([.right, .right, .right], on: &state)
        #expect(!state.isPlaying)
        #expect(state.position == 3)
        #expect(state.map == F.older.map(throughMark: 3))
        _ = press([.left], on: &state)
        #expect(state.position == 2)
        _ = press([.left, .left, .left], on: &state)
        #expect(state.position == 0)
    }

    @Test func aLaterPassOverridesAsTheLogIsPlayed() {
        var state = replay()
        _ = press([.right, .right], on: &state)
        #expect(state.map[.left, .l4] == .veryTight)
        _ = press([.end, .left], on: &state)
        // Mark 7 is pass 2 on L L4: 3 became 2.
        #expect(state.map[.left, .l4] == .tight)
        #expect(state.map[.right, .t7] == .veryTight)
    }

    @Test func homeAndEndJumpToTheEmptyAndTheFinalMap() {
        var state = replay()
        _ = press([.end], on: &state)
        #expect(state.position == 8)
        #expect(state.map == F.older.map)
        _ = press([.home], on: &state)
        #expect(state.position == 0)
        #expect(state.map == BackMap())
    }

    @Test func plusAndMinusChangeTheSpeedWithinItsBounds() {
        var state = replay()
        _ = press([.character("+")], on: &state)
        #expect(state.speed == 2)
        #expect(state.tickInterval == 250)
        _ = press(Array(repeating: .character("+"), count: 5), on: &state)
        #expect(state.speed == 8)
        #expect(state.tickInterval == 63)
        _ = press(Array(repeating: .character("-"), count: 9), on: &state)
        #expect(state.speed == 0.25)
        #expect(state.tickInterval == 2000)
        #expect(state.message == "speed 0.25x")
    }

    @Test func bracketsAskForTheSessionBeforeAndAfterOfTheSameSubject() {
        var state = replay(F.middle)
        #expect(press([.character("[")], on: &state) == [.load(LoadRequest(F.older.id))])
        #expect(press([.character("]")], on: &state) == [.load(LoadRequest(F.newer.id))])
        #expect(state.update(.loaded(LoadRequest(F.newer.id), .session(F.newer)), context: F.context()) == .none)
        #expect(state.session.id == F.newer.id)
        #expect(state.position == 0)
        #expect(state.isPlaying)
        #expect(press([.character("]")], on: &state) == [.none])
        #expect(state.message == "this is the latest session of me")
    }

    @Test func theFirstSessionHasNothingBefore() {
        var state = replay(F.older)
        #expect(press([.character("[")], on: &state) == [.none])
        #expect(state.message == "this is the first session of me")
    }

    @Test func theSpeedSurvivesASessionChange() {
        var state = replay(F.middle)
        _ = press([.character("+"), .character("+")], on: &state)
        _ = state.update(.loaded(LoadRequest(F.older.id), .session(F.older)), context: F.context())
        #expect(state.speed == 4)
    }

    @Test func aSessionThatCannotBeReadLeavesTheReplayAsItWasAndSaysWhy() {
        var state = replay(F.middle)
        _ = press([.character("]")], on: &state)
        let before = state
        _ = state.update(.loaded(LoadRequest(F.newer.id), .failed("the file is not JSON")), context: F.context())
        #expect(state.message == "the file is not JSON")
        state.message = before.message
        #expect(state == before)
    }

    @Test func statusLineSaysWhereInTheLogAndWhen() {
        var state = replay()
        _ = press([.right, .right, .right, .right, .right, .character("+")], on: &state)
        #expect(state.statusText(theme: F.plain) == "mark 5/8 · 19:00:28 · pass 1 · speed 2x · paused")
    }

    @Test func anEmptySessionDoesNotPlay() {
        var state = replay(F.session("20261120-100000-ffff", at: "2026-11-20T10:00:00Z", marks: []))
        #expect(!state.isPlaying)
        _ = press([.character(" ")], on: &state)
        #expect(!state.isPlaying)
        #expect(state.message == "this session has no marks to play")
    }

    @Test func qGoesBack() {
        var state = replay()
        #expect(press([.character("q")], on: &state) == [.back])
    }

    @Test(arguments: [("start", 0), ("middle", 4), ("end", 8)])
    func replayAt120x40(_ name: String, _ position: Int) {
        var state = replay()
        _ = press([.home] + Array(repeating: .right, count: position), on: &state)
        expectGolden(F.text(state, 120, 40), named: "replay-\(name)-120x40")
    }

    @Test(arguments: [("start", 0), ("middle", 4), ("end", 8)])
    func replayAtTheSmallestSize(_ name: String, _ position: Int) {
        var state = replay()
        _ = press([.home] + Array(repeating: .right, count: position), on: &state)
        let size = state.minimumSize
        expectGolden(F.text(state, size.width, size.height), named: "replay-\(name)-\(size.width)x\(size.height)")
    }

    @Test func replayInASCII() {
        var state = replay()
        _ = press([.right, .right], on: &state)
        expectGolden(F.text(state, 80, 24, theme: F.ascii), named: "replay-middle-80x24-ascii")
    }

    @Test func replayAtADefaultTerminal() {
        var state = replay()
        _ = press([.right, .right], on: &state)
        expectGolden(F.text(state, 80, 24), named: "replay-middle-80x24")
    }
}
