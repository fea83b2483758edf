import BackMapCore
import Testing
@testable import BackMapTUI

@Suite("Canvas diff")
struct CanvasDiffTests {
    @Test func aFirstFrameSendsEveryCell() {
        var canvas = Canvas(width: 10, height: 3)
        canvas.put("hello", x: 0, y: 1, style: .bold)
        let runs = canvas.changes(since: nil)
        #expect(runs.reduce(0) { $0 + $1.width } == 30)
        #expect(runs.contains { $0.y == 1 && $0.text == "hello" && $0.style == .bold })
    }

    @Test func anUnchangedFrameSendsNothing() {
        var canvas = Canvas(width: 10, height: 3)
        canvas.put("same", x: 2, y: 2)
        #expect(canvas.changes(since: canvas).isEmpty)
    }

    @Test func onlyTheChangedCellsAreSentGroupedByStyle() {
        var before = Canvas(width: 20, height: 2)
        before.put("left T7  pass 1", x: 0, y: 1)
        var after = before
        after.put("T6", x: 5, y: 1)
        after.put("!", x: 19, y: 0, style: .reverse)
        let runs = after.changes(since: before)
        #expect(runs == [
            Canvas.Run(x: 19, y: 0, style: .reverse, text: "!", width: 1),
            Canvas.Run(x: 6, y: 1, style: .plain, text: "6", width: 1),
        ])
    }

    @Test func aWideCharacterIsSentWholeWithItsTwoColumns() {
        let before = Canvas(width: 6, height: 1)
        var after = before
        after.put("界", x: 2, y: 0)
        #expect(after.changes(since: before) == [Canvas.Run(x: 2, y: 0, style: .plain, text: "界", width: 2)])
    }

    @Test func aFrameOfAnotherSizeIsSentWhole() {
        let small = Canvas(width: 4, height: 2)
        let large = Canvas(width: 5, height: 2)
        #expect(large.changes(since: small).reduce(0) { $0 + $1.width } == 10)
    }

    @Test func aCursorMoveInTheEditorChangesOnlyAFewCells() throws {
        let start = try #require(Timestamp(iso8601: "2026-11-24T19:02:11+01:00"))
        var session = Session(id: try #require(SessionID("20261124-190211-a3f9")), startedAt: start)
        for zone in Zone.rollingOrder {
            session.marks.append(Mark(at: start, pass: 1, zone: zone, tightness: .mild))
        }
        let theme = Theme(ascii: false, color: true)
        var editor = EditorState(session: session)
        var before = Canvas(width: 80, height: 24)
        editor.draw(into: &before, theme: theme)
        editor.press(.up, context: Context(now: start, width: 80, height: 24))
        var after = Canvas(width: 80, height: 24)
        editor.draw(into: &after, theme: theme)
        let cells = after.changes(since: before).reduce(0) { $0 + $1.width }
        // The two zones and their cursor marks, the zone name on the panel and the status line.
        #expect(cells > 0 && cells < 40)
    }
}
