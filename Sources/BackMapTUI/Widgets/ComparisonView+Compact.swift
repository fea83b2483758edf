import BackMapCore

/// The comparison in a default 80×24 terminal: both backs and the change
/// column in full, the summary on one line, the full summary on a key.
///
/// The roomy layout spends a line on the headings and three on the summary;
/// here the side letters sit on the drawing's own LEFT/RIGHT line (the title
/// bar carries the dates) and the one-line summary takes the place of the
/// bottom outline, so all 36 zones of each back stay in view.
extension ComparisonView {
    /// Lines the compact layout takes: the drawing's, no more.
    public var compactHeight: Int { geometry.drawingHeight }

    /// Draws the compact layout at (x, y); `details` lays the full summary over B's back.
    public func drawCompact(into canvas: inout Canvas, x: Int, y: Int, width: Int, details: Bool) {
        let g = geometry
        drawBacks(into: &canvas, x: x, y: y)
        // The side letters on the LEFT/RIGHT line, the active one set apart.
        for (pane, letterX) in [(ComparePane.a, x + 1), (.b, x + g.middleX + Geometry.middleWidth + 1)] {
            canvas.put(" \(pane.rawValue) ", x: letterX - 1, y: y, style: pane == active ? theme.selectedRow : theme.accent)
        }
        let summaryY = y + g.drawingHeight - 1
        canvas.fill(x: x, y: summaryY, width: width, height: 1)
        drawPieces(oneLineSummary(width: width), into: &canvas, x: x, y: summaryY, width: width)
        if details { drawDetails(into: &canvas, x: x + g.middleX, y: y, width: x + width - (x + g.middleX)) }
    }

    /// Counts of the changes, then the means, the scores and the overlap as far as they fit.
    func oneLineSummary(width: Int) -> [(String, Style)] {
        func mark(_ change: ZoneChange, _ count: Int, _ words: String) -> Pieces {
            [(" ", .plain), (theme.changeSymbol(change) + String(count), theme.changeStyle(change)), (" \(words)", .plain)]
        }
        var line = Array((mark(.better, count(.better), "better") + mark(.worse, count(.worse), "worse")
            + mark(.same, count(.same), "same")).dropFirst())
        var used = line.reduce(0) { $0 + TerminalText.width(of: $1.0) }
        let a = comparison.a.map
        let b = comparison.b.map
        let arrow = theme.arrow
        let optional: [Pieces] = [
            [("  mean ", .plain), ("\(meanText(a))\(arrow)\(meanText(b))", .bold)],
            [("  score \(scoreText(a))\(arrow)\(scoreText(b))", .plain)],
            mark(.unknownInA, count(.unknownInA) + count(.unknownInB), "one side"),
            [("  overlap \(overlapText)", .plain)],
            [("  i more", .dim)],
        ]
        for extra in optional {
            let w = extra.reduce(0) { $0 + TerminalText.width(of: $1.0) }
            if used + w <= width {
                line += extra
                used += w
            }
        }
        return line
    }

    /// The full summary table in a box over B's back.
    private func drawDetails(into canvas: inout Canvas, x: Int, y: Int, width: Int) {
        let rows = sideSummary
        let height = min(geometry.drawingHeight - 1, rows.count + 2)
        canvas.fill(x: x, y: y, width: width, height: height)
        canvas.put("Summary (i closes)", x: x + 1, y: y, style: theme.accent, maxWidth: width - 1)
        for (index, row) in rows.prefix(height - 2).enumerated() {
            drawPieces(row, into: &canvas, x: x + 1, y: y + 2 + index, width: width - 1)
        }
    }
}
