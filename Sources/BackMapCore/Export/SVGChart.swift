import Foundation

/// The chart over time of the HTML report: the mean tightness of the zones
/// rolled in each session (0–3, left axis) and the pain before → after
/// (0–10, right axis), with the sessions spaced by their dates.
///
/// The mean, not the score: a session that rolled eight zones would otherwise
/// look like a sudden improvement. Such partial sessions (fewer than
/// `BackMap.fullCoverage` zones) are still drawn, hollow, and the legend says why.
enum SVGChart {
    /// One session on the chart.
    struct Point {
        var startedAt: Timestamp
        var mean: Double?
        var rolled: Int
        var isPartial: Bool
        var painBefore: Int?
        var painAfter: Int?

        init(_ session: Session) {
            let map = session.map
            startedAt = session.startedAt
            mean = map.meanTightness
            rolled = map.ratedCount
            isPartial = map.isPartial
            painBefore = session.painBefore
            painAfter = session.painAfter
        }
    }

    static let width = 720
    static let height = 280
    static let left = 44, right = 44, top = 56, bottom = 64
    /// Room kept at both ends of the time axis, so the first and last dots are whole.
    static let inset = 14.0
    /// Rotated date labels closer than this would overlap; the later one is left out.
    static let labelSpacing = 15.0

    /// The x of each point: proportional to the time since the first session.
    static func positions(_ points: [Point]) -> [Double] {
        let plotWidth = Double(width - left - right) - 2 * inset
        guard let first = points.first?.startedAt.date, let last = points.last?.startedAt.date, last > first else {
            return points.map { _ in Double(left) + Double(width - left - right) / 2 }
        }
        let span = last.timeIntervalSince(first)
        return points.map { Double(left) + inset + plotWidth * $0.startedAt.date.timeIntervalSince(first) / span }
    }

    /// The indices whose dates get a label: every session, less those that would
    /// overlap the label before; the last session always keeps its label.
    static func labelled(_ xs: [Double]) -> [Int] {
        var kept: [Int] = []
        for (index, x) in xs.enumerated() {
            if let previous = kept.last, x - xs[previous] < labelSpacing {
                if index == xs.count - 1 { kept[kept.count - 1] = index }
                continue
            }
            kept.append(index)
        }
        return kept
    }

    static func element(_ sessions: [Session]) -> String {
        let points = sessions.map(Point.init)
        let plotHeight = Double(height - top - bottom)
        let base = Double(top) + plotHeight
        func meanY(_ mean: Double) -> Double { base - plotHeight * mean / 3 }
        func painY(_ pain: Int) -> Double { base - plotHeight * Double(pain) / 10 }
        func n(_ value: Double) -> String { Markup.decimal(value, digits: 1) }

        var out = SVGExport.open(width: width, height: height, label: "Mean tightness and pain over \(points.count) sessions", standalone: false)
        out += "<text x=\"\(left)\" y=\"20\" class=\"heading\">Mean tightness of the zones rolled (0–3), and pain before → after (0–10)</text>\n"
        // The legend, on one line under the heading.
        out += "<circle cx=\"\(left + 6)\" cy=\"37\" r=\"4\" class=\"dot\"/><text x=\"\(left + 16)\" y=\"41\" class=\"small\">mean tightness</text>"
        out += "<circle cx=\"\(left + 126)\" cy=\"37\" r=\"4\" class=\"partial\"/><text x=\"\(left + 136)\" y=\"41\" class=\"small\">partial: fewer than \(BackMap.fullCoverage) of \(Zone.all.count) zones rolled</text>"
        out += "<line x1=\"\(left + 400)\" y1=\"31\" x2=\"\(left + 400)\" y2=\"43\" class=\"pain\"/><circle cx=\"\(left + 400)\" cy=\"31\" r=\"3\" class=\"painbefore\"/><circle cx=\"\(left + 400)\" cy=\"43\" r=\"3\" class=\"painafter\"/>"
        out += "<text x=\"\(left + 410)\" y=\"41\" class=\"small\">pain: ○ before, ● after</text>\n"
        // Axes: tightness on the left, pain on the right, sharing the grid lines.
        for step in 0...3 {
            let y = meanY(Double(step))
            out += "<line x1=\"\(left)\" y1=\"\(n(y))\" x2=\"\(width - right)\" y2=\"\(n(y))\" class=\"\(step == 0 ? "axis" : "grid")\"/>"
            out += "<text x=\"\(left - 6)\" y=\"\(n(y + 4))\" text-anchor=\"end\" class=\"label\">\(step)</text>\n"
        }
        for pain in [0, 5, 10] {
            out += "<text x=\"\(width - right + 6)\" y=\"\(n(painY(pain) + 4))\" class=\"label\">pain \(pain)</text>\n"
        }
        let xs = positions(points)
        // Pain first, so the tightness line stays on top; set a little to the right of the session's dot.
        for (point, x) in zip(points, xs) {
            let px = x + 6
            if let before = point.painBefore, let after = point.painAfter {
                out += "<line x1=\"\(n(px))\" y1=\"\(n(painY(before)))\" x2=\"\(n(px))\" y2=\"\(n(painY(after)))\" class=\"pain\"/>"
            }
            if let before = point.painBefore {
                out += "<circle cx=\"\(n(px))\" cy=\"\(n(painY(before)))\" r=\"3\" class=\"painbefore\"/>"
            }
            if let after = point.painAfter {
                out += "<circle cx=\"\(n(px))\" cy=\"\(n(painY(after)))\" r=\"3\" class=\"painafter\"/>"
            }
            if point.painBefore != nil || point.painAfter != nil { out += "\n" }
        }
        let line = zip(points, xs).compactMap { point, x in point.mean.map { "\(n(x)),\(n(meanY($0)))" } }
        if line.count >= 2 {
            out += "<polyline points=\"\(line.joined(separator: " "))\" class=\"mean\"/>\n"
        }
        for (point, x) in zip(points, xs) {
            let pain = point.painBefore != nil || point.painAfter != nil
                ? ", pain \(point.painBefore.map(String.init) ?? "–") → \(point.painAfter.map(String.init) ?? "–")" : ""
            let coverage = "\(point.rolled) of \(Zone.all.count) zones rolled\(point.isPartial ? " (partial)" : "")"
            let label = "\(point.startedAt.day) \(point.startedAt.clock): mean \(BackMap.formatMean(point.mean)), \(coverage)\(pain)"
            guard let mean = point.mean else {
                // Nothing rolled: no mean to plot, never a 0.
                out += "<text x=\"\(n(x))\" y=\"\(n(base - 6))\" text-anchor=\"middle\" class=\"label\"><title>\(label)</title>–</text>\n"
                continue
            }
            out += "<circle cx=\"\(n(x))\" cy=\"\(n(meanY(mean)))\" r=\"4.5\" class=\"\(point.isPartial ? "partial" : "dot")\"><title>\(label)</title></circle>\n"
        }
        for index in labelled(xs) {
            let x = xs[index]
            out += "<text x=\"\(n(x))\" y=\"\(n(base + 14))\" text-anchor=\"end\" transform=\"rotate(-40 \(n(x)) \(n(base + 14)))\" class=\"label\">\(points[index].startedAt.day)</text>\n"
        }
        out += "</svg>\n"
        return out
    }
}
