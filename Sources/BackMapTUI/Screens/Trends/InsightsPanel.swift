import BackMapCore

/// What helps, on the trends screen (`i`): the scope, the strongest findings that
/// fit, and a reminder that these are associations. `backmap insights` prints all.
struct InsightsPanel {
    var insights: Insights
    var theme: Theme

    /// The last lines, kept whatever else fits.
    static let footer = "Associations in your own records, not causes. `backmap insights` prints every figure."

    func draw(into canvas: inout Canvas, x: Int, y: Int, width: Int, bottom: Int) {
        guard width > 0, y < bottom else { return }
        let dash = theme.ascii ? "-" : "—"
        canvas.put("What helps \(dash) \(insights.scope)", x: x, y: y, style: theme.accent, maxWidth: width, ellipsis: theme.ellipsis)
        let footer = TextWrap.lines(Self.footer, width: width, maxLines: 3, ellipsis: theme.ellipsis)
        let room = bottom - (y + 2) - footer.count - 1
        // As many findings as fit, strongest first; the rest are counted on a line of their own.
        var lines: [InsightsText.Line] = []
        for count in stride(from: insights.findings.count, through: 0, by: -1) {
            lines = InsightsText.lines(insights, theme: theme, width: width, findings: count, footer: false)
            if lines.count <= room { break }
        }
        var line = y + 2
        for entry in lines.prefix(max(0, room)) {
            canvas.put(entry.text, x: x, y: line, style: entry.style, maxWidth: width, ellipsis: theme.ellipsis)
            line += 1
        }
        var footerLine = bottom - footer.count
        for text in footer where footerLine > line {
            canvas.put(text, x: x, y: footerLine, style: theme.outline, maxWidth: width, ellipsis: theme.ellipsis)
            footerLine += 1
        }
    }
}
