/// `export --format svg`: a picture of one session's map, or of two sessions
/// side by side with the change in each zone. Valid SVG 1.1, self-contained
/// (no fonts, images or scripts fetched), with a legend.
public enum SVGExport {
    /// A standalone SVG file of one session's map.
    public static func map(_ session: Session) -> String {
        document(mapElement(session))
    }

    /// A standalone SVG file comparing session `a` (before) with `b` (after).
    public static func compare(_ a: Session, _ b: Session) -> String {
        document(compareElement(a, b))
    }

    static func document(_ svg: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg
    }

    /// The root element, its title (what screen readers and tooltips say) and the shared style.
    /// Only SVG 1.1 attributes: no ARIA, which 1.1 does not define.
    static func open(width: Int, height: Int, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">\n"
            + "<title>\(Markup.xml(label))</title>\n" + SVGPalette.defs
            + "<rect width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
    }

    /// "2026-11-24 19:02 · me · skin-rolling".
    static func headline(_ session: Session) -> String {
        "\(session.startedAt.day) \(session.startedAt.clock) · \(Markup.oneLine(session.subject)) · \(session.technique.title)"
    }

    /// "rolled 30 of 36 zones · score 41 · tight 9 · pain 6 → 3".
    static func figures(_ session: Session) -> String {
        let map = session.map
        var parts = ["rolled \(map.ratedCount) of \(Zone.all.count) zones", "score \(map.score)", "tight \(map.tightCount)"]
        if session.painBefore != nil || session.painAfter != nil {
            parts.append("pain \(session.painBefore.map(String.init) ?? "–") → \(session.painAfter.map(String.init) ?? "–")")
        }
        return parts.joined(separator: " · ")
    }

    static func mapElement(_ session: Session) -> String {
        let map = session.map
        let width = 40 + SVGBack.width + SVGBack.landmarkWidth + 200
        let backTop = 84
        let height = backTop + SVGBack.height + 28
        var out = open(width: width, height: height, label: "Back map of \(headline(session))")
        out += "<text x=\"24\" y=\"32\" class=\"title\">\(Markup.xml(headline(session)))</text>\n"
        out += "<text x=\"24\" y=\"54\" class=\"subtitle\">\(Markup.xml(figures(session)))</text>\n"
        out += SVGBack(title: nil, showLandmarks: true) { zone in
            SVGBack.Cell(level: map[zone], text: map[zone].map { String($0.rawValue) } ?? "")
        }.element(x: 24, y: backTop)
        out += SVGPalette.legend(x: 24 + SVGBack.width + SVGBack.landmarkWidth + 20, y: backTop + 40)
        out += footnote(x: 24, y: height - 14)
        out += "</svg>\n"
        return out
    }

    static func footnote(x: Int, y: Int) -> String {
        "<text x=\"\(x)\" y=\"\(y)\" class=\"small\">Seen from behind, the person lying face down: their left is on the left. Zones are named by the vertebra beside them.</text>\n"
    }

    // MARK: Compare

    /// How a zone changed from A to B.
    enum Change: Equatable {
        case better(Int)
        case worse(Int)
        case same
        /// Rolled in one of the two sessions only: no change can be told.
        case unknownOnOneSide
        case unknownOnBoth

        init(_ a: Tightness?, _ b: Tightness?) {
            switch (a, b) {
            case (nil, nil): self = .unknownOnBoth
            case (nil, _), (_, nil): self = .unknownOnOneSide
            case let (a?, b?):
                let delta = b.rawValue - a.rawValue
                self = delta < 0 ? .better(-delta) : delta > 0 ? .worse(delta) : .same
            }
        }

        var text: String {
            switch self {
            case .better(let n): "−\(n)"
            case .worse(let n): "+\(n)"
            case .same: "="
            case .unknownOnOneSide: "?"
            case .unknownOnBoth: ""
            }
        }

        var className: String {
            switch self {
            case .better: "better"
            case .worse: "worse"
            case .same: "same"
            case .unknownOnOneSide, .unknownOnBoth: "unknown"
            }
        }
    }

