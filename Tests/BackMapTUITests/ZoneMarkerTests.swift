import Foundation
import Testing
@testable import BackMapCore
@testable import BackMapTUI

/// Zones with a note are marked on every drawing of a session; from pass 2 on,
/// the editor marks the zones this pass has rated.
@Suite("Note and pass marks on the drawings")
struct ZoneMarkerTests {
    private let theme = Theme(ascii: false, color: false)

    private func cellText(_ canvas: Canvas, zone: Zone, x: Int, y: Int) -> String {
        let cell = theme.drawing.cell(for: zone)
        return (0..<cell.width).map { String(canvas[x + cell.column + $0, y + cell.line].character) }.joined()
    }

    private func notedSession() throws -> Session {
        var state = EditorState(session: try emptySession())
        state.press(.character("2"), .character("n"))
        state.type("sharp")
        state.press(.enter)
        return state.session
    }

    @Test func theEditorMarksANotedZoneAndSaysWhatTheMarkMeans() throws {
        var state = try EditorState(session: notedSession())
        state.press(.up)
        var canvas = Canvas(width: 80, height: 24)
        state.draw(into: &canvas, theme: theme)
        let layout = BackLayout(width: 80, height: 24, panel: EditorState.panel)
        #expect(cellText(canvas, zone: Zone(.left, .s1), x: layout.backX, y: layout.backY) == "▒▒▒2▒▒*")
        #expect(cellText(canvas, zone: Zone(.left, .l5), x: layout.backX, y: layout.backY) == "   ·   ")
        #expect(canvas.text().contains("* note"))
    }

    @Test func fromPass2TheEditorMarksTheZonesThisPassRated() throws {
        var state = EditorState(session: try emptySession())
        state.press(.character("1"), .up, .character("2"), .character("p"), .character("3"))
        var canvas = Canvas(width: 80, height: 24)
        state.draw(into: &canvas, theme: theme)
        let layout = BackLayout(width: 80, height: 24, panel: EditorState.panel)
        #expect(cellText(canvas, zone: Zone(.left, .l5), x: layout.backX, y: layout.backY) == "✓▓▓3▓▓▓")
        #expect(cellText(canvas, zone: Zone(.left, .s1), x: layout.backX, y: layout.backY) == "░░░1░░░")
        #expect(canvas.text().contains("✓ rated in pass 2"))
        // In pass 1 every rated zone is "this pass": no marks.
        #expect(EditorState(session: try emptySession()).ratedThisPass.isEmpty)
    }

    @Test func showMarksNotedZones() throws {
        let printed = PrintedMap.canvas(try notedSession(), pass: nil, theme: theme).text()
        #expect(printed.contains("▒▒▒2▒▒*"))
        #expect(printed.contains("* note"))
    }

    @Test func compareMarksNotedZonesOnEitherSide() throws {
        let noted = try notedSession()
        let plain = EditorState(session: try emptySession()).session
        let view = ComparisonView(comparison: SessionComparison(plain, with: noted), theme: theme)
        var canvas = Canvas(width: 120, height: 40)
        view.draw(into: &canvas, x: 0, y: 0, width: 120, height: 40)
        #expect(canvas.text().contains("▒▒▒2▒▒*"))
    }

    @Test func replayMarksANoteOnceItHasBeenPlayed() throws {
        let session = try notedSession()
        #expect(session.notedZones(throughMark: 1).isEmpty)
        #expect(session.notedZones(throughMark: 2) == [Zone(.left, .s1)])
        #expect(session.notedZones() == [Zone(.left, .s1)])
    }
}

