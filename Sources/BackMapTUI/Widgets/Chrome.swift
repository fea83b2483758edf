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
    /// An `important` message (what a key did, why it was refused) that does not
    /// fit takes the line above as a second status line; a hint is cut with an ellipsis.
    public static func statusLine(left: String, message: String?, important: Bool = false, save: SaveStatus?,
                                  into canvas: inout Canvas, theme: Theme) {
        let y = canvas.height - 1
        canvas.fill(x: 0, y: y, width: canvas.width, height: 1)
        // The runtime puts the save state over every screen's status line ("saved" at
        // least): its room is kept, so the text here is cut by its own rule, with an ellipsis.
        let rightWidth = saveWidth(save ?? .saved, canvasWidth: canvas.width)
        let leftRoom = max(0, canvas.width - rightWidth - 1)
        // Anything cut ends in an ellipsis, so a cut word is never taken for the whole.
        let fittedLeft = TerminalText.truncated(TerminalText.sanitized(left), toWidth: leftRoom, ellipsis: theme.ellipsis)
        let used = canvas.put(fittedLeft, x: 0, y: y, style: .bold, maxWidth: leftRoom)
        if let message {
            let text = TerminalText.sanitized(message)
            if used + 2 + TerminalText.width(of: text) <= leftRoom {
                canvas.put("  " + text, x: used, y: y, maxWidth: leftRoom - used)
            } else if important, canvas.height >= 3 {
                // Too long for what is left of the line: the message takes a second
                // status line above, whole where it fits, rather than being cut.
                let rows = TextWrap.lines(text, width: max(1, canvas.width - 1), maxLines: 1, ellipsis: theme.ellipsis)
                canvas.fill(x: 0, y: y - 1, width: canvas.width, height: 1)
                canvas.put(rows.first ?? "", x: 0, y: y - 1, style: theme.accent, maxWidth: canvas.width)
            } else {
                canvas.put("  " + TerminalText.truncated(text, toWidth: max(0, leftRoom - used - 2), ellipsis: theme.ellipsis),
                           x: used, y: y, maxWidth: leftRoom - used)
            }
        }
        if let save { saveState(save, into: &canvas, theme: theme) }
    }

    /// The right end of the status line: what is saved. The runtime draws it over
    /// every screen's status line, clearing the column before it, so it shows
    /// whichever screen is on top.
    public static func saveState(_ save: SaveStatus, into canvas: inout Canvas, theme: Theme) {
        let width = saveWidth(save, canvasWidth: canvas.width)
        guard width > 0 else { return }
        let style = save == .saved ? theme.accent : theme.warning
        let x = canvas.width - width
        let y = canvas.height - 1
        let start = max(0, x - 1)
        // Text the screen wrote where the save state goes is cut by it: like every cut, it says so.
        let cut = start > 0 && (start..<canvas.width).contains { canvas[$0, y].character != " " }
        canvas.fill(x: start, y: y, width: canvas.width - start, height: 1)
        if cut { markCut(before: start, y: y, into: &canvas, theme: theme) }
        canvas.put(TerminalText.truncated(saveText(save), toWidth: width, ellipsis: theme.ellipsis), x: x, y: y, style: style)
    }

    /// An ellipsis after the last text left of column `limit`, or over its end when there is no room.
    private static func markCut(before limit: Int, y: Int, into canvas: inout Canvas, theme: Theme) {
        var end = limit
        while end > 0, canvas[end - 1, y].character == " " { end -= 1 }
        var markX = max(0, min(end, limit - TerminalText.width(of: theme.ellipsis)))
        // Never half of a wide character.
        while markX > 0, canvas[markX, y].isContinuation { markX -= 1 }
        canvas.put(theme.ellipsis, x: markX, y: y, style: canvas[max(0, markX - 1), y].style, maxWidth: limit - markX)
    }

    private static func saveText(_ save: SaveStatus) -> String {
        switch save {
        case .saved: "saved"
        case .failed(let reason): TerminalText.sanitized("NOT SAVED: \(reason)")
        case .readOnly(let reason): TerminalText.sanitized("read-only: \(reason)")
        }
    }

    private static func saveWidth(_ save: SaveStatus, canvasWidth: Int) -> Int {
        min(TerminalText.width(of: saveText(save)), max(0, canvasWidth / 2))
    }

    /// The rating scale and the landmarks, under the keys in every help box, so two
    /// helpers rate alike and find the rows on a real back.
    public static let helpNotes = TextWrap.lines("Levels: \(Tightness.scale).", width: 57, maxLines: 3, ellipsis: "…") + [
        "Landmarks: shoulder-blade tips ~T7, top of hip bones L4,",
        "dimples above the buttocks S2 (just below S1).",
    ]

    /// A box listing the keys of the current screen, drawn over it.
    ///
    /// One column when it fits; otherwise two, with long descriptions wrapped,
    /// so that every key still shows at 80×24. The notes below the keys are
    /// dropped before any key is, and the closing hint sits in the bottom border.
    /// Where even two columns do not fit (40×24), the box shows `scroll` lines
    /// down and its borders say there is more; `HelpOverlay` scrolls it.
    public static func help(title: String, keys: [KeyHelp], extra: [String], scroll: Int = 0,
                            into canvas: inout Canvas, theme: Theme) {
        let layout = HelpLayout(entries: keys + GlobalKeys.table.help, notes: extra,
                                width: canvas.width, height: canvas.height, ellipsis: theme.ellipsis)
        let boxWidth = min(canvas.width, layout.contentWidth + 4)
        let boxHeight = min(canvas.height, layout.height + 2)
        let x = max(0, (canvas.width - boxWidth) / 2)
        let y = max(0, (canvas.height - boxHeight) / 2)
        // A blank column either side, so no character of the screen below sticks to
        // the frame (a box one column narrower than the screen left "│r" at 80×24).
        canvas.fill(x: x - 1, y: y, width: boxWidth + 2, height: boxHeight)
        drawBox(x: x, y: y, width: boxWidth, height: boxHeight, into: &canvas, theme: theme)
        canvas.put(" \(title) ", x: x + 2, y: y, style: theme.accent, maxWidth: boxWidth - 4)
        let rows = boxHeight - 2
        let top = max(0, min(scroll, layout.height - rows))
        let more = top + rows < layout.height
        let closing = more || top > 0
            ? (theme.ascii ? " j/k scroll, other keys close " : " ↓↑ scroll · other keys close ")
            : " any key closes this help "
        if TerminalText.width(of: closing) <= boxWidth - 4 {
            canvas.put(closing, x: x + boxWidth - 2 - TerminalText.width(of: closing), y: y + boxHeight - 1, style: theme.accent)
        }
        if top > 0 {
            canvas.put(theme.ascii ? " ^ more " : " ↑ more ", x: x + boxWidth - 10, y: y, style: theme.accent)
        }
        for row in 0..<rows {
            let line = top + row
            let screenY = y + 1 + row
            if line < layout.keyRows {
                for (index, column) in layout.columns.enumerated() where line < column.count {
                    let columnX = x + 2 + index * (layout.columnWidth + HelpLayout.gap)
                    canvas.put(column[line].keys, x: columnX, y: screenY, style: theme.accent, maxWidth: layout.keyWidth)
                    canvas.put(column[line].action, x: columnX + layout.keyWidth + 2, y: screenY,
                               maxWidth: layout.columnWidth - layout.keyWidth - 2)
                }
            } else if line > layout.keyRows, line - layout.keyRows - 1 < layout.notes.count {
                // Notes (legend, landmarks) start at the left edge of the box, under the keys.
                canvas.put(layout.notes[line - layout.keyRows - 1], x: x + 2, y: screenY, maxWidth: boxWidth - 4)
            }
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

/// Where the help box puts each line: one or two columns of keys, then the notes.
struct HelpLayout {
    /// One printed row of a column: the key names on an entry's first row only.
    struct Line: Equatable {
        var keys: String
        var action: String
    }

    static let gap = 3
    let keyWidth: Int
    let columnWidth: Int
    let columns: [[Line]]
    let notes: [String]

    var keyRows: Int { columns.map(\.count).max() ?? 0 }
    var height: Int { keyRows + (notes.isEmpty ? 0 : 1 + notes.count) }
    var contentWidth: Int {
        let keysWidth = columns.count * columnWidth + (columns.count - 1) * HelpLayout.gap
        return max(keysWidth, notes.map { TerminalText.width(of: $0) }.max() ?? 0)
    }

    init(entries: [KeyHelp], notes extra: [String], width: Int, height: Int, ellipsis: String) {
        let keyWidth = min(16, entries.map { TerminalText.width(of: $0.keys) }.max() ?? 0)
        let widestAction = entries.map { TerminalText.width(of: $0.action) }.max() ?? 0
        let inner = max(1, width - 4)
        let rows = max(1, height - 2)
        var chosen: (columnWidth: Int, columns: [[Line]], notes: [String])?
        for count in 1...2 {
            let room = (inner - (count - 1) * HelpLayout.gap) / count
            let actionWidth = min(widestAction, room - keyWidth - 2)
            guard actionWidth >= 8 || count == 1 else { break }
            let blocks = entries.map { entry in
                let wrapped = TextWrap.lines(entry.action, width: max(1, actionWidth), maxLines: 3, ellipsis: ellipsis)
                return wrapped.enumerated().map { Line(keys: $0.offset == 0 ? entry.keys : "", action: $0.element) }
            }
            let columns = HelpLayout.split(blocks, into: count)
            let keyRows = columns.map(\.count).max() ?? 0
            let noteLines = extra.flatMap { TextWrap.lines($0, width: inner, maxLines: 2, ellipsis: ellipsis) }
            let layout = (keyWidth + 2 + actionWidth, columns, noteLines)
            if keyRows + 1 + noteLines.count <= rows {
                chosen = layout
                break
            }
            if keyRows <= rows {
                chosen = (layout.0, layout.1, [])
                break
            }
            // Nothing fits: the layout with the fewest rows, notes kept; the box scrolls.
            if chosen == nil || keyRows < (chosen?.columns.map(\.count).max() ?? .max) {
                chosen = layout
            }
        }
        self.keyWidth = keyWidth
        self.columnWidth = chosen?.columnWidth ?? inner
        self.columns = chosen?.columns ?? []
        self.notes = chosen?.notes ?? []
    }

    /// Splits entries (each a block of rows) into `count` columns of nearly equal height,
    /// never cutting an entry.
    static func split(_ blocks: [[Line]], into count: Int) -> [[Line]] {
        guard count > 1, blocks.count > 1 else { return [blocks.flatMap { $0 }] }
        let total = blocks.reduce(0) { $0 + $1.count }
        var best = (index: blocks.count, height: total)
        var above = 0
        for index in 0..<blocks.count {
            above += blocks[index].count
            let height = max(above, total - above)
            if height < best.height { best = (index + 1, height) }
        }
        return [blocks[..<best.index].flatMap { $0 }, blocks[best.index...].flatMap { $0 }]
    }
}
