import Testing
@testable import BackMapCore
@testable import BackMapTUI

/// `x` takes back this pass's rating (an earlier pass shows again), `X` clears,
/// and undo shows where it acted.
@Suite("Editor passes, x and X, undo's cursor")
struct EditorPassTests {
    @Test func xInPass2TakesBackThisPassRatingSoPass1ShowsAgain() throws {
        var state = try editor()
        state.press(.character("2"), .character("p"), .character("3"))
        #expect(state.map[.left, .s1] == .veryTight)
        let effects = state.press(.character("x"))
        #expect(effects == [.save(state.session)])
        #expect(state.map[.left, .s1] == .tight)
        #expect(state.session.marks.map(\.tightness) == [.tight])
        #expect(state.message == "took back pass 2's rating of left S1: now 2 tight, from pass 1")
        // The pass stays: the user is still rolling pass 2.
        #expect(state.pass == 2)
    }

    @Test func xTakesBackEveryMarkOfTheZoneInThisPassAndLeavesOtherZones() throws {
        var state = try editor()
        state.press(.character("1"), .up, .character("2"), .down, .character("3"), .character("0"))
        state.press(.character("x"))
        #expect(state.map[.left, .s1] == nil)
        #expect(state.map[.left, .l5] == .tight)
        #expect(state.session.marks.map(\.zone) == [Zone(.left, .l5)])
        #expect(state.message == "took back pass 1's rating of left S1: now not rolled")
    }

    @Test func xOnAZoneThisPassDidNotRateSaysSoAndChangesNothing() throws {
        var state = try editor()
        state.press(.character("2"), .character("p"))
        #expect(state.press(.character("x")) == [.none])
        #expect(state.map[.left, .s1] == .tight)
        #expect(state.message == "left S1 has no rating in pass 2; X clears it")
        // X is how a zone is cleared on purpose, whatever pass 1 said.
        state.press(.character("X"))
        #expect(state.map[.left, .s1] == nil)
        #expect(state.session.marks.last == Mark(at: fixedNow, pass: 2, zone: Zone(.left, .s1), tightness: nil))
    }

    @Test func xThatTakesANoteAlongSaysSoAndUndoPutsBothBack() throws {
        var state = try editor()
        state.press(.character("p"))
        state.press(.character("2"), .character("n"))
        state.type("sharp")
        state.press(.enter)
        let before = state.session
        state.press(.character("x"))
        #expect(state.session.note(for: Zone(.left, .s1)) == nil)
        #expect(state.message == "took back pass 1's rating and note of left S1: now not rolled; u brings them back")
        state.press(.up, .up, .character("u"))
        #expect(state.session == before)
        #expect(state.cursor == Zone(.left, .s1))
        state.press(.control("r"))
        #expect(state.session.marks.isEmpty)
    }

    @Test func undoOfXPutsTheMarksBackWhereTheyWereInTheLog() throws {
        var state = try editor()
        state.press(.character("1"), .up, .character("2"), .down, .character("3"))
        let before = state.session
        state.press(.character("x"), .character("u"))
        #expect(state.session == before)
        #expect(state.session.marks.map(\.tightness) == [.mild, .tight, .veryTight])
    }

    @Test func undoAndRedoMoveTheCursorToTheZoneTheyChanged() throws {
        var state = try editor()
        state.press(.character("1"))
        for _ in 0..<5 { state.press(.up) }
        state.press(.right, .character("3"))
        state.press(.left, .down)
        #expect(state.cursor == Zone(.left, .l2))
        state.press(.character("u"))
        #expect(state.cursor == Zone(.right, .l1))
        state.press(.character("u"))
        #expect(state.cursor == Zone(.left, .s1))
        state.press(.up, .control("r"))
        #expect(state.cursor == Zone(.left, .s1))
        state.press(.control("r"))
        #expect(state.cursor == Zone(.right, .l1))
    }

    @Test func helpExplainsXAndCapitalX() throws {
        let help = EditorKeys.help
        #expect(help.contains(KeyHelp("x Del", "undo this pass's rating")))
        #expect(help.contains(KeyHelp("X", "clear: not rolled")))
    }
}
