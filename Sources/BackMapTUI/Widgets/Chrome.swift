import BackMapCore

/// The title bar, the status line, the help overlay and the too-small notice:
/// the frame every screen shares.
public enum Chrome {
    /// A reversed bar across the top line.
    public static func titleBar(_ text: String, into canvas: inout Canvas, theme: Theme) {
        canvas.fill(x: 0, y: 0, width: canvas.width, height: 1, style: theme.title)
        canvas.put(" " + text, x: 0, y: 0, style: theme.title, maxWidth: canvas.width)
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

    /// A box listing the keys of the current screen, drawn over it.
    public static func help(title: String, keys: [KeyHelp], extra: [String], into canvas: inout Canvas, theme: Theme) {
        let all = keys + KeyHelp.global
        let keyWidth = min(16, all.map { TerminalText.width(of: $0.keys) }.max() ?? 0)
        var lines: [(String, String)] = all.map { ($0.keys, $0.action) }
        if !extra.isEmpty {
            lines.append(("", ""))
            lines += extra.map { ("", $0) }
        }
        lines.append(("", ""))
        lines.append(("", "any key closes this help"))
        let contentWidth = lines.map { keyWidth + 2 + TerminalText.width(of: $0.1) }.max() ?? 20
        let boxWidth = min(canvas.width, contentWidth + 4)
        let boxHeight = min(canvas.height, lines.count + 2)
        let x = max(0, (canvas.width - boxWidth) / 2)
        let y = max(0, (canvas.height - boxHeight) / 2)
        canvas.fill(x: x, y: y, width: boxWidth, height: boxHeight)
        drawBox(x: x, y: y, width: boxWidth, height: boxHeight, into: &canvas, theme: theme)
        canvas.put(" \(title) ", x: x + 2, y: y, style: theme.accent, maxWidth: boxWidth - 4)
        for (index, line) in lines.prefix(boxHeight - 2).enumerated() {
            canvas.put(line.0, x: x + 2, y: y + 1 + index, style: theme.accent, maxWidth: keyWidth)
            // Lines without keys (legend, notes) start at the left edge of the box.
            let actionX = line.0.isEmpty ? x + 2 : x + 4 + keyWidth
            canvas.put(line.1, x: actionX, y: y + 1 + index, maxWidth: x + boxWidth - 2 - actionX)
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
