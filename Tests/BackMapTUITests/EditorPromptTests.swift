import Testing
@testable import BackMapCore
@testable import BackMapTUI

/// Prompts never lose typed text: Esc keeps a draft, a wrong entry stays open,
/// a stored value is replaced by typing, and a cut at the limit is said.
@Suite("Editor prompts keep what was typed")
struct EditorPromptTests {
    @Test func escKeepsTheDraftAndThatPromptOpensWithItNextTime() throws {
        var state = try editor()
        state.press(.character("n"))
        state.type("sore when pinched")
        state.press(.escape)
        #expect(!state.isTyping)
        #expect(state.session.marks.isEmpty)
        #expect(state.message == "kept as a draft, not saved: n opens it again")

        // Another zone's note starts from its own text, not this draft.
        state.press(.up, .character("n"))
        #expect(state.prompt?.field.text == "")
        state.press(.escape)
        #expect(state.message == "cancelled; nothing changed")

        state.press(.down, .character("n"))
        #expect(state.prompt?.field.text == "sore when pinched")
        #expect(state.prompt?.field.notice == "your draft; Ctrl-U clears it")
        state.type(", less today")
        state.press(.enter)
        #expect(state.session.note(for: Zone(.left, .s1)) == "sore when pinched, less today")
        #expect(state.drafts.isEmpty)
        // Saved: the next prompt starts from the saved note, with no draft notice.
        state.press(.character("n"))
        #expect(state.prompt?.field.notice == nil)
    }

    @Test func sessionNoteAndTagsKeepDraftsToo() throws {
        var state = try editor()
        state.press(.character("N"))
        state.type("after gardening")
        state.press(.escape)
        #expect(state.message == "kept as a draft, not saved: N opens it again")
        state.press(.character("t"))
        state.type("evening")
        state.press(.escape)
        state.press(.character("N"))
        #expect(state.prompt?.field.text == "after gardening")
        state.press(.escape, .character("t"))
        #expect(state.prompt?.field.text == "evening")
    }

    @Test func editingADraftBackToTheStoredTextForgetsTheDraft() throws {
        var state = try editor()
        state.press(.character("N"))
        state.type("x")
        state.press(.escape, .character("N"), .backspace, .escape)
        #expect(state.drafts.isEmpty)
        #expect(state.message == "cancelled; nothing changed")
    }

    @Test func theFirstCharacterTypedReplacesAStoredPain() throws {
        var state = try editor()
        state.press(.character("b"))
        state.type("4")
        state.press(.enter)
        #expect(state.session.painBefore == 4)

        state.press(.character("b"))
        #expect(state.prompt?.field.text == "4")
        #expect(state.prompt?.field.isSelected == true)
        state.type("5")
        #expect(state.prompt?.field.text == "5")
        state.press(.enter)
        #expect(state.session.painBefore == 5)

        // A cursor key ends the selection: typing then adds to the value.
        state.press(.character("a"))
        state.type("1")
        state.press(.enter, .character("a"), .end)
        state.type("0")
        #expect(state.prompt?.field.text == "10")
        state.press(.enter)
        #expect(state.session.painAfter == 10)
        // Backspace on the selected value clears it: Enter then clears the pain.
        state.press(.character("a"), .backspace, .enter)
        #expect(state.session.painAfter == nil)
    }

    @Test func aWrongPainKeepsThePromptOpenWithItsTextUntilFixed() throws {
        var state = try editor()
        state.press(.character("b"))
        state.type("45")
        #expect(state.press(.enter) == [.none])
        #expect(state.prompt?.field.text == "45")
        #expect(state.prompt?.field.notice == "pain is a whole number from 0 to 10")
        // The next key clears the notice; the fix is saved.
        state.press(.backspace)
        #expect(state.prompt?.field.notice == nil)
        #expect(state.press(.enter) == [.save(state.session)])
        #expect(state.session.painBefore == 4)
    }

    @Test func aPasteLongerThanTheLimitSaysHowMuchWasKept() throws {
        var state = try editor()
        let limit = SessionLimits.noteCharacters
        state.press(.character("n"))
        state.type(String(repeating: "a", count: limit) + "0123456789")
        #expect(state.prompt?.field.text.count == limit)
        #expect(state.prompt?.field.notice == "limit \(limit) characters: 10 left out")
        state.press(.enter)
        #expect(state.session.note(for: Zone(.left, .s1))?.count == limit)
        #expect(state.message == "kept the first \(limit) characters (the limit); 10 more were left out")
    }

    @Test func thePromptLineShowsTheNoticeBesideTheText() throws {
        var state = try editor()
        state.press(.character("b"))
        state.type("57")
        state.press(.enter)
        var canvas = Canvas(width: 80, height: 24)
        state.draw(into: &canvas, theme: Theme(ascii: false, color: false))
        let line = canvas.text().components(separatedBy: "\n")[23]
        #expect(line.hasPrefix("pain before, 0-10 (empty clears): 57"))
        #expect(line.hasSuffix("pain is a whole number from 0 to 10"))
    }
}
