import BackMapCore
import Foundation
import Testing
@testable import BackMapTUI

/// Text from a file (subject, notes, tags) with control characters, escape
/// sequences, bidi overrides, wide and combining characters is drawn safely and
/// keeps the layout aligned, in the editor and in `show`'s printed map.
@Suite("Hostile text drawing")
struct HostileTextDrawingTests {
    static let start = Timestamp(iso8601: "2026-11-24T19:00:00+01:00")!

    static var session: Session {
        let t7 = Zone(.left, .t7)
        return Session(
            id: SessionID("20261124-190000-beef")!, startedAt: start,
            subject: "\u{1B}[31m日本語e\u{301}\u{202E}olleh",
            technique: .tennisBall, painBefore: 6, painAfter: 3,
            note: "\u{1B}]0;pwned\u{07}session ❤️ 👍🏽 \u{9B}2J wide 漢字漢字 tail",
            tags: ["\u{2066}bidi", "tab\there", "名前"],
            marks: [
                Mark(at: start, pass: 1, zone: t7, tightness: .veryTight, note: "\u{1B}[2J日本語 e\u{301}\u{301}\u{301} \u{202E}abc\r\nnext"),
                Mark(at: start, pass: 1, zone: Zone(.right, .l4), tightness: .mild),
                Mark(at: start, pass: 1, zone: Zone(.left, .s1), tightness: nil),
            ])
    }

    static let themes: [(String, Theme)] = [("unicode", Theme(ascii: false, color: false)), ("ascii", Theme(ascii: true, color: false))]

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func theEditorDrawsAHostileSessionSafelyAndAligned(size: Size) {
        var editor = EditorState(session: Self.session)
        editor.cursor = Zone(.left, .t7)
        for (name, theme) in Self.themes {
            // As the person sees it: with the runtime's save state on the status line.
            let canvas = Frame(size: size, theme: theme, save: .saved).render(editor)
            let text = canvas.text()
            Self.expectSafe(text)
            Self.expectAligned(canvas, plain: EditorState(session: Session(id: Self.session.id, startedAt: Self.start)), theme: theme)
            expectGolden(text, named: "hardening-editor-hostile-\(name)-\(size.width)x\(size.height)")
        }
    }

    @Test func showPrintsAHostileSessionSafelyAndAligned() {
        for (name, theme) in Self.themes {
            let canvas = PrintedMap.canvas(Self.session, pass: nil, theme: theme)
            let text = canvas.text()
            Self.expectSafe(text)
            expectGolden(text, named: "hardening-show-hostile-\(name)")
        }
        // In colour, the only escape sequences are the ones the canvas adds for its styles.
        let colour = PrintedMap.canvas(Self.session, pass: nil, theme: Theme(ascii: false, color: true)).text(ansi: true)
        let withoutStyles = colour.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        Self.expectSafe(withoutStyles)
        #expect(withoutStyles == PrintedMap.canvas(Self.session, pass: nil, theme: Theme(ascii: false, color: true)).text())
    }

    /// No control character but the line feeds, and no bidi or invisible format character.
    static func expectSafe(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bad = text.unicodeScalars.filter { scalar in
            let v = scalar.value
            return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || [0x061C, 0x200E, 0x200F].contains(v)
                || (0x2028...0x202E).contains(v) || (0x2060...0x206F).contains(v) || (0xE0000...0xE007F).contains(v)
        }
        #expect(bad.isEmpty, "unsafe characters drawn: \(bad.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
    }

    /// Every line is exactly as wide as the canvas, and the back is drawn in the same
    /// columns as for a session with plain text: nothing pushed anything out of line.
    static func expectAligned(_ canvas: Canvas, plain: EditorState, theme: Theme, sourceLocation: SourceLocation = #_sourceLocation) {
        for y in 0..<canvas.height {
            var columns = 0
            for x in 0..<canvas.width where !canvas[x, y].isContinuation {
                columns += theme.ascii ? 1 : max(1, TerminalText.width(of: canvas[x, y].character))
            }
            #expect(columns == canvas.width, "line \(y) is \(columns) columns wide", sourceLocation: sourceLocation)
        }
        var reference = Canvas(width: canvas.width, height: canvas.height, asciiOnly: theme.ascii)
        plain.draw(into: &reference, theme: theme)
        let layout = BackLayout(width: canvas.width, height: canvas.height, panel: EditorState.panel)
        for line in 1...theme.drawing.height {
            for x in 0..<(layout.panelX - 1) {
                let a = canvas[x, line].character
                let b = reference[x, line].character
                // Zone cells differ by their rating; everything else of the back must match.
                let isZone = Zone.all.contains { zone in
                    let cell = theme.drawing.cell(for: zone)
                    return cell.line + layout.backY == line && x >= layout.backX + cell.column - 1 && x <= layout.backX + cell.column + cell.width
                }
                if !isZone { #expect(a == b, "back drawing differs at \(x),\(line)", sourceLocation: sourceLocation) }
            }
        }
    }
}
