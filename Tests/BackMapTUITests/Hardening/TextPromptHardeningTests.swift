import BackMapCore
import Testing
@testable import BackMapTUI

/// Typing that the random-key tests found breaking the text prompt.
@Suite("Text prompt with combining characters")
struct TextPromptHardeningTests {
    @Test func aCombiningAccentTypedAfterALetterKeepsTheCursorInsideTheText() {
        var prompt = TextPrompt(label: "note")
        _ = prompt.handle(.character("e"))
        _ = prompt.handle(.character("\u{301}"))
        #expect(prompt.text == "e\u{301}")
        #expect(prompt.cursor == 1)
        // Typing on and drawing must not trap on a cursor past the end.
        _ = prompt.handle(.character("x"))
        #expect(prompt.text == "e\u{301}x")
        var canvas = Canvas(width: 30, height: 1)
        prompt.draw(into: &canvas, y: 0, theme: Theme(ascii: false, color: false))
        #expect(canvas.text() == "note: éx\n")
    }

    @Test func aCombiningAccentTypedInTheMiddleMergesAndTheCursorFollows() {
        var prompt = TextPrompt(label: "note", text: "ab")
        _ = prompt.handle(.left)
        _ = prompt.handle(.character("\u{308}"))
        #expect(prompt.text == "a\u{308}b")
        #expect(prompt.cursor == 1)
        _ = prompt.handle(.backspace)
        #expect(prompt.text == "b")
        #expect(prompt.cursor == 0)
    }
}
