import BackMapCore

/// The comparison as `compare --print` prints it: the compare screen's drawing
/// without the title and status lines.
public enum PrintedComparison {
    public static func canvas(_ comparison: SessionComparison, theme: Theme) -> Canvas {
        let view = ComparisonView(comparison: comparison, theme: theme)
        let width = view.geometry.backsWidth
        let header = headerLines(comparison, theme: theme)
        let height = header.count + view.naturalHeight(width: width)
        var canvas = Canvas(width: width, height: height, asciiOnly: theme.asciiText)
        for (index, line) in header.enumerated() {
            canvas.put(line, x: 0, y: index, style: theme.accent)
        }
        view.draw(into: &canvas, x: 0, y: header.count, width: width, height: height - header.count)
        return canvas
    }

    /// "A 20261110-190211-a3f9 · me · skin-rolling", one line per side.
    static func headerLines(_ comparison: SessionComparison, theme: Theme) -> [String] {
        let s = theme.separator
        return [(ComparePane.a, comparison.a), (.b, comparison.b)].map { pane, side in
            "\(pane.rawValue) \(side.id) \(s) \(side.subject) \(s) \(side.technique.title)"
        }
    }
}
