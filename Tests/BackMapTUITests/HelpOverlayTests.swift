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
