import BackMapCore
import Foundation

/// The mean tightness of each session over time (0–3), as bars of block
/// characters placed by date, so a gap of three weeks looks like one.
///
/// The mean, unlike the score, does not grow with how many zones were rolled,
/// so a short tennis-ball session does not pass for an improvement. Partial
/// sessions (fewer than `BackMap.fullCoverage` zones) are drawn in a shade
/// instead of solid blocks; sessions where nothing was rolled have no mean and
/// are left blank, never drawn as 0. One line tall it is a sparkline.
public struct MeanChart {
    public var points: [TrendPoint]
    public var theme: Theme

    public init(points: [TrendPoint], theme: Theme) {
        self.points = points
        self.theme = theme
    }

    /// The top of the scale: the highest rating.
    static let scale = Double(Tightness.veryTight.rawValue)

    /// One column of bars: the mean of the sessions that fall in it, and whether all of them were partial.
    struct Column: Equatable {
        var mean: Double
        var partial: Bool
    }

    /// The heading the trends screen and `trends --print` put over the chart.
    func heading(width: Int) -> String {
        let long = "Mean tightness per session (0\(theme.ascii ? "-" : "–")3, of the zones rolled; \(partialGlyph) partial: under \(BackMap.fullCoverage) of \(Zone.all.count) zones)"
        let short = "Mean tightness per session (\(partialGlyph) partial)"
        return TerminalText.width(of: long) <= width ? long : short
    }

    /// The glyph of a partial session's bar.
    var partialGlyph: String { theme.ascii ? ":" : "░" }

    /// Draws the chart in the rectangle. Three lines or more get a scale and
    /// dates under the bars; fewer lines get bars only.
    public func draw(into canvas: inout Canvas, x: Int, y: Int, width: Int, height: Int) {
        guard width > 0, height > 0, !points.isEmpty else { return }
        let labelled = height >= 3 && width >= 14
        let labelWidth = labelled ? 2 : 0
        let rows = labelled ? height - 1 : height
        let barsX = x + labelWidth
        let barsWidth = width - labelWidth
        guard barsWidth > 0 else { return }
        let columns = MeanChart.columns(points, width: barsWidth)
        for (offset, column) in columns.enumerated() {
            guard let column else { continue }
            // At least one eighth for any mean above 0, so a low mean never looks like none.
            var eighths = Int((column.mean / MeanChart.scale * Double(rows * 8)).rounded())
            if column.mean > 0 { eighths = max(1, eighths) }
            if column.partial {
                // Whole cells of shade: set apart from solid bars in colour, in monochrome and in ASCII.
                let cells = max(eighths > 0 ? 1 : 0, Int((Double(eighths) / 8).rounded()))
                for row in 0..<cells {
                    canvas.put(partialGlyph, x: barsX + offset, y: y + rows - 1 - row, style: theme.partialBar)
                }
                continue
            }
            for row in 0..<rows {
                let glyph = theme.barGlyph(eighths: eighths - row * 8)
                guard glyph != " " else { break }
                canvas.put(String(glyph), x: barsX + offset, y: y + rows - 1 - row, style: theme.bar)
            }
        }
        guard labelled else { return }
        canvas.put("3", x: x, y: y, style: theme.outline)
        canvas.put("0", x: x, y: y + rows - 1, style: theme.outline)
        for (label, column) in MeanChart.dateLabels(points, width: barsWidth) {
            canvas.put(label, x: barsX + column, y: y + rows, style: theme.outline, maxWidth: barsWidth - column)
        }
    }

    /// The column of each point: its place between the first and the last start, by time.
    static func position(_ point: TrendPoint, first: Date, last: Date, width: Int) -> Int {
        let span = last.timeIntervalSince(first)
        guard span > 0, width > 1 else { return 0 }
        let share = point.startedAt.date.timeIntervalSince(first) / span
        return min(width - 1, max(0, Int((share * Double(width - 1)).rounded())))
    }

    /// The bars of each column, `width` wide: sessions are placed by date; sessions
    /// sharing a column are averaged, and the column is partial only when all of
    /// them were. Columns with no session, or only sessions with nothing rolled, are nil.
    static func columns(_ points: [TrendPoint], width: Int) -> [Column?] {
        guard let first = points.first?.startedAt.date, let last = points.last?.startedAt.date, width > 0 else { return [] }
        var sums = [Double](repeating: 0, count: width)
        var counts = [Int](repeating: 0, count: width)
        var full = [Bool](repeating: false, count: width)
        for point in points {
            guard let mean = point.meanTightness else { continue }
            let column = position(point, first: first, last: last, width: width)
            sums[column] += mean
            counts[column] += 1
            if !point.isPartial { full[column] = true }
        }
        return (0..<width).map { column in
            counts[column] == 0 ? nil : Column(mean: sums[column] / Double(counts[column]), partial: !full[column])
        }
    }

    /// Dates to write under the bars and the column each starts at: the first and
    /// the last session, and evenly spaced days between them when there is room,
    /// never overlapping.
    static func dateLabels(_ points: [TrendPoint], width: Int) -> [(String, Int)] {
        guard let first = points.first, let last = points.last else { return [] }
        let labelWidth = first.startedAt.day.count
        guard width >= labelWidth else { return [] }
        let lastColumn = position(last, first: first.startedAt.date, last: last.startedAt.date, width: width)
        if first.startedAt.day == last.startedAt.day || lastColumn < labelWidth + 2 {
            return [(first.startedAt.day, 0)]
        }
        let lastStart = max(0, lastColumn + 1 - labelWidth)
        var labels = [(first.startedAt.day, 0)]
        // Room between the two ends for labels a gap of four apart.
        let between = (lastStart - labelWidth) / (labelWidth + 4)
        let count = min(between, 3)
        if count > 0 {
            let span = last.startedAt.date.timeIntervalSince(first.startedAt.date)
            for index in 1...count {
                let share = Double(index) / Double(count + 1)
                let column = Int((share * Double(lastColumn)).rounded()) - labelWidth / 2
                let instant = first.startedAt.date.addingTimeInterval(span * share)
                let day = Timestamp(date: instant, utcOffset: last.startedAt.utcOffset).day
                guard column >= labels[labels.count - 1].1 + labelWidth + 2, column + labelWidth + 2 <= lastStart else { continue }
                labels.append((day, column))
            }
        }
        labels.append((last.startedAt.day, lastStart))
        return labels
    }
}
