import BackMapCore

/// Two backs side by side (A, then B) with the change of every zone between
/// them, and the summary: the one picture the compare screen and
/// `compare --print` share.
///
/// Both backs use `BackView`. A is cut after its right outline and B before
/// its left labels; the column between them carries each row's segment name
/// with the change of the left zone on its left and of the right zone on its
/// right, so the change sits between the two zones it compares.
public struct ComparisonView {
    public var comparison: SessionComparison
    public var theme: Theme
    /// The side whose heading is set apart (the one `[`/`]` steps), if any.
    public var active: ComparePane?

    public init(comparison: SessionComparison, theme: Theme, active: ComparePane? = nil) {
        self.comparison = comparison
        self.theme = theme
        self.active = active
    }

    /// Where the parts go, derived from the drawing so a new drawing still lines up.
    public struct Geometry: Equatable, Sendable {
        /// Columns of A shown: up to and including its right outline.
        public var aWidth: Int
        /// Columns cut off the left of B: its row labels (the middle column names the rows).
        public var bClip: Int
        /// Columns of B shown after the cut, up to its right labels.
        public var bWidth: Int
        public var drawingHeight: Int
        /// The change column: a gap, left change, segment name, right change, a gap.
        public static let middleWidth = 9

        public init(drawing: BackDrawing) {
            var outlineRight = 0
            var labelEnd = Int.max
            for zone in Zone.all where zone.side == .right {
                let cell = drawing.cell(for: zone)
                let characters = Array(drawing.lines[cell.line])
                if let outline = characters[(cell.column + cell.width)...].firstIndex(where: { $0 != " " }) {
                    outlineRight = max(outlineRight, outline)
                }
                // The label is the leading word; the outline is the next thing drawn.
                let afterLabel = characters.firstIndex(where: { $0 == " " }) ?? 0
                if let outline = characters[afterLabel...].firstIndex(where: { $0 != " " }) {
                    labelEnd = min(labelEnd, outline)
                }
            }
            aWidth = outlineRight + 1
            bClip = labelEnd == Int.max ? 0 : labelEnd
            bWidth = BackView.coreWidth(drawing) - bClip
            drawingHeight = drawing.height
        }

        /// Both backs and the change column.
        public var backsWidth: Int { aWidth + Geometry.middleWidth + bWidth }
        public var middleX: Int { aWidth }
        public var bX: Int { aWidth + Geometry.middleWidth - bClip }
    }

    public var geometry: Geometry { Geometry(drawing: theme.drawing) }

    /// The summary to the right of the backs needs this many columns.
    static let sideSummaryWidth = 36
    /// The summary under the backs takes this many lines.
    static let summaryLines = 3

    /// The smallest area it draws in: the backs side by side, their headings and the short summary.
    public static func minimumSize(theme: Theme) -> Size {
        let geometry = Geometry(drawing: theme.drawing)
        return Size(width: geometry.backsWidth, height: 1 + geometry.drawingHeight + summaryLines)
    }

    /// Whether the summary goes to the right of the backs (else under them).
    public func summaryBeside(width: Int) -> Bool {
        width >= geometry.backsWidth + 2 + ComparisonView.sideSummaryWidth
    }

    /// The lines it needs at this width when nothing is cut, for printing.
    public func naturalHeight(width: Int) -> Int {
        let g = geometry
        let below = summaryBeside(width: width) ? 0 : ComparisonView.summaryLines + 1
        let changed = changedZoneLines(width: g.backsWidth).count
        return max(1 + g.drawingHeight + below + (changed > 0 ? changed + 1 : 0),
                   summaryBeside(width: width) ? 1 + sideSummary.count : 0)
    }

    /// Both backs with the changes between them, from line `y`: what every layout shares.
    func drawBacks(into canvas: inout Canvas, x: Int, y: Int) {
        let g = geometry
        let maps = comparison.maps
        BackView(map: maps.a, theme: theme, maxWidth: g.aWidth, notes: comparison.a.notedZones).draw(into: &canvas, x: x, y: y)
        // B is cut at its outline too, so the words under the back are not cut mid-word;
        // its row labels on the right are put back line by line.
        BackView(map: maps.b, theme: theme, maxWidth: g.aWidth, notes: comparison.b.notedZones).draw(into: &canvas, x: x + g.bX, y: y)
        let drawing = theme.drawing
        for segment in Segment.allCases {
            let line = drawing.cell(for: Zone(.right, segment)).line
            let label = String(Array(drawing.lines[line]).dropFirst(g.aWidth).prefix(g.bClip + g.bWidth - g.aWidth))
            canvas.put(label, x: x + g.bX + g.aWidth, y: y + line, style: theme.outline)
        }
        drawMiddle(maps, into: &canvas, x: x + g.middleX, y: y)
    }

