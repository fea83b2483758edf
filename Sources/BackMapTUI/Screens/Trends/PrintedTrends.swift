import BackMapCore

/// The trends as printed by `backmap trends --print` (or when the output is
/// not a terminal): the same heat map and chart as the screen, laid out for
/// a page, with the zones that changed most listed by name.
public enum PrintedTrends {
    public static func canvas(_ trends: Trends, theme: Theme) -> Canvas {
        let drawing = theme.drawing
        let panelWidth = 58
        let width = drawing.width + 2 + panelWidth
        let panel = TrendsPanel(trends: trends, theme: theme)
        let method = TextWrap.lines(Trends.method, width: width, maxLines: 6, ellipsis: theme.ellipsis)
        let chartHeight = trends.sessions.isEmpty ? 0 : 9
        let top = 2
        let chartTop = top + drawing.height + 1
        let height = chartTop + (chartHeight > 0 ? chartHeight + 2 : 0) + method.count
        var canvas = Canvas(width: width, height: height, asciiOnly: theme.asciiText)
        canvas.put(TrendsPanel.title(trends, theme: theme), x: 0, y: 0, style: theme.accent)
        var back = BackView(map: TrendsPanel.heatMap(trends), theme: theme)
        back.labels = TrendsPanel.heatLabels(trends, theme: theme)
        back.draw(into: &canvas, x: 0, y: top)

        let x = drawing.width + 2
        let bottom = top + drawing.height
        var y = panel.drawLegend(into: &canvas, x: x, y: top + 1, width: panelWidth, bottom: bottom) + 1
        y = panel.drawSummary(into: &canvas, x: x, y: y, width: panelWidth, bottom: bottom) + 1
        panel.drawNotable(into: &canvas, x: x, y: y, width: panelWidth, bottom: bottom)
        if chartHeight > 0 {
            panel.drawChart(into: &canvas, x: 0, y: chartTop, width: width, height: chartHeight + 1)
        }
        let methodTop = height - method.count
        for (index, line) in method.enumerated() {
            canvas.put(line, x: 0, y: methodTop + index, style: theme.outline)
        }
        return canvas
    }
}
