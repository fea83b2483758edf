import BackMapCore

extension ReplayState: Screen {
    /// The side panel's width range: the legend and the mark being played.
    static let panel = 14...44

    public var name: String { "replay" }
    public var keyHelp: [KeyHelp] { ReplayKeys.help }
    /// The editor's size: replay draws the back where the editor does.
    public var minimumSize: Size { BackLayout.minimum() }
    public var boundKeys: [[Key]] { ReplayKeys.table.boundKeys }

    public func draw(into canvas: inout Canvas, theme: Theme) {
        let layout = BackLayout(width: canvas.width, height: canvas.height, panel: ReplayState.panel)
        let s = theme.separator
        let place = history.position(of: session.id).map { "session \($0.index) of \($0.count)" } ?? ""
        Chrome.titleBar("backmap \(s) replay \(s) \(session.startedAt.day) \(session.startedAt.clock) \(s) \(session.subject) \(s) \(session.technique.title)",
                        right: place, into: &canvas, theme: theme)
        let highlighted = currentMark.map { Set([$0.zone]) } ?? []
        BackView(map: map, theme: theme, highlighted: highlighted, maxWidth: canvas.width - layout.backX,
                 notes: session.notedZones(throughMark: position))
            .draw(into: &canvas, x: layout.backX, y: layout.backY)
        if let mark = currentMark {
            // The zone just played is pointed at, as the editor points at its cursor.
            let cell = theme.drawing.cell(for: mark.zone)
            let x = layout.backX + cell.column
            let y = layout.backY + cell.line
            canvas.put(theme.cursorLeft, x: x - 1, y: y, style: theme.cursor)
            canvas.put(theme.cursorRight, x: x + cell.width, y: y, style: theme.cursor)
        }
        if layout.panelWidth > 0 {
            drawPanel(into: &canvas, x: layout.panelX, width: layout.panelWidth, theme: theme)
        }
        let status = statusText(theme: theme, width: canvas.width)
        let room = canvas.width - TerminalText.width(of: status)
        Chrome.statusLine(left: status, message: message ?? (room > 10 ? "? help" : nil), important: message != nil, save: nil, into: &canvas, theme: theme)
    }

    /// "mark 5/23 · 19:04:12 · pass 1 · speed 1x · playing", shortened to fit `width`.
    func statusText(theme: Theme, width: Int = .max) -> String {
        let s = theme.separator
        let state = isPlaying ? "playing" : isAtEnd && !session.marks.isEmpty ? "end" : "paused"
        let speedText = ReplayState.speedText(speed)
        let time = currentMark.map { [$0.at.clockWithSeconds] } ?? []
        let full = ["mark \(position)/\(session.marks.count)"]
            + (currentMark.map { [$0.at.clockWithSeconds, "pass \($0.pass)"] } ?? ["empty map"])
            + ["speed \(speedText)", state]
        let short = ["\(position)/\(session.marks.count)"] + time
            + (currentMark.map { ["p\($0.pass)"] } ?? []) + [speedText, state]
        let long = full.joined(separator: " \(s) ")
        return TerminalText.width(of: long) <= width ? long : short.joined(separator: " ")
    }

    private func drawPanel(into canvas: inout Canvas, x: Int, width: Int, theme: Theme) {
        let legend = Legend(theme: theme, detailed: width >= 30,
                            markers: Legend.markers(theme: theme, notes: !session.notedZones(throughMark: position).isEmpty))
        legend.draw(into: &canvas, x: x, y: 2, width: width)
        var lines: [(String, Style)] = []
        let count = session.marks.count
        if let mark = currentMark {
            let before = session.map(throughMark: position - 1)[mark.zone]
            lines.append(("Mark \(position) of \(count)", theme.accent))
            lines.append(("\(mark.at.clockWithSeconds) \(theme.separator) pass \(mark.pass)", .plain))
            lines.append(("\(mark.zone.side.title) \(mark.zone.segment.name)", .bold))
            let after = mark.tightness
            let change = before == after && mark.note != nil
                ? "note, \(describe(after))"
                : "\(describe(before)) \(theme.arrow) \(describe(after))"
            lines.append((change, theme.style(after)))
        } else {
            lines.append(("Before the first mark", theme.accent))
            lines.append((count == 0 ? "this session has no marks" : "\(count) mark\(count == 1 ? "" : "s") to play", .plain))
        }
        var y = 3 + legend.height
        for (text, style) in lines where y < canvas.height - 2 {
            canvas.put(text, x: x, y: y, style: style, maxWidth: width, ellipsis: theme.ellipsis)
            y += 1
        }
        if let note = currentMark?.note, !note.isEmpty, y < canvas.height - 2 {
            let rows = TextWrap.lines(TerminalText.sanitized("note: " + note), width: width, maxLines: 2, ellipsis: theme.ellipsis)
            for row in rows where y < canvas.height - 2 {
                canvas.put(row, x: x, y: y, maxWidth: width)
                y += 1
            }
        }
        y += 1
        let current = map
        var summary: [(String, Style)] = [
            (progressBar(width: width, theme: theme), theme.accent),
            ("rolled \(current.ratedCount)/\(Zone.all.count), score \(theme.score(current))", .plain),
            ("mean tightness \(theme.mean(current))", .plain),
            ("pain \(session.painBefore.map(String.init) ?? "-") \(theme.arrow) \(session.painAfter.map(String.init) ?? "-")", .plain),
        ]
        // At the end, the session's release: its first pass against its last.
        if isAtEnd, let release = session.release {
            summary += ReleaseLines.lines(release, theme: theme, width: width).map { ($0, Style.plain) }
        }
        for (text, style) in summary where y < canvas.height - 2 {
            canvas.put(text, x: x, y: y, style: style, maxWidth: width, ellipsis: theme.ellipsis)
            y += 1
        }
    }

    private func describe(_ value: Tightness?) -> String {
        value.map { "\($0.rawValue) \($0.title)" } ?? "not rolled"
    }

    /// "[#####-----]": how far through the log the replay is.
    private func progressBar(width: Int, theme: Theme) -> String {
        let inner = max(4, min(width - 2, 30))
        let count = session.marks.count
        let filled = count == 0 ? 0 : inner * position / count
        let (on, off) = theme.ascii ? ("#", "-") : ("█", "░")
        return "[" + String(repeating: on, count: filled) + String(repeating: off, count: inner - filled) + "]"
    }
}

extension Timestamp {
    /// "19:04:12", for marks a few seconds apart.
    var clockWithSeconds: String {
        let second = fields.second
        return clock + ":" + (second < 10 ? "0" : "") + String(second)
    }
}