    /// Draws in the rectangle at (x, y), `width` × `height`.
    public func draw(into canvas: inout Canvas, x: Int, y: Int, width: Int, height: Int) {
        let g = geometry
        drawHeading(.a, into: &canvas, x: x, y: y, width: g.aWidth)
        drawHeading(.b, into: &canvas, x: x + g.aWidth + Geometry.middleWidth, y: y, width: g.bWidth)
        let backY = y + 1
        drawBacks(into: &canvas, x: x, y: backY)

        var nextY = backY + g.drawingHeight
        let bottom = y + height
        if summaryBeside(width: width) {
            let sx = x + g.backsWidth + 2
            for (index, line) in sideSummary.enumerated() where y + 1 + index < bottom {
                drawPieces(line, into: &canvas, x: sx, y: y + 1 + index, width: x + width - sx)
            }
        } else {
            // A blank line before the summary when the height allows it.
            if bottom - nextY > ComparisonView.summaryLines { nextY += 1 }
            for line in belowSummary(width: width) where nextY < bottom {
                drawPieces(line, into: &canvas, x: x, y: nextY, width: width)
                nextY += 1
            }
        }
        // Whatever room is left lists the zones that changed, so nobody has to hunt for them.
        let changed = changedZoneLines(width: min(width, g.backsWidth))
        if !changed.isEmpty, nextY + 1 < bottom {
            nextY += 1
            for line in changed where nextY < bottom {
                drawPieces(line, into: &canvas, x: x, y: nextY, width: width)
                nextY += 1
            }
        }
    }

    // MARK: Parts

    func side(_ pane: ComparePane) -> ComparisonSide { pane == .a ? comparison.a : comparison.b }

    /// "A 2026-11-10 19:02 · all 2 passes", reversed on the active side.
    private func drawHeading(_ pane: ComparePane, into canvas: inout Canvas, x: Int, y: Int, width: Int) {
        let side = self.side(pane)
        let s = theme.separator
        let style = pane == active ? theme.selectedRow : theme.accent
        if pane == active { canvas.fill(x: x, y: y, width: width, height: 1, style: style) }
        canvas.put("\(pane.rawValue) \(side.startedAt.day) \(side.startedAt.clock) \(s) \(side.passTitle)",
                   x: x, y: y, style: style, maxWidth: width, ellipsis: theme.ellipsis)
    }

    func drawMiddle(_ maps: Comparison, into canvas: inout Canvas, x: Int, y: Int) {
        let drawing = theme.drawing
        canvas.fill(x: x, y: y, width: Geometry.middleWidth, height: drawing.height)
        canvas.put(theme.ascii ? "A->B" : "A→B", x: x + 2, y: y, style: theme.accent)
        for segment in Segment.allCases {
            let line = y + drawing.cell(for: Zone(.left, segment)).line
            let left = maps.change(at: Zone(.left, segment))
            let right = maps.change(at: Zone(.right, segment))
            canvas.put(theme.changeSymbol(left), x: x + 1, y: line, style: theme.changeStyle(left))
            canvas.put(segment.name, x: x + 3, y: line, style: theme.outline)
            canvas.put(theme.changeSymbol(right), x: x + 7, y: line, style: theme.changeStyle(right))
        }
    }

    typealias Pieces = [(String, Style)]

    func drawPieces(_ pieces: Pieces, into canvas: inout Canvas, x: Int, y: Int, width: Int) {
        var used = 0
        for (text, style) in pieces where used < width {
            used += canvas.put(text, x: x + used, y: y, style: style, maxWidth: width - used)
        }
    }

    func count(_ change: ZoneChange) -> Int { comparison.maps.count(change) }

    func percent(_ value: Double?) -> String {
        value.map { "\(Int(($0 * 100).rounded()))%" } ?? "-"
    }

    func pain(_ side: ComparisonSide) -> String {
        if side.painBefore == nil, side.painAfter == nil { return "-" }
        return "\(side.painBefore.map(String.init) ?? "-")\(theme.arrow)\(side.painAfter.map(String.init) ?? "-")"
    }

    var overlapText: String {
        // Two decimals, written by hand: this module does not use Foundation's formatting.
        comparison.maps.tightOverlap.map { value -> String in
            let hundredths = Int((value * 100).rounded())
            return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
        } ?? "-"
    }

    /// The mean tightness of the zones rolled, "–" when nothing was.
    func meanText(_ map: BackMap) -> String {
        BackMap.formatMean(map.meanTightness, dash: theme.ascii ? "-" : "–")
    }

    /// The score, "–" when nothing was rolled: no score is not a score of 0.
    func scoreText(_ map: BackMap) -> String {
        map.ratedCount == 0 ? (theme.ascii ? "-" : "–") : String(map.score)
    }

