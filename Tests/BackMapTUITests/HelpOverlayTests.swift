@testable import BackMapTUI
import Testing

@Suite("Help overlay")
struct HelpOverlayTests {
    private let notes = ["Levels: 0 relaxed (painless), 1 mild (tender, no flinch),", "Landmarks: shoulder-blade tips ~T7"]

    private func helpText(width: Int, height: Int) -> String {
        var canvas = Canvas(width: width, height: height)
        Chrome.help(title: "editor keys", keys: EditorKeys.help, extra: notes, into: &canvas, theme: Theme(ascii: false, color: false))
        return canvas.text()
    }

    @Test func everyEditorKeyShowsAt80x24() {
        let text = helpText(width: 80, height: 24)
        for entry in EditorKeys.help + GlobalKeys.table.help {
            #expect(text.contains(entry.keys), "\(entry.keys) is listed:\n\(text)")
        }
        #expect(text.contains("any key closes this help"))
    }

    @Test func wideTerminalKeepsOneColumnAndTheNotes() {
        let layout = HelpLayout(entries: EditorKeys.help + GlobalKeys.table.help, notes: notes, width: 120, height: 40, ellipsis: "…")
        #expect(layout.columns.count == 1)
        #expect(layout.notes == notes)
    }

    @Test func shortTerminalSplitsKeysIntoTwoColumnsWithoutCuttingAnEntry() {
        let entries = EditorKeys.help + GlobalKeys.table.help
        let layout = HelpLayout(entries: entries, notes: notes, width: 80, height: 24, ellipsis: "…")
        #expect(layout.columns.count == 2)
        #expect(layout.height <= 22)
        let listed = layout.columns.flatMap { $0 }.map(\.keys).filter { !$0.isEmpty }
        #expect(listed == entries.map(\.keys))
        // An entry's wrapped lines stay together: the right column starts with a key.
        #expect(layout.columns[1].first?.keys.isEmpty == false)
    }

    @Test func notesGoBeforeAnyKeyDoes() {
        // 60 columns wrap the editor's keys (both columns) into 30 rows: room for them, none for the notes.
        let layout = HelpLayout(entries: EditorKeys.help + GlobalKeys.table.help, notes: notes, width: 60, height: 32, ellipsis: "…")
        #expect(layout.height <= 30)
        #expect(layout.notes.isEmpty)
        #expect(layout.columns.flatMap { $0 }.filter { !$0.keys.isEmpty }.count == EditorKeys.help.count + GlobalKeys.table.help.count)
    }
}

@Suite("Help overlay: fits or scrolls")
struct HelpOverlayScrollTests {
    private let theme = Theme(ascii: false, color: false)

    /// A screen full of text under the help, as the editor's status line was.
    private func busyCanvas(width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        for y in 0..<height { canvas.put(String(repeating: "r", count: width), x: 0, y: y) }
        return canvas
    }

    @Test func nothingOfTheScreenBelowSticksToTheBoxAt80x24() throws {
        var canvas = busyCanvas(width: 80, height: 24)
        HelpOverlay(title: "editor keys", keys: EditorKeys.help).draw(into: &canvas, theme: theme)
        let lines = canvas.text().components(separatedBy: "\n").prefix(24)
        let top = try #require(lines.firstIndex { $0.hasPrefix("╭") })
        let bottom = try #require(lines.lastIndex { $0.hasPrefix("╰") })
        // Every key and the notes fit: the box takes at least 22 of the 24 rows.
        #expect(bottom - top + 1 >= 22)
        #expect(lines.contains { $0.contains("Landmarks:") })
        for (row, line) in lines.enumerated() where (top...bottom).contains(row) {
            // The box is drawn whole; beside it, blank columns, never a stray "r".
            #expect(!line.contains("│r") && !line.contains("╯r") && !line.contains("╮r"), "row \(row): \(line)")
            #expect(!line.hasPrefix("r") && !line.hasSuffix("r"), "row \(row): \(line)")
        }
    }

    @Test func at80x24AnyKeyCloses() {
        var help = HelpOverlay(title: "editor keys", keys: EditorKeys.help)
        let open = help.handle(.down, size: Size(width: 80, height: 24))
        #expect(!open)
    }

    @Test func at40x24EveryKeyAndNoteCanBeScrolledIntoView() {
        let size = Size(width: 40, height: 24)
        var help = HelpOverlay(title: "editor keys", keys: EditorKeys.help)
        var seen = ""
        var frames = 0
        repeat {
            var canvas = Canvas(width: size.width, height: size.height)
            help.draw(into: &canvas, theme: theme)
            let text = canvas.text()
            if frames == 0 {
                #expect(text.contains("↓↑ scroll · other keys close"), "\(text)")
                #expect(!text.contains("↑ more"))
            }
            seen += text
            frames += 1
            let before = help.scroll
            let open = help.handle(.down, size: size)
            #expect(open)
            if help.scroll == before { break }
        } while frames < 100
        for entry in EditorKeys.help + GlobalKeys.table.help {
            #expect(seen.contains(entry.keys), "\(entry.keys) can be scrolled into view")
        }
        #expect(seen.contains("dimples above the buttocks"))
        #expect(frames > 1 && frames < 100)
        // Scrolled: the top border says there is more above; q closes.
        var canvas = Canvas(width: size.width, height: size.height)
        help.draw(into: &canvas, theme: theme)
        #expect(canvas.text().contains("↑ more"))
        let open = help.handle(.character("q"), size: size)
        #expect(!open)
    }
}
