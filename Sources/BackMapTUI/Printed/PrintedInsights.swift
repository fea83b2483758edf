import BackMapCore

/// `backmap insights` printed: a title line, then `InsightsText`.
public enum PrintedInsights {
    public static func canvas(_ insights: Insights, theme: Theme, width: Int) -> Canvas {
        let title = "What helps \(theme.ascii ? "-" : "—") \(insights.scope)"
        let body = InsightsText.lines(insights, theme: theme, width: width)
        var canvas = Canvas(width: width, height: body.count + 2, asciiOnly: theme.ascii)
        canvas.put(title, x: 0, y: 0, style: theme.accent, maxWidth: width, ellipsis: theme.ellipsis)
        for (index, line) in body.enumerated() {
            canvas.put(line.text, x: 0, y: index + 2, style: line.style, maxWidth: width, ellipsis: theme.ellipsis)
        }
        return canvas
    }
}
