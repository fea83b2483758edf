import BackMapCore

/// Draws the back with a map on it: the one picture the editor, `show`,
/// replay and compare all share.
public struct BackView {
    public var map: BackMap
    public var theme: Theme
    /// The zone under the cursor, if a cursor is shown.
    public var cursor: Zone?
    /// Zones to set apart (e.g. changed in the last replay step).
    public var highlighted: Set<Zone> = []
    /// Cut the landmark notes at the right of the drawing when space is short.
    public var maxWidth: Int?
    /// Text drawn in a zone instead of its fill and digit (the trends heat map
    /// puts a percentage and an arrow there); the zone keeps its level's style.
    public var labels: [Zone: String] = [:]
    /// Zones that carry a note: `theme.noteMark` in the cell's last column.
    public var notes: Set<Zone> = []
    /// Zones already rated in the pass being rolled: `theme.passMark` in the first column.
    public var ratedThisPass: Set<Zone> = []

    public init(map: BackMap, theme: Theme, cursor: Zone? = nil, highlighted: Set<Zone> = [], maxWidth: Int? = nil,
                notes: Set<Zone> = [], ratedThisPass: Set<Zone> = []) {
        self.map = map
        self.theme = theme
        self.cursor = cursor
        self.highlighted = highlighted
        self.maxWidth = maxWidth
        self.notes = notes
        self.ratedThisPass = ratedThisPass
    }

    public var drawing: BackDrawing { theme.drawing }

    /// Columns the back needs without its landmark notes.
    public static func coreWidth(_ drawing: BackDrawing) -> Int {
        drawing.cells.map { $0.column + $0.width }.max().map { $0 + 10 } ?? drawing.width
    }

    public func draw(into canvas: inout Canvas, x: Int, y: Int) {
        let drawing = self.drawing
        let limit = maxWidth ?? drawing.width
        for (index, line) in drawing.lines.enumerated() {
            canvas.put(Self.clipped(line, toWidth: limit), x: x, y: y + index, style: theme.outline, maxWidth: limit)
        }
        for zone in Zone.all {
            let cell = drawing.cell(for: zone)
            let value = map[zone]
            var style = theme.style(value)
            if highlighted.contains(zone) { style.underline = true; style.bold = true }
            canvas.put(labels[zone] ?? theme.cellText(value, width: cell.width), x: x + cell.column, y: y + cell.line,
                       style: style, maxWidth: cell.width)
            if cell.width >= 3 {
                if ratedThisPass.contains(zone) { canvas.put(theme.passMark, x: x + cell.column, y: y + cell.line, style: style) }
                if notes.contains(zone) { canvas.put(theme.noteMark, x: x + cell.column + cell.width - 1, y: y + cell.line, style: style) }
            }
        }
        if let cursor {
            let cell = drawing.cell(for: cursor)
            canvas.put(theme.cursorLeft, x: x + cell.column - 1, y: y + cell.line, style: theme.cursor)
            canvas.put(theme.cursorRight, x: x + cell.column + cell.width, y: y + cell.line, style: theme.cursor)
            // The arrows alone mark the cursor: a reversed cell costs every cell of it on each move.
        }
    }

    /// A drawing line cut to `limit` columns. A label or landmark note that does not
    /// fit whole is left out rather than cut mid-word ("buttocks" must not become
    /// "but"); the outline itself is cut anywhere. Drawing characters are one column
    /// each (the drawing tests check this), so characters count columns.
    static func clipped(_ line: String, toWidth limit: Int) -> String {
        let characters = Array(line)
        guard characters.count > limit else { return line }
        var end = max(0, limit)
        if end > 0, characters[end - 1] != " ", characters[end] != " " {
            // Words in the drawing are set apart by two or more spaces.
            var start = end
            while start > 1, !(characters[start - 1] == " " && characters[start - 2] == " ") { start -= 1 }
            if characters[start..<end].contains(where: \.isLetter) { end = start }
        }
        while end > 0, characters[end - 1] == " " { end -= 1 }
        return String(characters[..<end])
    }

    /// The zone at a screen position when the back is drawn at (x, y).
    public func zone(atX column: Int, y line: Int, originX x: Int, originY y: Int) -> Zone? {
        drawing.zone(atLine: line - y, column: column - x)
    }
}

/// The legend: what each glyph means, in the wording helpers rate by.
public struct Legend {
    public var theme: Theme
    /// Include the one-line descriptions (needs about 36 columns).
    public var detailed: Bool

    /// What the note and pass marks mean, a line under the levels when a screen shows them.
    public var markers: String?

    public init(theme: Theme, detailed: Bool, markers: String? = nil) {
        self.theme = theme
        self.detailed = detailed
        self.markers = markers
    }

    public var height: Int { markers == nil ? 6 : 7 }

    /// The markers line for a drawing with notes and, from pass 2 on, zones rated in this pass.
    public static func markers(theme: Theme, notes: Bool, pass: Int? = nil) -> String? {
        let parts = (notes ? ["\(theme.noteMark) note"] : []) + (pass.map { ["\(theme.passMark) rated in pass \($0)"] } ?? [])
        return parts.isEmpty ? nil : parts.joined(separator: "  ")
    }

    public func draw(into canvas: inout Canvas, x: Int, y: Int, width: Int) {
        canvas.put("Legend", x: x, y: y, style: theme.accent, maxWidth: width, ellipsis: theme.ellipsis)
        let rows: [Tightness?] = [.veryTight, .tight, .mild, .relaxed, nil]
        for (offset, value) in rows.enumerated() {
            let line = y + 1 + offset
            canvas.put(theme.swatch(value), x: x, y: line, style: theme.style(value))
            let name = value?.title ?? "not rolled"
            let text = detailed ? "\(name)\(value.map { ": \($0.meaning)" } ?? "")" : name
            canvas.put(text, x: x + 3, y: line, maxWidth: width - 3)
        }
        if let markers {
            canvas.put(markers, x: x, y: y + 6, maxWidth: width, ellipsis: theme.ellipsis)
        }
    }
}
