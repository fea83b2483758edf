import BackMapCore

/// The total score of each session over time, as a bar chart of block
/// characters (one row: a sparkline). Sessions where nothing was rolled have
/// no score and are left blank, never drawn as 0.
public struct ScoreChart {
    public var points: [TrendPoint]
    public var theme: Theme

    public init(points: [TrendPoint], theme: Theme) {
        self.points = points
        self.theme = theme
    }

    /// Draws the chart in the rectangle. Three lines or more get a scale and
    /// the first and last dates; fewer lines get bars only.
    public func draw(into canvas: inout Canvas, x: Int, y: Int, width: Int, height: Int) {
        guard width > 0, height > 0, !points.isEmpty else { return }
        let maxScore = max(1, points.compactMap(\.score).max() ?? 0)
        let labelled = height >= 3 && width >= 12
        let labelWidth = labelled ? String(maxScore).count + 1 : 0
        let rows = labelled ? height - 1 : height
        let barsX = x + labelWidth
        let barsWidth = width - labelWidth
        guard barsWidth > 0 else { return }
        let columns = ScoreChart.columns(points.map(\.score), width: barsWidth)
        for (column, value) in columns.enumerated() {
            guard let value else { continue }
            // At least one eighth for any score above 0, so a small score never looks like none.
            var eighths = Int((value / Double(maxScore) * Double(rows * 8)).rounded())
            if value > 0 { eighths = max(1, eighths) }
            for row in 0..<rows {
                let glyph = theme.barGlyph(eighths: eighths - row * 8)
                guard glyph != " " else { break }
                canvas.put(String(glyph), x: barsX + column, y: y + rows - 1 - row, style: theme.bar)
            }
        }
        guard labelled else { return }
        canvas.put(String(maxScore), x: x, y: y, style: theme.outline)
        canvas.put("0", x: x + labelWidth - 2, y: y + rows - 1, style: theme.outline)
        let dateY = y + rows
        if let first = points.first, let last = points.last {
            // The dates sit under the ends of the bars, not of the whole width.
            let used = max(columns.count, min(barsWidth, 2 * last.startedAt.day.count + 1))
            let lastDay = last.startedAt.day
            if used >= 2 * lastDay.count + 1, first.id != last.id {
                canvas.put(first.startedAt.day, x: barsX, y: dateY, style: theme.outline)
            }
            canvas.put(lastDay, x: barsX + max(0, used - lastDay.count), y: dateY, style: theme.outline, maxWidth: barsWidth)
        }
    }

    /// The value of each column: one session per column (widened up to three
    /// columns with a gap when there is room), or the mean of several sessions
    /// per column when there are more sessions than columns.
    static func columns(_ scores: [Int?], width: Int) -> [Double?] {
        guard !scores.isEmpty, width > 0 else { return [] }
        if scores.count <= width {
            let per = min(3, width / scores.count)
            var result: [Double?] = []
            for score in scores {
                let value = score.map(Double.init)
                result += Array(repeating: value, count: per > 1 ? per - 1 : 1)
                if per > 1 { result.append(nil) }
            }
            return result
        }
        return (0..<width).map { column in
            let start = column * scores.count / width
            let end = max(start + 1, (column + 1) * scores.count / width)
            let known = scores[start..<end].compactMap { $0 }
            return known.isEmpty ? nil : Double(known.reduce(0, +)) / Double(known.count)
        }
    }
}
