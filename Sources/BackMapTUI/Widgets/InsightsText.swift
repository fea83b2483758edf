import BackMapCore

/// Insights as wrapped lines of text: the scope, one bullet per finding (clear
/// differences first), what could not be compared, and the footer saying these
/// are associations. Shared by `backmap insights` and the panel on the trends screen.
public enum InsightsText {
    /// One styled line.
    public struct Line: Equatable, Sendable {
        public var text: String
        public var style: Style
    }

    /// Every line at `width` columns; `findings` caps the bullets (the panel shows the strongest).
    public static func lines(_ insights: Insights, theme: Theme, width: Int, findings limit: Int? = nil,
                             footer: Bool = true) -> [Line] {
        var lines: [Line] = []
        func paragraph(_ text: String, style: Style = .plain, bullet: String? = nil) {
            let indent = bullet.map { TerminalText.width(of: $0) + 1 } ?? 0
            // Tags come from files: wrapped as they will be shown, so a replaced control
            // character cannot make a line wider than measured and lose its end.
            let wrapped = TextWrap.lines(TerminalText.sanitized(text), width: max(1, width - indent), maxLines: 50,
                                         ellipsis: theme.ellipsis)
            for (index, line) in wrapped.enumerated() {
                let lead = bullet.map { index == 0 ? $0 + " " : String(repeating: " ", count: indent) } ?? ""
                lines.append(Line(text: lead + line, style: style))
            }
        }
        let bullet = theme.ascii ? "*" : "•"
        let shown = limit.map { Array(insights.findings.prefix($0)) } ?? insights.findings
        for finding in shown {
            paragraph(finding.sentence, style: finding.isClear ? .plain : theme.outline, bullet: bullet)
        }
        if shown.count < insights.findings.count {
            let more = insights.findings.count - shown.count
            paragraph("\(more) more: backmap insights", style: theme.outline)
        }
        if let advice = insights.emptyAdvice { paragraph(advice) }
        if !insights.shortfalls.isEmpty && limit == nil {
            lines.append(Line(text: "", style: .plain))
            paragraph("Not compared, too few sessions: "
                      + insights.shortfalls.map(\.description).joined(separator: "; ") + ".", style: theme.outline)
        }
        if footer {
            lines.append(Line(text: "", style: .plain))
            paragraph(Insights.footer, style: theme.outline)
        }
        return lines
    }
}
