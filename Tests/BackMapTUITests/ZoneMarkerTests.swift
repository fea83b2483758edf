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