    static func compareElement(_ a: Session, _ b: Session) -> String {
        let mapA = a.map
        let mapB = b.map
        let changes = Zone.all.map { Change(mapA[$0], mapB[$0]) }
        let middle = 150
        let backTop = 170
        let bx = 24 + SVGBack.width + middle
        let width = bx + SVGBack.width + 24
        let legendTop = backTop + SVGBack.height + 30
        let height = legendTop + SVGPalette.legendHeight + 40
        var out = open(width: width, height: height, label: "Comparison of \(headline(a)) with \(headline(b))")
        out += "<text x=\"24\" y=\"30\" class=\"title\">A: \(Markup.xml(headline(a)))</text>\n"
        out += "<text x=\"24\" y=\"48\" class=\"subtitle\">\(Markup.xml(figures(a)))</text>\n"
        out += "<text x=\"24\" y=\"76\" class=\"title\">B: \(Markup.xml(headline(b)))</text>\n"
        out += "<text x=\"24\" y=\"94\" class=\"subtitle\">\(Markup.xml(figures(b)))</text>\n"
        out += "<text x=\"24\" y=\"124\" class=\"heading\">\(Markup.xml(changeSummary(changes, mapA, mapB)))</text>\n"
        out += SVGBack(title: "A", showLandmarks: false) { zone in
            SVGBack.Cell(level: mapA[zone], text: mapA[zone].map { String($0.rawValue) } ?? "")
        }.element(x: 24, y: backTop)
        out += SVGBack(title: "B", showLandmarks: false) { zone in
            SVGBack.Cell(level: mapB[zone], text: mapB[zone].map { String($0.rawValue) } ?? "")
        }.element(x: bx, y: backTop)
        // The change column between the backs: left then right strip, row by row.
        let cx = 24 + SVGBack.width + 8
        out += "<g transform=\"translate(\(cx),\(backTop))\">\n"
        out += "<text x=\"\((middle - 16) / 2)\" y=\"-8\" text-anchor=\"middle\" class=\"heading\">change A → B</text>\n"
        out += "<text x=\"32\" y=\"16\" text-anchor=\"middle\" class=\"side\">L</text><text x=\"\(middle - 48)\" y=\"16\" text-anchor=\"middle\" class=\"side\">R</text>\n"
        for segment in Segment.allCases {
            let y = SVGBack.zoneY(segment)
            for (side, x) in [(Side.left, 12), (Side.right, middle - 68)] {
                let change = changes[Zone(side, segment).index]
                guard change != .unknownOnBoth else { continue }
                out += "<rect x=\"\(x)\" y=\"\(y)\" width=\"40\" height=\"\(SVGBack.zoneHeight)\" rx=\"11\" class=\"\(change.className)\"/>"
                out += "<text x=\"\(x + 20)\" y=\"\(y + 16)\" text-anchor=\"middle\" class=\"digit dark\">\(change.text)</text>\n"
            }
            out += "<text x=\"\((middle - 16) / 2)\" y=\"\(y + 15)\" text-anchor=\"middle\" class=\"label\">\(segment.name)</text>\n"
        }
        out += "</g>\n"
        out += SVGPalette.legend(x: 24, y: legendTop)
        out += changeLegend(x: bx + 40, y: legendTop)
        out += footnote(x: 24, y: height - 14)
        out += "</svg>\n"
        return out
    }

    /// "better 5 · worse 2 · same 20 · rolled in one only 9 · score 41 → 30 · tight 9 → 5".
    static func changeSummary(_ changes: [Change], _ a: BackMap, _ b: BackMap) -> String {
        var better = 0, worse = 0, same = 0, oneSide = 0
        for change in changes {
            switch change {
            case .better: better += 1
            case .worse: worse += 1
            case .same: same += 1
            case .unknownOnOneSide: oneSide += 1
            case .unknownOnBoth: break
            }
        }
        return "zones better \(better) · worse \(worse) · same \(same) · rolled in one only \(oneSide) · score \(a.score) → \(b.score) · tight \(a.tightCount) → \(b.tightCount)"
    }

    static func changeLegend(x: Int, y: Int) -> String {
        var out = "<g transform=\"translate(\(x),\(y))\">\n<text x=\"0\" y=\"0\" class=\"heading\">Change from A to B</text>\n"
        let samples: [(Change, String)] = [
            (.better(1), "better: less tight by 1"), (.worse(1), "worse: tighter by 1"),
            (.same, "the same"), (.unknownOnOneSide, "rolled in only one of the two"),
        ]
        for (index, sample) in samples.enumerated() {
            let top = 14 + index * 30
            out += "<rect x=\"0\" y=\"\(top)\" width=\"40\" height=\"22\" rx=\"11\" class=\"\(sample.0.className)\"/>"
            out += "<text x=\"20\" y=\"\(top + 16)\" text-anchor=\"middle\" class=\"digit dark\">\(sample.0.text)</text>"
            out += "<text x=\"50\" y=\"\(top + 16)\" class=\"small\">\(sample.1)</text>\n"
        }
        out += "</g>\n"
        return out
    }

    // MARK: Trends

