import Testing
@testable import BackMapTUI

/// Drawing off the canvas is clipped, never a trap: screens draw at whatever
/// size the terminal has, including sizes smaller than they planned for.
@Suite("Canvas clipping")
struct CanvasClippingTests {
    @Test func fillAndRestyleEntirelyOffTheCanvasDoNothing() {
        var canvas = Canvas(width: 4, height: 2)
        canvas.fill(x: 0, y: 5, width: 4, height: 1, character: "#")
        canvas.fill(x: 9, y: 0, width: 3, height: 2, character: "#")
        canvas.fill(x: -9, y: -9, width: 3, height: 3, character: "#")
        canvas.restyle(x: 7, y: 0, width: 2) { $0.bold = true }
        canvas.fill(x: 0, y: 0, width: -3, height: -1, character: "#")
        #expect(canvas.text() == "\n")
    }

    @Test func fillPartlyOffTheCanvasDrawsTheVisiblePart() {
        var canvas = Canvas(width: 4, height: 2)
        canvas.fill(x: 2, y: 1, width: 10, height: 10, character: "#")
        canvas.fill(x: -1, y: -1, width: 2, height: 2, character: "*")
        #expect(canvas.text() == "*\n  ##\n")
    }

    @Test func putWithAHugeMaximumWidthIsClippedAtTheEdge() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("abcdef", x: 1, y: 0, maxWidth: Int.max)
        #expect(canvas.text() == " abc\n")
    }

    @Test func anEmptyCanvasTakesEveryDrawingCall() {
        var canvas = Canvas(width: 0, height: 0)
        canvas.fill(x: 0, y: -1, width: 0, height: 1)
        canvas.put("x", x: 0, y: 0)
        canvas.restyle(x: 0, y: 0, width: 5) { $0.bold = true }
        #expect(canvas.text() == "")
    }
}
