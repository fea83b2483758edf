import BackMapCore

extension EditorState: Screen {
    /// The side panel's width range: legend, zone and session details.
    static let panel = 14...44

    public var name: String { "editor" }
    public var keyHelp: [KeyHelp] { EditorKeys.help }
    public var isTyping: Bool { prompt != nil }
    public var minimumSize: Size { BackLayout.minimum() }
    public var boundKeys: [[Key]] { EditorKeys.table.boundKeys }
    public var editingSession: SessionID? { session.id }
    public var saveNote: SaveStatus? { isReadOnly ? .readOnly("written by a newer backmap") : nil }

    public func draw(into canvas: inout Canvas, theme: Theme) {
        let layout = BackLayout(width: canvas.width, height: canvas.height, panel: EditorState.panel)
        let s = theme.separator
        Chrome.titleBar("backmap \(s) editor \(s) \(session.startedAt.day) \(session.startedAt.clock) \(s) \(session.subject) \(s) \(session.technique.title)",
                        into: &canvas, theme: theme)
        let notes = session.notedZones()
        BackView(map: map, theme: theme, cursor: cursor, highlighted: Set(rangeZones), maxWidth: canvas.width - layout.backX,
                 notes: notes, ratedThisPass: ratedThisPass)
            .draw(into: &canvas, x: layout.backX, y: layout.backY)
        if layout.panelWidth > 0 {
            drawPanel(into: &canvas, x: layout.panelX, width: layout.panelWidth, hasNotes: !notes.isEmpty, theme: theme)
        }
        if let prompt {
            prompt.field.draw(into: &canvas, y: canvas.height - 1, theme: theme)
        } else {
            // Fixed widths ("right T12", "3 very tight"), so a move rewrites these cells only.
            let zone = TerminalText.padded("\(cursor.side.title) \(cursor.segment.name)", toWidth: 9)
            var where_ = "\(zone) \(TerminalText.padded(zoneSummary, toWidth: 12)) \(s) pass \(pass)"
            if isGuided { where_ += " \(s) GUIDED" }
            if rangeAnchor != nil { where_ += " \(s) RANGE \(rangeZones.count)" }
            Chrome.statusLine(left: where_, message: message ?? "? help", important: message != nil,
                              save: saveNote, into: &canvas, theme: theme)
        }
    }

    /// From pass 2 on, the zones this pass has rated already, so the helper sees what is left.
    var ratedThisPass: Set<Zone> {
        guard pass >= 2 else { return [] }
        return Set(session.marks.filter { $0.pass == pass }.map(\.zone))
    }

    /// "2 tight" or "not rolled", for the status line.
    private var zoneSummary: String {
        map[cursor].map { "\($0.rawValue) \($0.title)" } ?? "not rolled"
    }

    /// The legend, the session, then the note of the zone under the cursor. The zone's
    /// name and level are on the status line only: a cursor move then changes the two
    /// arrows and one line, tens of bytes to the terminal.
    private func drawPanel(into canvas: inout Canvas, x: Int, width: Int, hasNotes: Bool, theme: Theme) {
        let legend = Legend(theme: theme, detailed: width >= 30,
                            markers: Legend.markers(theme: theme, notes: hasNotes, pass: pass >= 2 ? pass : nil))
        legend.draw(into: &canvas, x: x, y: 2, width: width)
        var y = 3 + legend.height
        let current = map
        let passCount = max(session.passes.count, 1)
        var lines = [
            // Whose back and how, as `s` and `T` set them: the heading of the session's lines.
            ("\(session.subject) \(theme.separator) \(session.technique.title)", theme.accent),
            ("pass \(pass) of \(max(passCount, pass))", Style.plain),
        ]
        // "rolled 18/36, score 23" on one line where it fits, else on two: never cut.
        let rolled = "rolled \(current.ratedCount)/\(Zone.all.count)", score = "score \(theme.score(current))"
        lines += TerminalText.width(of: rolled + ", " + score) <= width ? [(rolled + ", " + score, .plain)] : [(rolled, .plain), (score, .plain)]
        lines += [
            ("mean tightness \(theme.mean(current))", .plain),
            ("pain \(painText(session.painBefore)) \(theme.arrow) \(painText(session.painAfter))", .plain),
        ]
        // From the second pass on: how the back loosened since the first.
        if let release = session.release {
            lines += ReleaseLines.lines(release, theme: theme, width: width).map { ($0, Style.plain) }
        }
        for (text, style) in lines where y < canvas.height - 2 {
            canvas.put(text, x: x, y: y, style: style, maxWidth: width, ellipsis: theme.ellipsis)
            y += 1
        }
        if !session.tags.isEmpty, y < canvas.height - 2 {
            canvas.put("tags: " + session.tags.joined(separator: ", "), x: x, y: y, maxWidth: width, ellipsis: theme.ellipsis)
            y += 1
        }
        if let note = session.note, y < canvas.height - 2 {
            y = wrap("note: " + note, x: x, y: y, width: width, lines: min(3, canvas.height - 2 - y), into: &canvas, theme: theme)
        }
        if let note = session.note(for: cursor), !note.isEmpty, y + 2 < canvas.height - 1 {
            canvas.put("Note on \(cursor.side.title) \(cursor.segment.name)", x: x, y: y + 1, style: theme.accent, maxWidth: width, ellipsis: theme.ellipsis)
            _ = wrap(note, x: x, y: y + 2, width: width, lines: max(1, canvas.height - 3 - y), into: &canvas, theme: theme)
        }
    }

    private func painText(_ value: Int?) -> String { value.map(String.init) ?? "-" }

    /// Word-wraps untrusted text into at most `lines` lines; returns the next free line.
    private func wrap(_ text: String, x: Int, y: Int, width: Int, lines: Int, into canvas: inout Canvas, theme: Theme) -> Int {
        let rows = TextWrap.lines(TerminalText.sanitized(text), width: width, maxLines: lines, ellipsis: theme.ellipsis)
        for (index, row) in rows.enumerated() {
            canvas.put(row, x: x, y: y + index, maxWidth: width)
        }
        return y + rows.count
    }
}