    /// The heat map of a trend: each zone filled by how often it was tight, with
    /// the percentage and the direction, for the HTML report.
    static func heatElement(_ trends: Trends) -> String {
        let backTop = 40
        let width = 24 + SVGBack.width + SVGBack.landmarkWidth + 250
        let height = backTop + SVGBack.height + 24
        var out = open(width: width, height: height, label: "How often each zone was tight over \(trends.sessions.count) sessions")
        out += "<text x=\"24\" y=\"24\" class=\"heading\">How often each zone was tight (2 or more), and which way it went</text>\n"
        out += SVGBack(title: nil, showLandmarks: true) { zone in
            let trend = trends[zone]
            guard let percent = trend.percentTight else { return SVGBack.Cell(level: nil, text: "") }
            return SVGBack.Cell(level: trend.heatLevel, text: "\(percent) \(arrow(trend.direction))")
        }.element(x: 24, y: backTop)
        let lx = 24 + SVGBack.width + SVGBack.landmarkWidth + 20
        var legend = "<g transform=\"translate(\(lx),\(backTop + 40))\">\n<text x=\"0\" y=\"0\" class=\"heading\">Sessions it was tight</text>\n"
        let rows: [(Tightness?, String)] = [
            (.veryTight, "2/3 of them or more"), (.tight, "1/3 to 2/3"), (.mild, "fewer than 1/3"),
            (.relaxed, "never"), (nil, "not rolled in these sessions"),
        ]
        for (index, row) in rows.enumerated() {
            let top = 12 + index * 28
            legend += "<rect x=\"0\" y=\"\(top)\" width=\"34\" height=\"22\" rx=\"4\" class=\"\(SVGPalette.className(row.0))\"/>"
            legend += "<text x=\"44\" y=\"\(top + 16)\" class=\"small\">\(row.1)</text>\n"
        }
        let arrows: [(TrendDirection, String)] = [
            (.worsening, "tighter over time"), (.improving, "easier over time"), (.steady, "steady"),
            (.notEnoughData, "rolled fewer than \(Trends.minimumPoints) times"),
        ]
        legend += "<text x=\"0\" y=\"170\" class=\"heading\">Direction</text>\n"
        for (index, row) in arrows.enumerated() {
            let top = 190 + index * 20
            legend += "<text x=\"10\" y=\"\(top)\" text-anchor=\"middle\" class=\"digit dark\">\(arrow(row.0).isEmpty ? "·" : arrow(row.0))</text>"
            legend += "<text x=\"24\" y=\"\(top)\" class=\"small\">\(row.1)</text>\n"
        }
        legend += "</g>\n"
        out += legend
        out += "</svg>\n"
        return out
    }

    static func arrow(_ direction: TrendDirection) -> String {
        switch direction {
        case .worsening: "↑"
        case .improving: "↓"
        case .steady: "="
        case .notEnoughData: ""
        }
    }

    /// The score of each session as bars over time, with the first and last dates.
    static func scoreChart(_ points: [TrendPoint], width: Int = 720, height: Int = 240) -> String {
        let left = 48, right = 16, top = 36, bottom = 40
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let maxScore = max(3, points.compactMap(\.score).max() ?? 0)
        // Round the axis up to an even multiple of 5 (or 10) so the middle grid line carries a plain number too.
        let step = maxScore > 50 ? 20 : 10
        let axisMax = ((maxScore + step - 1) / step) * step
        var out = open(width: width, height: height, label: "Score per session over \(points.count) sessions")
        out += "<text x=\"\(left)\" y=\"20\" class=\"heading\">Score per session (sum of the ratings of the zones rolled)</text>\n"
        for fraction in [0, 1, 2] {
            let value = axisMax * fraction / 2
            let y = top + plotHeight - plotHeight * fraction / 2
            out += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(left + plotWidth)\" y2=\"\(y)\" class=\"\(fraction == 0 ? "axis" : "grid")\"/>"
            out += "<text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\" class=\"label\">\(value)</text>\n"
        }
        let slot = Double(plotWidth) / Double(max(1, points.count))
        let barWidth = max(1.0, slot * 0.7)
        for (index, point) in points.enumerated() {
            guard let score = point.score else { continue }
            let barHeight = Double(plotHeight) * Double(score) / Double(axisMax)
            let x = Double(left) + slot * Double(index) + (slot - barWidth) / 2
            let y = Double(top + plotHeight) - barHeight
            out += "<rect x=\"\(Markup.decimal(x, digits: 2))\" y=\"\(Markup.decimal(y, digits: 2))\" width=\"\(Markup.decimal(barWidth, digits: 2))\" height=\"\(Markup.decimal(barHeight, digits: 2))\" class=\"bar\"><title>\(point.startedAt.day) \(point.startedAt.clock): score \(score), \(point.zonesRated) zones rolled</title></rect>\n"
        }
        if let first = points.first, let last = points.last {
            let y = top + plotHeight + 18
            out += "<text x=\"\(left)\" y=\"\(y)\" class=\"label\">\(first.startedAt.day)</text>"
            out += "<text x=\"\(left + plotWidth)\" y=\"\(y)\" text-anchor=\"end\" class=\"label\">\(last.startedAt.day)</text>\n"
        }
        let gaps = points.filter { $0.score == nil }.count
        if gaps > 0 {
            out += "<text x=\"\(left + plotWidth / 2)\" y=\"\(top + plotHeight + 18)\" text-anchor=\"middle\" class=\"label\">\(gaps) session\(gaps == 1 ? "" : "s") with nothing rolled left blank</text>\n"
        }
        out += "</svg>\n"
        return out
    }
}
