import BackMapCore

/// Where the list puts its rows and footer lines for a terminal size.
struct SessionListLayout {
    let width: Int
    let height: Int
    let hasProblems: Bool
    /// Line 0 is the title bar, line 1 the column headings.
    let firstRowY = 2

    static let minimum = Size(width: 40, height: 8)

    /// The selected session's details, the unreadable files (if any), the status line.
    var footerLines: Int { hasProblems ? 3 : 2 }
    var visibleRows: Int { max(1, height - firstRowY - footerLines) }
    var detailY: Int { height - footerLines }
    var problemsY: Int { height - 2 }

    /// The first row to draw: `scrollTop` moved just enough to show the cursor.
    func top(scrollTop: Int, cursor: Int, rowCount: Int) -> Int {
        var top = min(scrollTop, max(0, rowCount - visibleRows))
        if cursor < top { top = cursor }
        if cursor >= top + visibleRows { top = cursor - visibleRows + 1 }
        return max(0, top)
    }

    /// The row drawn on line `y`, if any.
    func row(atY y: Int, top: Int) -> Int? {
        guard y >= firstRowY, y < firstRowY + visibleRows else { return nil }
        return top + y - firstRowY
    }

    /// The table's columns that fit this width, widest first dropped.
    func columns(theme: Theme) -> [SessionListColumn] {
        var columns = SessionListColumn.onScreen
        // Drop the least needed columns until the fixed ones and a usable subject fit.
        for drop in [SessionListColumn.tags, .technique, .pain] where fixedWidth(columns, theme: theme) > width {
            columns.removeAll { $0 == drop }
        }
        return columns
    }

    func fixedWidth(_ columns: [SessionListColumn], theme: Theme) -> Int {
        2 + columns.reduce(0) { $0 + ($1.width(theme: theme) ?? 8) + 2 }
    }
}

extension SessionListColumn {
    /// The columns of the screen, before those that do not fit are dropped.
    static let onScreen: [SessionListColumn] = [.date, .subject, .technique, .zones, .score, .mean, .pain, .tags]

    /// Fixed widths; nil for the columns that share what is left (subject, tags).
    func width(theme: Theme) -> Int? {
        switch self {
        case .id: 20
        case .date: 16
        case .subject, .tags: nil
        case .technique: 12
        case .zones: 5
        case .score: 5
        case .mean: 4
        case .pain: theme.ascii ? 6 : 5
        }
    }
}

extension SessionListState: Screen {
    public var name: String { "sessions" }
    public var keyHelp: [KeyHelp] { SessionListKeys.help }
    public var isTyping: Bool { filterPrompt != nil || subjectPrompt != nil || confirmingTrash != nil }
    public var minimumSize: Size { SessionListLayout.minimum }
    public var followsStore: Bool { true }
    public var awaitsStoreCheck: Bool { isChecking }
    public var boundKeys: [[Key]] { SessionListKeys.table.boundKeys }

    public func draw(into canvas: inout Canvas, theme: Theme) {
        let layout = SessionListLayout(width: canvas.width, height: canvas.height, hasProblems: !problems.isEmpty)
        let s = theme.separator
        var title = "backmap \(s) sessions"
        if !filter.isEmpty { title += " \(s) filter \"\(filter)\"" }
        let total = sessionCount
        let ellipsis = theme.ascii ? "..." : "…"
        var count = filter.isEmpty ? "\(total) session\(total == 1 ? "" : "s")" : "\(rows.count) of \(total)"
        // Rows from the index, files not checked yet: said on screen until the check replaces them.
        if isChecking { count += " \(s) checking" + ellipsis }
        // No index, no count yet: nothing is said of the sessions before they are read.
        if isReading { count = "reading" + ellipsis }
        Chrome.titleBar(title, right: count, into: &canvas, theme: theme)

        let columns = layout.columns(theme: theme)
        let widths = columnWidths(columns, layout: layout, theme: theme)
        drawRow(columns.map(\.heading), columns: columns, widths: widths, y: 1, marker: "", style: theme.accent, into: &canvas)

        if rows.isEmpty {
            let lines = isReading
                ? ["Reading every session" + ellipsis, "The list comes when they are read."]
                : all.isEmpty
                ? ["No sessions yet.", "n starts one; ? lists the keys."]
                : ["No session matches \"\(filter)\".", "Esc clears the filter; / changes it."]
            for (index, line) in lines.enumerated() {
                canvas.put(line, x: 2, y: layout.firstRowY + 1 + index, style: index == 0 ? theme.accent : .plain)
            }
        } else {
            let top = layout.top(scrollTop: scrollTop, cursor: cursor, rowCount: rows.count)
            for index in top..<min(rows.count, top + layout.visibleRows) {
                let row = rows[index]
                let y = layout.firstRowY + index - top
                let texts = columns.map { $0.text(row, ascii: theme.ascii) }
                let marker = row.id == marked ? (theme.ascii ? "*" : "●") : ""
                let style = index == cursor ? theme.selectedRow : Style.plain
                if index == cursor { canvas.fill(x: 0, y: y, width: canvas.width, height: 1, style: style) }
                drawRow(texts, columns: columns, widths: widths, y: y, marker: marker, style: style, into: &canvas)
            }
            if rows.count > layout.visibleRows {
                drawScrollHint(top: top, layout: layout, into: &canvas, theme: theme)
            }
        }
        drawFooter(layout: layout, into: &canvas, theme: theme)
    }

