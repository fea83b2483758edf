@testable import BackMapCore
@testable import BackMapTUI
import Testing

@Suite struct ReplayTests {
    typealias F = HistoryFixtures

    private func replay(_ session: Session = F.older) -> ReplayState {
        ReplayState(session: session, history: SessionHistory(F.scan().summaries, subject: session.subject))
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
        state.press([.character(" ")], context: F.context())
        #expect(!state.isPlaying)
        #expect(state.tickInterval == nil)
        _ = state.update(.tick, context: F.context())
        #expect(state.position == 0)
        state.press([.end, .character(" ")], context: F.context())
        #expect(state.isPlaying)
        #expect(state.position == 0)
    }

    @Test func arrowsStepOneMarkAndPause() {
        var state = replay()
        state.press([.right, .right, .right], context: F.context())
        #expect(!state.isPlaying)
        #expect(state.position == 3)
        #expect(state.map == F.older.map(throughMark: 3))
        state.press([.left], context: F.context())
        #expect(state.position == 2)
        state.press([.left, .left, .left], context: F.context())
        #expect(state.position == 0)
    }

    @Test func aLaterPassOverridesAsTheLogIsPlayed() {
        var state = replay()
        state.press([.right, .right], context: F.context())
        #expect(state.map[.left, .l4] == .veryTight)
        state.press([.end, .left], context: F.context())
        // Mark 7 is pass 2 on L L4: 3 became 2.
        #expect(state.map[.left, .l4] == .tight)
        #expect(state.map[.right, .t7] == .veryTight)
    }

    @Test func homeAndEndJumpToTheEmptyAndTheFinalMap() {
        var state = replay()
        state.press([.end], context: F.context())
        #expect(state.position == 8)
        #expect(state.map == F.older.map)
        state.press([.home], context: F.context())
        #expect(state.position == 0)
        #expect(state.map == BackMap())
    }

    @Test func plusAndMinusChangeTheSpeedWithinItsBounds() {
        var state = replay()
        state.press([.character("+")], context: F.context())
        #expect(state.speed == 2)
        #expect(state.tickInterval == 250)
        state.press(Array(repeating: .character("+"), count: 5), context: F.context())
        #expect(state.speed == 8)
        #expect(state.tickInterval == 63)
        state.press(Array(repeating: .character("-"), count: 9), context: F.context())
        #expect(state.speed == 0.25)
        #expect(state.tickInterval == 2000)
        #expect(state.message == "speed 0.25x")
    }

    @Test func bracketsAskForTheSessionBeforeAndAfterOfTheSameSubject() {
        var state = replay(F.middle)
        #expect(state.press([.character("[")], context: F.context()) == [.load(LoadRequest(F.older.id))])
        #expect(state.press([.character("]")], context: F.context()) == [.load(LoadRequest(F.newer.id))])
        #expect(state.update(.loaded(LoadRequest(F.newer.id), .session(F.newer)), context: F.context()) == .none)
        #expect(state.session.id == F.newer.id)
        #expect(state.position == 0)
        #expect(state.isPlaying)
        #expect(state.press([.character("]")], context: F.context()) == [.none])
        #expect(state.message == "this is the latest session of me")
    }

    @Test func theFirstSessionHasNothingBefore() {
        var state = replay(F.older)
        #expect(state.press([.character("[")], context: F.context()) == [.none])
        #expect(state.message == "this is the first session of me")
    }

    @Test func theSpeedSurvivesASessionChange() {
        var state = replay(F.middle)
        state.press([.character("+"), .character("+")], context: F.context())
        _ = state.update(.loaded(LoadRequest(F.older.id), .session(F.older)), context: F.context())
        #expect(state.speed == 4)
    }

    @Test func aSessionThatCannotBeReadLeavesTheReplayAsItWasAndSaysWhy() {
        var state = replay(F.middle)
        state.press([.character("]")], context: F.context())
        let before = state
        _ = state.update(.loaded(LoadRequest(F.newer.id), .failed("the file is not JSON")), context: F.context())
        #expect(state.message == "the file is not JSON")
        state.message = before.message
        #expect(state == before)
    }

    @Test func statusLineSaysWhereInTheLogAndWhen() {
        var state = replay()
        state.press([.right, .right, .right, .right, .right, .character("+")], context: F.context())
        #expect(state.statusText(theme: F.plain) == "mark 5/8 · 19:00:28 · pass 1 · speed 2x · paused")
    }

    @Test func anEmptySessionDoesNotPlay() {
        var state = replay(F.session("20261120-100000-ffff", at: "2026-11-20T10:00:00Z", marks: []))
        #expect(!state.isPlaying)
        state.press([.character(" ")], context: F.context())
        #expect(!state.isPlaying)
        #expect(state.message == "this session has no marks to play")
    }

    @Test func qGoesBack() {
        var state = replay()
        #expect(state.press([.character("q")], context: F.context()) == [.back])
    }

    @Test(arguments: [("start", 0), ("middle", 4), ("end", 8)])
    func replayAt120x40(_ name: String, _ position: Int) {
        var state = replay()
        state.press([.home] + Array(repeating: .right, count: position), context: F.context())
        expectGolden(F.text(state, 120, 40), named: "replay-\(name)-120x40")
    }

    @Test(arguments: [("start", 0), ("middle", 4), ("end", 8)])
    func replayAtTheSmallestSize(_ name: String, _ position: Int) {
        var state = replay()
        state.press([.home] + Array(repeating: .right, count: position), context: F.context())
        let size = state.minimumSize
        expectGolden(F.text(state, size.width, size.height), named: "replay-\(name)-\(size.width)x\(size.height)")
    }

    @Test func replayInASCII() {
        var state = replay()
        state.press([.right, .right], context: F.context())
        expectGolden(F.text(state, 80, 24, theme: F.ascii), named: "replay-middle-80x24-ascii")
    }

    /// At the end of a session of two passes, the panel says how the back loosened.
    @Test func theEndSaysHowManyZonesReleased() throws {
        var state = replay()
        let release = try #require(F.older.release)
        state.press([.end], context: F.context())
        let text = F.text(state, 80, 24)
        #expect(text.contains("pass 1→2: \(release.released) released"))
        #expect(text.contains("\(release.tightened) tightened"))
        #expect(text.contains("mean \(BackMap.formatMean(release.meanBefore)) → \(BackMap.formatMean(release.meanAfter))"))
        expectGolden(text, named: "replay-end-80x24")
        // Before the end the release is not given away.
        state.press([.left], context: F.context())
        #expect(!F.text(state, 80, 24).contains("released"))
    }

    @Test func replayAtADefaultTerminal() {
        var state = replay()
        state.press([.right, .right], context: F.context())
        expectGolden(F.text(state, 80, 24), named: "replay-middle-80x24")
    }
}
