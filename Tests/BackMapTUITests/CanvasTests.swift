import Testing
@testable import BackMapTUI

/// The characters of one line, one entry per cell, continuations shown as "·".
private func cells(_ canvas: Canvas, line y: Int) -> String {
    (0..<canvas.width).map { x -> String in
        let cell = canvas[x, y]
        return cell.isContinuation ? "·" : String(cell.character)
    }.joined()
}

@Suite("Canvas")
struct CanvasTests {
    @Test func putWritesTextAndReturnsTheColumnsUsed() {
        var canvas = Canvas(width: 10, height: 2)
        #expect(canvas.put("abc", x: 2, y: 1) == 3)
        #expect(canvas.text() == "\n  abc\n")
    }

    @Test func escapeSequencesNeverReachTheCanvas() {
        var canvas = Canvas(width: 30, height: 1)
        canvas.put("a\u{1B}[31mred\u{1B}]0;title\u{07}b", x: 0, y: 0)
        let text = canvas.text()
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!text.contains("\u{1B}"))
        #expect(text == "a\u{FFFD}[31mred\u{FFFD}]0;title\u{FFFD}b\n")
    }

    @Test func controlCharactersAndBidiOverridesAreReplaced() {
        var canvas = Canvas(width: 20, height: 1)
        canvas.put("a\tb\rc\u{8}d\u{202E}e\u{9B}f", x: 0, y: 0)
        #expect(canvas.text() == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\n")
    }

    @Test func asciiCanvasTransliteratesTextAndReplacesControls() {
        var canvas = Canvas(width: 20, height: 1, asciiOnly: true)
        canvas.put("é世\u{1B}x", x: 0, y: 0)
        // Letters are spelled in ASCII, never "?"; only the control character is.
        #expect(canvas.text() == "e<U+4E16>?x\n")
        let text = canvas.text()
        #expect(text.allSatisfy { $0.isASCII })
    }

    @Test func wideCharactersTakeTwoCellsAndDoNotShiftLaterCells() {
        var canvas = Canvas(width: 10, height: 2)
        #expect(canvas.put("a世b", x: 0, y: 0) == 4)
        canvas.put("0123456789", x: 0, y: 1)
        #expect(cells(canvas, line: 0) == "a世·b      ")
        #expect(canvas[1, 0].character == "世")
        #expect(canvas[2, 0].isContinuation)
        #expect(canvas[3, 0].character == "b")
        // Printed, the wide character fills the two columns above "1" and "2".
        #expect(canvas.text() == "a世b\n0123456789\n")
    }

    @Test func combiningMarksStayWithTheirLetter() {
        var canvas = Canvas(width: 5, height: 1)
        #expect(canvas.put("e\u{301}x", x: 0, y: 0) == 2)
        #expect(canvas[0, 0].character == "e\u{301}")
        #expect(canvas[1, 0].character == "x")
    }

    @Test func textIsClippedAtMaxWidthAndAtTheEdge() {
        var canvas = Canvas(width: 8, height: 2)
        #expect(canvas.put("abcdef", x: 1, y: 0, maxWidth: 3) == 3)
        #expect(canvas.put("abcdefghij", x: 5, y: 1) == 3)
        #expect(canvas.text() == " abc\n     abc\n")
        // Off the canvas: nothing drawn, no crash.
        #expect(canvas.put("x", x: 8, y: 0) == 0)
        #expect(canvas.put("x", x: 0, y: 2) == 0)
        #expect(canvas.put("x", x: 0, y: -1) == 0)
    }

    @Test func aWideCharacterThatWouldStraddleTheLimitIsLeftOut() {
        var canvas = Canvas(width: 10, height: 1)
        #expect(canvas.put("ab世", x: 0, y: 0, maxWidth: 3) == 2)
        #expect(cells(canvas, line: 0) == "ab        ")
        var edge = Canvas(width: 3, height: 1)
        #expect(edge.put("ab世", x: 0, y: 0) == 2)
        #expect(edge.text() == "ab\n")
    }

    @Test func textStartingLeftOfTheCanvasIsCutOnTheLeft() {
        var canvas = Canvas(width: 5, height: 1)
        canvas.put("abcdef", x: -2, y: 0)
        #expect(canvas.text() == "cdef\n")
    }

    @Test func overwritingTheRightHalfOfAWideCharacterBlanksItsLeftHalf() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("世界", x: 0, y: 0)
        canvas.put("x", x: 1, y: 0)
        #expect(cells(canvas, line: 0) == " x界·  ")
        #expect(canvas.text() == " x界\n")
    }

    @Test func overwritingTheLeftHalfOfAWideCharacterBlanksItsRightHalf() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("世界", x: 0, y: 0)
        canvas.put("x", x: 2, y: 0)
        #expect(cells(canvas, line: 0) == "世·x   ")
        #expect(canvas.text() == "世x\n")
    }

    @Test func aWideCharacterOverlappingTwoOthersLeavesNoHalfBehind() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("世界", x: 0, y: 0)
        canvas.put("中", x: 1, y: 0)
        #expect(cells(canvas, line: 0) == " 中·   ")
        #expect(canvas.text() == " 中\n")
        // Every line keeps its width in columns.
        #expect(canvas.cells.filter { !$0.isContinuation }.count + canvas.cells.filter(\.isContinuation).count == 6)
    }

    @Test func textWithoutAnsiHasNoEscapes() {
        var canvas = Canvas(width: 10, height: 1)
        canvas.put("red", x: 0, y: 0, style: Style(foreground: .red, bold: true))
        #expect(canvas.text() == "red\n")
        #expect(!canvas.text().contains("\u{1B}"))
    }

    @Test func textWithAnsiEmitsSGRAndResets() {
        var canvas = Canvas(width: 10, height: 1)
        canvas.put("red", x: 0, y: 0, style: Style(foreground: .red, bold: true))
        canvas.put("n", x: 4, y: 0)
        #expect(canvas.text(ansi: true) == "\u{1B}[0;1;31mred\u{1B}[0m n\n")
        // Without colour only the emphasis is kept.
        #expect(canvas.text(ansi: true, color: false) == "\u{1B}[0;1mred\u{1B}[0m n\n")
    }

    @Test func reversedBlanksAtTheEndAreKeptWithAnsi() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.fill(x: 0, y: 0, width: 3, height: 1, style: .reverse)
        #expect(canvas.text() == "\n")
        #expect(canvas.text(ansi: true) == "\u{1B}[0;7m   \u{1B}[0m\n")
    }

    @Test func trailingBlankLinesCollapseToOneNewline() {
        var canvas = Canvas(width: 4, height: 5)
        canvas.put("x", x: 0, y: 1)
        #expect(canvas.text() == "\nx\n")
    }

    @Test func pasteCopiesAnotherCanvasClipped() {
        var small = Canvas(width: 3, height: 2)
        small.put("abc", x: 0, y: 0)
        small.put("def", x: 0, y: 1)
        var canvas = Canvas(width: 4, height: 2)
        canvas.paste(small, x: 2, y: 1)
        #expect(canvas.text() == "\n  ab\n")
    }
}