    /// The widths of the columns; subject and tags share what the fixed ones leave.
    private func columnWidths(_ columns: [SessionListColumn], layout: SessionListLayout, theme: Theme) -> [Int] {
        let fixed = columns.compactMap { $0.width(theme: theme) }.reduce(0, +)
        let gaps = 2 + 2 * (columns.count - 1)
        let free = max(0, layout.width - fixed - gaps - 1)
        let hasTags = columns.contains(.tags)
        // The subject takes what it needs (up to 20), the tags the rest.
        let longestSubject = rows.prefix(500).map { TerminalText.width(of: TerminalText.sanitized($0.subject)) }.max() ?? 7
        let subject = hasTags ? min(max(7, min(20, longestSubject)), free) : free
        let tags = max(0, free - subject)
        return columns.map { column in
            switch column {
            case .subject: subject
            case .tags: tags
            default: column.width(theme: theme) ?? 8
            }
        }
    }

    private func drawRow(_ texts: [String], columns: [SessionListColumn], widths: [Int], y: Int, marker: String,
                         style: Style, into canvas: inout Canvas) {
        canvas.put(marker, x: 0, y: y, style: style, maxWidth: 1)
        var x = 2
        let ellipsis = canvas.asciiOnly ? "..." : "…"
        for (index, column) in columns.enumerated() {
            let width = widths[index]
            let clean = canvas.asciiOnly ? TerminalText.ascii(texts[index]) : TerminalText.sanitized(texts[index])
            let cut = TerminalText.truncated(clean, toWidth: width, ellipsis: ellipsis)
            let offset = column.alignsRight ? width - TerminalText.width(of: cut) : 0
            canvas.put(cut, x: x + offset, y: y, style: style, maxWidth: width)
            x += width + 2
        }
    }

    private func drawScrollHint(top: Int, layout: SessionListLayout, into canvas: inout Canvas, theme: Theme) {
        let above = top
        let below = rows.count - top - layout.visibleRows
        let x = canvas.width - 1
        if above > 0 { canvas.put(theme.ascii ? "^" : "▲", x: x, y: layout.firstRowY, style: theme.accent) }
        if below > 0 { canvas.put(theme.ascii ? "v" : "▼", x: x, y: layout.firstRowY + layout.visibleRows - 1, style: theme.accent) }
    }

    private func drawFooter(layout: SessionListLayout, into canvas: inout Canvas, theme: Theme) {
        let s = theme.separator
        if let selected {
            var parts = [selected.id.rawValue, "\(selected.passCount) pass\(selected.passCount == 1 ? "" : "es")",
                         "\(selected.markCount) mark\(selected.markCount == 1 ? "" : "s")",
                         "tight \(selected.map.tightCount)"]
            if selected.hasNote { parts.append("has a note") }
            if selected.isFromNewerVersion { parts.append("newer format, read-only") }
            // Joined by hand: the first `joined(separator:)` of a run looks up conformances
            // across the whole program (a quarter of a million instructions before the first frame).
            var line = parts[0]
            for part in parts.dropFirst() { line += " \(s) " + part }
            canvas.put(line, x: 0, y: layout.detailY, style: .dim, maxWidth: canvas.width)
        }
        if !problems.isEmpty {
            canvas.fill(x: 0, y: layout.problemsY, width: canvas.width, height: 1, style: theme.warning)
            // Cut with an ellipsis, so nobody takes "bro" for the whole reason.
            let line = TerminalText.truncated(TerminalText.sanitized(problemsLine(theme: theme)), toWidth: canvas.width, ellipsis: theme.ellipsis)
            canvas.put(line, x: 0, y: layout.problemsY, style: theme.warning, maxWidth: canvas.width)
        }
        if let filterPrompt {
            filterPrompt.draw(into: &canvas, y: canvas.height - 1, theme: theme)
        } else if let subjectPrompt {
            // The known subjects above the prompt, so nobody types a second spelling of one person.
            canvas.fill(x: 0, y: layout.detailY, width: canvas.width, height: 1)
            canvas.put("Tab: \(knownSubjects.joined(separator: ", ")) \(s) or type a new name \(s) Esc cancels",
                       x: 0, y: layout.detailY, style: theme.accent, maxWidth: canvas.width)
            subjectPrompt.draw(into: &canvas, y: canvas.height - 1, theme: theme)
        } else if let id = confirmingTrash, let summary = all.first(where: { $0.id == id }) {
            canvas.fill(x: 0, y: canvas.height - 1, width: canvas.width, height: 1)
            canvas.put("move \(SessionListState.label(summary)) to the trash? y/n", x: 0, y: canvas.height - 1,
                       style: theme.warning, maxWidth: canvas.width)
        } else {
            let hint = "Enter replay \(s) e edit \(s) n new \(s) m/c compare \(s) d trash \(s) / filter \(s) ? help"
            let marks = marked.flatMap { id in all.first { $0.id == id } }.map { "marked \(SessionListState.label($0)) \(s) " } ?? ""
            Chrome.statusLine(left: rows.isEmpty ? "sessions" : "\(cursor + 1)/\(isChecking && filter.isEmpty ? sessionCount : rows.count)",
                              message: message ?? marks + hint, important: message != nil, save: nil, into: &canvas, theme: theme)
        }
    }

    /// "2 files could not be read: a.json (bad JSON at line 3, column 1: …), b.json (…)".
    private func problemsLine(theme: Theme) -> String {
        let count = problems.count
        let names = problems.prefix(3).map { "\($0.file.lastPathComponent) (\($0.reason))" }.joined(separator: ", ")
        let more = count > 3 ? " and \(count - 3) more" : ""
        return " \(count) file\(count == 1 ? "" : "s") could not be read: \(names)\(more)"
    }
}
