import BackMapCore

/// The map of a session as printed by `show`: a header, the back and the legend.
/// It uses the same `BackView` as the editor, so both show one drawing.
public enum PrintedMap {
    /// The legend's width beside the back.
    static let legendWidth = 34

    /// - Parameter width: the columns available (the terminal or `COLUMNS`); nil
    ///   for the natural width. When the legend does not fit beside the back it
    ///   goes below it, so nothing wraps into the drawing.
    public static func canvas(_ session: Session, pass: Int?, theme: Theme, width limit: Int? = nil) -> Canvas {
        let map = pass.map { session.map(pass: $0) } ?? session.map
        let drawing = theme.drawing
        let s = theme.separator
        let dash = theme.ascii ? "-" : "–"
        var header = [
            "\(session.id) \(s) \(session.startedAt.day) \(session.startedAt.clock) \(s) \(session.subject) \(s) \(session.technique.title)",
            "\(pass.map { "pass \($0) of \(session.passes.count)" } ?? (session.passes.count > 1 ? "all \(session.passes.count) passes" : "1 pass")) \(s) rolled \(map.ratedCount)/\(Zone.all.count)\(map.isPartial && map.ratedCount > 0 ? " (partial)" : "") \(s) score \(map.ratedCount == 0 ? dash : String(map.score)) \(s) mean \(BackMap.formatMean(map.meanTightness, dash: dash)) \(s) tight \(map.tightCount)"
                + (session.painBefore != nil || session.painAfter != nil
                    ? " \(s) pain \(session.painBefore.map(String.init) ?? "-")\(theme.arrow)\(session.painAfter.map(String.init) ?? "-")" : ""),
        ]
        if pass == nil, let release = session.release { header.append(release.summary(arrow: theme.arrow)) }
        if !session.tags.isEmpty { header.append("tags: " + session.tags.joined(separator: ", ")) }
        if let note = session.note { header.append("note: " + note) }
        let notes = Zone.all.compactMap { zone in
            session.note(for: zone).flatMap { $0.isEmpty ? nil : "\(zone.side.title) \(zone.segment.name): \($0)" }
        }
        let legend = Legend(theme: theme, detailed: true, markers: Legend.markers(theme: theme, notes: !notes.isEmpty))
        let natural = drawing.width + 2 + legendWidth
        let beside = limit.map { $0 >= natural } ?? true
        let width = beside ? natural : max(drawing.width, limit ?? natural)
        let legendLines = beside ? 0 : legend.height + 1
        let height = header.count + 1 + drawing.height + legendLines + (notes.isEmpty ? 0 : notes.count + 2)
        var canvas = Canvas(width: width, height: height, asciiOnly: theme.asciiText)
        for (index, line) in header.enumerated() {
            canvas.put(line, x: 0, y: index, style: index == 0 ? theme.accent : .plain)
        }
        let top = header.count + 1
        BackView(map: map, theme: theme, notes: session.notedZones()).draw(into: &canvas, x: 0, y: top)
        if beside {
            legend.draw(into: &canvas, x: drawing.width + 2, y: top + 1, width: legendWidth)
        } else {
            legend.draw(into: &canvas, x: 0, y: top + drawing.height + 1, width: width)
        }
        if !notes.isEmpty {
            let notesTop = top + drawing.height + legendLines + 1
            canvas.put("Zone notes", x: 0, y: notesTop, style: theme.accent)
            for (index, note) in notes.enumerated() {
                canvas.put(note, x: 0, y: notesTop + 1 + index)
            }
        }
        return canvas
    }
}
