import BackMapCore

/// The glyphs of the trends screen: the heat cells, the direction arrows and
/// the bars of the mean chart, in Unicode and in 7-bit ASCII.
extension Theme {
    /// The arrow beside a zone: up when it got tighter, down when it eased.
    public func arrow(_ direction: TrendDirection) -> String {
        switch direction {
        // Not + and -: the count of sessions follows the arrow and would read as a signed number.
        case .worsening: ascii ? "^" : "↑"
        case .improving: ascii ? "v" : "↓"
        case .steady: "="
        case .notEnoughData: " "
        }
    }

    /// A heat cell `width` columns wide: the fill of its level around "67%↑12",
    /// the share of sessions it was tight in, its direction, and how many sessions
    /// the direction rests on (no arrow and no count below `Trends.minimumPoints`);
    /// a zone never rolled is the usual unknown cell.
    public func heatCellText(_ trend: ZoneTrend, width: Int) -> String {
        guard let level = trend.heatLevel, let percent = trend.percentTight else { return cellText(nil, width: width) }
        let edge = cellText(level, width: 3).first ?? " "
        let arrow = arrow(trend.direction)
        let count = trend.direction == .notEnoughData ? "" : String(trend.sessionsRolled)
        // The first that fits: the full form, then without the % sign, then with a capped count.
        let candidates = [
            percent + arrow + count,
            percent.dropLast() + arrow + count,
            percent.dropLast() + arrow + (count.count > 2 ? "99+" : count),
        ]
        let content = candidates.first { $0.count <= width } ?? candidates[candidates.count - 1]
        guard content.count <= width else { return String(content.suffix(width)) }
        let left = (width - content.count) / 2
        return String(repeating: edge, count: left) + content + String(repeating: edge, count: width - content.count - left)
    }

    /// A three-column sample of a heat level for the legend.
    public func heatSwatch(_ level: Tightness?) -> String {
        guard level != nil else { return cellText(nil, width: 3) }
        let edge = cellText(level, width: 3).first ?? " "
        return String(repeating: edge, count: 3)
    }

    /// One cell of a bar `eighths` eighths of a line high (0–8).
    public func barGlyph(eighths: Int) -> Character {
        let index = max(0, min(8, eighths))
        return ascii ? Theme.asciiBars[index] : Theme.unicodeBars[index]
    }

    /// The bars of the mean chart.
    public var bar: Style { color ? Style(foreground: .blue, bold: true) : .plain }

    /// The bars of partial sessions: the shade glyph sets them apart, the dim colour helps.
    public var partialBar: Style { color ? Style(foreground: .blue) : .plain }

    private static let unicodeBars: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    // Seven-bit characters that sit ever higher in the cell: close enough for a sparkline.
    private static let asciiBars: [Character] = [" ", "_", "_", ".", "-", "-", "=", "#", "#"]
}