/// The side panel keeps clear of the landmark labels at the right of the back.
@Suite("Side panel gap")
struct SidePanelGapTests {
    /// Every landmark label ends in at least four blanks (or the line's end).
    private func expectGapAfterLandmarks(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for line in text.components(separatedBy: "\n") {
            for label in ["hip-bone tops", "blade tips", "dimples S2"] {
                guard let range = line.range(of: label) else { continue }
                let after = line[range.upperBound...]
                #expect(after.isEmpty || after.hasPrefix("    "), "gap after \(label): \(line)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: [(80, 24), (100, 30), (120, 40)])
    func editorPanelKeepsAGap(width: Int, height: Int) throws {
        var state = EditorState(session: try emptySession())
        state.press(.character("N"))
        state.type("a long session note that fills the panel line by line to its very end")
        state.press(.enter, .up, .up, .up, .up, .character("n"))
        state.type("sharp, radiates to hip and down the leg")
        state.press(.enter)
        var canvas = Canvas(width: width, height: height)
        state.draw(into: &canvas, theme: Theme(ascii: false, color: false))
        expectGapAfterLandmarks(canvas.text())
    }

    @Test func replayPanelKeepsAGap() throws {
        var session = try emptySession()
        session.painBefore = 6
        session.painAfter = 3
        session.marks = [Mark(at: fixedNow, pass: 1, zone: Zone(.left, .l4), tightness: .tight, note: "sharp, radiates to hip")]
        var state = ReplayState(session: session, history: SessionHistory([], subject: session.subject))
        state.press(.end, context: context80x24)
        var canvas = Canvas(width: 80, height: 24)
        state.draw(into: &canvas, theme: Theme(ascii: false, color: false))
        expectGapAfterLandmarks(canvas.text())
    }
}

/// `--ascii` draws in 7 bits but leaves the user's words alone where the locale can show them.
@Suite("ASCII drawing and user text")
struct ASCIIDrawingTests {
    @Test func theASCIISpineDiffersFromEveryFill() {
        let theme = Theme(ascii: true, color: false)
        let drawing = theme.drawing
        let left = drawing.cell(for: Zone(.left, .t5)), right = drawing.cell(for: Zone(.right, .t5))
        let line = Array(drawing.lines[left.line])
        let spine = Set(line[(left.column + left.width)..<right.column].filter { $0 != " " })
        #expect(!spine.isEmpty)
        for value in [nil] + Tightness.allCases.map(Optional.some) {
            let fill = Set(theme.cellText(value, width: left.width))
            #expect(fill.isDisjoint(with: spine), "\(String(describing: value)) fill \(fill) vs spine \(spine)")
        }
    }

    @Test func asciiInAUTF8LocaleKeepsNoteTextAsWritten() throws {
        var state = EditorState(session: try emptySession())
        state.press(.character("n"))
        state.type("pire à gauche")
        state.press(.enter)
        let options = DisplayOptions.detect(forceASCII: true, environment: ["LANG": "C.UTF-8", "TERM": "xterm-256color"])
        let theme = options.theme
        var canvas = Canvas(width: 80, height: 24, asciiOnly: theme.asciiText)
        state.draw(into: &canvas, theme: theme)
        let text = canvas.text()
        #expect(text.contains("pire à gauche"))
        // The drawing is still 7-bit.
        #expect(text.contains(">+++2+++<") == false)
        #expect(text.contains("Legend"))
        #expect(!text.contains("┊") && !text.contains("░"))
    }

    @Test func aLocaleWithoutUTF8TransliteratesNeverQuestionMarks() throws {
        var state = EditorState(session: try emptySession())
        state.press(.character("n"))
        state.type("pire à gauche")
        state.press(.enter)
        let theme = DisplayOptions.detect(forceASCII: false, environment: ["LANG": "C", "TERM": "xterm"]).theme
        var canvas = Canvas(width: 80, height: 24, asciiOnly: theme.asciiText)
        state.draw(into: &canvas, theme: theme)
        let text = canvas.text()
        #expect(text.contains("pire a gauche"))
        #expect(!text.contains("pire ? gauche"))
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
    }
}

/// Messages are never cut silently: a long one takes a second status line, and
/// anything cut ends in an ellipsis.
@Suite("Status line cuts and wraps")
struct StatusLineTests {
    private let theme = Theme(ascii: false, color: false)

    private func lines(width: Int, left: String, message: String?, save: SaveStatus? = .saved) -> [String] {
        var canvas = Canvas(width: width, height: 10)
        Chrome.statusLine(left: left, message: message, important: true, save: save, into: &canvas, theme: theme)
        return canvas.text().components(separatedBy: "\n")
    }

    @Test func aMessageTooLongForTheLineTakesTheLineAbove() {
        let shown = lines(width: 80, left: "left L4   2 tight    · pass 1",
                          message: "read-only: this file was written by a newer backmap; nothing you do is saved")
        #expect(shown[8] == "read-only: this file was written by a newer backmap; nothing you do is saved")
        #expect(shown[9].hasPrefix("left L4   2 tight    · pass 1"))
        #expect(shown[9].hasSuffix("saved"))
    }

    @Test func at40ColumnsUndoneIsShownWhole() throws {
        var state = EditorState(session: try emptySession())
        state.press(.character("2"), .character("u"))
        var canvas = Canvas(width: 40, height: 24)
        state.draw(into: &canvas, theme: theme)
        let text = canvas.text()
        #expect(text.contains("undone"), "\(text)")
    }

    @Test func aMessageLongerThanTwoLinesEndsInAnEllipsis() {
        let shown = lines(width: 40, left: "replay", message: String(repeating: "word ", count: 30))
        #expect(shown[8].hasSuffix("…"))
    }

    @Test func aHintThatDoesNotFitIsCutWithAnEllipsisAndLeavesTheLineAbove() {
        var canvas = Canvas(width: 30, height: 10)
        canvas.put("the screen's last line", x: 0, y: 8)
        Chrome.statusLine(left: "2/4", message: "Enter replay · e edit · n new · m/c compare", save: nil, into: &canvas, theme: theme)
        let shown = canvas.text().components(separatedBy: "\n")
        #expect(shown[8] == "the screen's last line")
        #expect(shown[9].hasSuffix("…"), "\(shown[9])")
    }

    @Test func aCutLeftPartEndsInAnEllipsis() {
        let shown = lines(width: 30, left: "mark 5/23 · 19:04:12 · pass 1 · speed 1x · playing", message: nil)
        #expect(shown[9].contains("…"), "\(shown[9])")
    }

    @Test func theBadFilesLineOfTheListEndsInAnEllipsisWhenCut() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-status-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = SessionStore(root: root)
        try FileManager.default.createDirectory(at: store.sessionsFolder, withIntermediateDirectories: true)
        try Data("{".utf8).write(to: store.sessionsFolder.appendingPathComponent("20261124-190000-dead.json"))
        let state = SessionListState(scan: store.scan())
        var canvas = Canvas(width: 60, height: 24)
        state.draw(into: &canvas, theme: theme)
        let line = canvas.text().components(separatedBy: "\n")[22]
        #expect(line.hasSuffix("…"), "\(line)")
    }
}
