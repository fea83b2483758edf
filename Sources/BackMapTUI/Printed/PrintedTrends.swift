import BackMapCore

/// The trends as printed by `backmap trends --print` (or when the output is
/// not a terminal): the same heat map and chart as the screen, laid out for
/// a page, with the zones that changed most listed by name.
public enum PrintedTrends {
    /// The panel's widest, and the narrowest it is put beside the back at (its legend lines fit whole).
    static let panelWidths = 46...58

    /// - Parameter width: the columns available (the terminal or `COLUMNS`); nil
    ///   for the natural width. When the panel does not fit beside the back it
    ///   goes below it, so nothing wraps into the drawing.
    public static func canvas(_ trends: Trends, theme: Theme, width limit: Int? = nil) -> Canvas {
        let drawing = theme.drawing
        let natural = drawing.width + 2 + panelWidths.upperBound
        let width = min(natural, limit ?? natural)
        let besideWidth = width - drawing.width - 2
        let beside = besideWidth >= panelWidths.lowerBound
        let panelWidth = beside ? besideWidth : width
        let panel = TrendsPanel(trends: trends, theme: theme)
        let method = TextWrap.lines(Trends.method, width: width, maxLines: 6, ellipsis: theme.ellipsis)
        let chartHeight = trends.sessions.isEmpty ? 0 : 9
        let top = 2
        // Below the back, the panel takes as many lines as it draws (measured on a scratch canvas).
        let panelLines = beside ? 0 : measure(panel, width: panelWidth) + 1
        let chartTop = top + drawing.height + 1 + panelLines
        let height = chartTop + (chartHeight > 0 ? chartHeight + 2 : 0) + method.count
        var canvas = Canvas(width: width, height: height, asciiOnly: theme.asciiText)
        canvas.put(TrendsPanel.title(trends, theme: theme), x: 0, y: 0, style: theme.accent)
        var back = BackView(map: TrendsPanel.heatMap(trends), theme: theme, maxWidth: width)
        back.labels = TrendsPanel.heatLabels(trends, theme: theme)
        back.draw(into: &canvas, x: 0, y: top)

        if beside {
            draw(panel, into: &canvas, x: drawing.width + 2, y: top + 1, width: panelWidth, bottom: top + drawing.height)
        } else {
            let y = top + drawing.height + 1
            draw(panel, into: &canvas, x: 0, y: y, width: panelWidth, bottom: y + panelLines)
        }
        if chartHeight > 0 {
            panel.drawChart(into: &canvas, x: 0, y: chartTop, width: width, height: chartHeight + 1)
        }
        let methodTop = height - method.count
        for (index, line) in method.enumerated() {
            canvas.put(line, x: 0, y: methodTop + index, style: theme.outline)
        }
        return canvas
    }

    /// The lines the panel takes when nothing limits it, drawn on a scratch canvas.
    private static func measure(_ panel: TrendsPanel, width: Int) -> Int {
        var scratch = Canvas(width: width, height: 100, asciiOnly: panel.theme.asciiText)
        return draw(panel, into: &scratch, x: 0, y: 0, width: width, bottom: 100)
    }

    /// The legend, the summary and the notable zones; returns the line after them.
    @discardableResult
    private static func draw(_ panel: TrendsPanel, into canvas: inout Canvas, x: Int, y: Int, width: Int, bottom: Int) -> Int {
        var line = panel.drawLegend(into: &canvas, x: x, y: y, width: width, bottom: bottom) + 1
        line = panel.drawSummary(into: &canvas, x: x, y: line, width: width, bottom: bottom) + 1
        return panel.drawNotable(into: &canvas, x: x, y: line, width: width, bottom: bottom)
    }
}
