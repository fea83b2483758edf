import BackMapCore

/// The title bar, the status line, the help overlay and the too-small notice:
/// the frame every screen shares.
public enum Chrome {
    /// A reversed bar across the top line.
    public static func titleBar(_ text: String, into canvas: inout Canvas, theme: Theme) {
        canvas.fill(x: 0, y: 0, width: canvas.width, height: 1, style: theme.title)
        // An ellipsis shows that something was cut, rather than a title ending in a separator.
        let fitted = TerminalText.truncated(TerminalText.sanitized(" " + text), toWidth: canvas.width, ellipsis: theme.ellipsis)
        canvas.put(fitted, x: 0, y: 0, style: theme.title, maxWidth: canvas.width)
    }

    /// The bottom line: where you are on the left, what is saved on the right.
    /// A failed save is shown loudly: it is the one thing that must not go unseen.
    public static func statusLine(left: String, message: String?, save: SaveStatus?, into canvas: inout Canvas, theme: Theme) {
        let y = canvas.height - 1
        canvas.fill(x: 0, y: y, width: canvas.width, height: 1)
        var right = ""
        var rightStyle = theme.accent
        switch save {
        case .saved?: right = "saved"
        case .failed(let reason)?:
            right = "NOT SAVED: \(reason)"
            rightStyle = theme.warning
        case .readOnly(let reason)?:
            right = "read-only: \(reason)"
            rightStyle = theme.warning
        case nil: break
        }
        let rightWidth = min(TerminalText.width(of: TerminalText.sanitized(right)), max(0, canvas.width / 2))
        let leftRoom = max(0, canvas.width - rightWidth - 1)
        var used = canvas.put(left, x: 0, y: y, style: .bold, maxWidth: leftRoom)
        if let message, used + 2 < leftRoom {
            used += canvas.put("  " + message, x: used, y: y, maxWidth: leftRoom - used)
        }
        if rightWidth > 0 {
            canvas.put(TerminalText.truncated(TerminalText.sanitized(right), toWidth: rightWidth, ellipsis: theme.ellipsis),
                       x: canvas.width - rightWidth, y: y, style: rightStyle)
        }
    }

    /// The rating scale and the landmarks, under the keys in every help box, so two
    /// helpers rate alike and find the rows on a real back.
    public static let helpNotes = [
        "Levels: 0 relaxed (painless), 1 mild (tender, no flinch),",
        "2 tight (winces or flinches), 3 very tight (pulls away).",
        "Landmarks: shoulder-blade tips ~T7, top of hip bones L4,",
        "dimples above the buttocks S2 (just below S1).",
    ]

    /// A box listing the keys of the current screen, drawn over it.
    ///
    /// The keys go in one column when they fit the height, else in two side by
    /// side: the editor has more keys than a 24-line terminal has lines. When
    /// even two columns are too wide, the longest descriptions are cut first.
    public static func help(title: String, keys: [KeyHelp], extra: [String], into canvas: inout Canvas, theme: Theme) {
        func width(_ text: String) -> Int { TerminalText.width(of: TerminalText.sanitized(text)) }
        let all = keys + KeyHelp.global
        var tail: [String] = []
        if !extra.isEmpty { tail += [""] + extra }
        tail += ["", "any key closes this help"]

        let columnCount = all.count + tail.count <= canvas.height - 2 ? 1 : 2
        let rows = max(1, (all.count + columnCount - 1) / columnCount)
        let columns = stride(from: 0, to: all.count, by: rows).map { Array(all[$0..<min(all.count, $0 + rows)]) }
        let keyWidths = columns.map { min(16, $0.map { width($0.keys) }.max() ?? 0) }
        var actionWidths = columns.map { $0.map { width($0.action) }.max() ?? 0 }
        let gap = 3
        func keysWidth() -> Int {
            zip(keyWidths, actionWidths).map { $0 + 2 + $1 }.reduce(0, +) + gap * max(0, columns.count - 1)
        }
        while keysWidth() > canvas.width - 4,
              let widest = actionWidths.indices.max(by: { actionWidths[$0] < actionWidths[$1] }),
              actionWidths[widest] > 8 {
            actionWidths[widest] -= 1
        }
        let contentWidth = max(keysWidth(), tail.map(width).max() ?? 0)
        let boxWidth = min(canvas.width, contentWidth + 4)
        let boxHeight = min(canvas.height, rows + tail.count + 2)
        let x = max(0, (canvas.width - boxWidth) / 2)
        let y = max(0, (canvas.height - boxHeight) / 2)
        let right = x + boxWidth - 2
        canvas.fill(x: x, y: y, width: boxWidth, height: boxHeight)
        drawBox(x: x, y: y, width: boxWidth, height: boxHeight, into: &canvas, theme: theme)
        canvas.put(" \(title) ", x: x + 2, y: y, style: theme.accent, maxWidth: boxWidth - 4)

        var columnX = x + 2
        for (index, column) in columns.enumerated() {
            let actionX = columnX + keyWidths[index] + 2
            for (row, help) in column.prefix(boxHeight - 2).enumerated() {
                canvas.put(help.keys, x: columnX, y: y + 1 + row, style: theme.accent, maxWidth: min(keyWidths[index], right - columnX))
                let action = TerminalText.truncated(TerminalText.sanitized(help.action), toWidth: actionWidths[index], ellipsis: theme.ellipsis)
                canvas.put(action, x: actionX, y: y + 1 + row, maxWidth: max(0, right - actionX))
            }
            columnX = actionX + actionWidths[index] + gap
        }
        // Lines without keys (legend, notes) run under the columns from the left edge of the box.
        for (index, line) in tail.enumerated() where rows + index < boxHeight - 2 {
            canvas.put(line, x: x + 2, y: y + 1 + rows + index, maxWidth: boxWidth - 4)
        }
    }

    /// A frame around a rectangle.
    public static func drawBox(x: Int, y: Int, width: Int, height: Int, into canvas: inout Canvas, theme: Theme) {
        guard width >= 2, height >= 2 else { return }
        let (h, v, tl, tr, bl, br) = theme.ascii ? ("-", "|", "+", "+", "+", "+") : ("─", "│", "╭", "╮", "╰", "╯")
        let style = theme.outline
        canvas.put(tl + String(repeating: h, count: width - 2) + tr, x: x, y: y, style: style)
        canvas.put(bl + String(repeating: h, count: width - 2) + br, x: x, y: y + height - 1, style: style)
        for row in y + 1..<y + height - 1 {
            canvas.put(v, x: x, y: row, style: style)
            canvas.put(v, x: x + width - 1, y: row, style: style)
        }
    }

    /// Shown instead of a screen that does not fit; it recovers as soon as the terminal grows.
    public static func tooSmall(need: Size, into canvas: inout Canvas, theme: Theme) {
        let lines = [
            "Terminal too small",
            "need \(need.width)x\(need.height), have \(canvas.width)x\(canvas.height)",
            "enlarge it, or q to go back",
        ]
        let top = max(0, (canvas.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let x = max(0, (canvas.width - line.count) / 2)
            canvas.put(line, x: x, y: top + index, style: index == 0 ? theme.accent : .plain)
        }
    }
}