    /// Three lines for under the backs, `width` columns wide: parts that do not fit are left out.
    func belowSummary(width: Int) -> [Pieces] {
        func fitting(_ required: Pieces, optional: [Pieces]) -> Pieces {
            var line = required
            var used = required.reduce(0) { $0 + TerminalText.width(of: $1.0) }
            for extra in optional {
                let w = extra.reduce(0) { $0 + TerminalText.width(of: $1.0) }
                if used + w <= width {
                    line += extra
                    used += w
                }
            }
            return line
        }
        func mark(_ change: ZoneChange, _ count: Int, _ words: String) -> Pieces {
            [(theme.changeSymbol(change) + String(count), theme.changeStyle(change)), (" \(words)  ", .plain)]
        }
        let counts = mark(.better, count(.better), "better") + mark(.worse, count(.worse), "worse")
            + mark(.same, count(.same), "same")
            + mark(.unknownInA, count(.unknownInA) + count(.unknownInB), "one side")
            + mark(.unknownInBoth, count(.unknownInBoth), "neither")
        let overlap = fitting(counts, optional: [[("tight overlap \(overlapText)", .plain)]])
        let common = comparison.maps.commonScores
        func sideLine(_ pane: ComparePane, _ commonScore: Int) -> Pieces {
            let side = self.side(pane)
            let required: Pieces = [
                ("\(pane.rawValue)  ", theme.accent),
                ("mean \(meanText(side.map))", .bold),
                ("  score \(scoreText(side.map))", .plain),
            ]
            var optional: [Pieces] = []
            // The score over the zones both sides rolled matters only when it differs.
            if commonScore != side.map.score, side.map.ratedCount > 0 { optional.append([(" (\(commonScore) where both rolled)", .plain)]) }
            optional += [
                [("  rolled \(side.map.ratedCount)/\(Zone.all.count)", .plain)],
                [("  tight extent \(percent(side.map.tightExtent))", .plain)],
                [("  pain \(pain(side))", .plain)],
                [("  \(side.technique.title)", .dim)],
            ]
            return fitting(required, optional: optional)
        }
        return [overlap.count > counts.count ? overlap : fitting(counts, optional: [[("overlap \(overlapText)", .plain)]]),
                sideLine(.a, common.a), sideLine(.b, common.b)]
    }

    /// A table for the right of the backs.
    var sideSummary: [Pieces] {
        let a = comparison.a
        let b = comparison.b
        let common = comparison.maps.commonScores
        func row(_ label: String, _ left: String, _ right: String) -> Pieces {
            [(TerminalText.padded(label, toWidth: 15), .plain),
             (String(repeating: " ", count: max(0, 8 - left.count)) + left, .plain),
             (String(repeating: " ", count: max(0, 8 - right.count)) + right, .plain)]
        }
        func changeRow(_ change: ZoneChange) -> Pieces {
            let number = String(count(change))
            return [(theme.changeSymbol(change) + " ", theme.changeStyle(change)),
                    (TerminalText.padded(change.title, toWidth: 21) + String(repeating: " ", count: max(0, 3 - number.count)) + number, .plain)]
        }
        let rows: [Pieces] = [
            [("Change from A to B", theme.accent)],
            changeRow(.better), changeRow(.worse), changeRow(.same),
            changeRow(.unknownInB), changeRow(.unknownInA), changeRow(.unknownInBoth),
            [],
            [(TerminalText.padded("", toWidth: 15), .plain), ("       A", theme.accent), ("       B", theme.accent)],
            row("mean tightness", meanText(a.map), meanText(b.map)),
            row("score", scoreText(a.map), scoreText(b.map)),
            row(" where both", String(common.a), String(common.b)),
            row("zones rolled", "\(a.map.ratedCount)", "\(b.map.ratedCount)"),
            row("tight zones", String(a.map.tightCount), String(b.map.tightCount)),
            row("tight extent", percent(a.map.tightExtent), percent(b.map.tightExtent)),
            row("pain", pain(a), pain(b)),
            [],
            [("tight overlap \(overlapText)", .plain)],
            [("(Jaccard index: zones tight in", .dim)],
            [("both / zones tight in either)", .dim)],
            [],
            [("A ", theme.accent), ("\(a.subject) \(theme.separator) \(a.technique.title)", .plain)],
            [("B ", theme.accent), ("\(b.subject) \(theme.separator) \(b.technique.title)", .plain)],
        ]
        return rows
    }

    /// "▼ better: left T7 3→1, right L4 2→0" and the same for worse, wrapped to `width`.
    func changedZoneLines(width: Int) -> [Pieces] {
        let maps = comparison.maps
        var lines: [Pieces] = []
        for change in [ZoneChange.better, .worse] {
            let zones = Zone.all.filter { maps.change(at: $0) == change }
            guard !zones.isEmpty else { continue }
            let items = zones.map { zone in
                "\(zone.side.title) \(zone.segment.name) \(maps.a[zone]?.rawValue ?? 0)\(theme.arrow)\(maps.b[zone]?.rawValue ?? 0)"
            }
            let head = "\(theme.changeSymbol(change)) \(change.title): "
            var current: Pieces = [(theme.changeSymbol(change), theme.changeStyle(change)), (" \(change.title): ", .bold)]
            var used = TerminalText.width(of: head)
            for (index, item) in items.enumerated() {
                let text = item + (index + 1 < items.count ? ", " : "")
                let w = TerminalText.width(of: text)
                if used + w > width, used > TerminalText.width(of: head) {
                    lines.append(current)
                    current = [(String(repeating: " ", count: TerminalText.width(of: head)), .plain)]
                    used = TerminalText.width(of: head)
                }
                current.append((text, .plain))
                used += w
            }
            lines.append(current)
        }
        return lines
    }
}
