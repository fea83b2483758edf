/// The heat map of the HTML report: each zone filled by how often it was
/// tight over the sessions, with the percentage and the direction.
///
/// It has its own one-hue scale, light to dark, so that a share of sessions
/// never borrows the colours of the tightness levels: a 17% zone must not look
/// "mild". A zone rolled fewer than `Trends.minimumPoints` times shows its
/// share with a "·" instead of a direction, as the legend says.
enum SVGHeatMap {
    /// The step of the scale a share falls on: 0 never, 1 under a third, 2 under two thirds, 3 more.
    static func step(_ share: Double) -> Int {
        if share <= 0 { return 0 }
        if share < 1.0 / 3.0 { return 1 }
        if share < 2.0 / 3.0 { return 2 }
        return 3
    }

    /// What a zone shows: its share and direction, or hatching when it was never rolled.
    static func cell(_ trend: ZoneTrend) -> SVGBack.Cell {
        guard let share = trend.shareTight, let percent = trend.percentTight else {
            return SVGBack.Cell(fillClass: SVGPalette.className(nil), textClass: "dark", text: "")
        }
        let step = step(share)
        return SVGBack.Cell(fillClass: "h\(step)", textClass: step == 3 ? "light" : "dark", text: "\(percent) \(arrow(trend.direction))")
    }

    static func arrow(_ direction: TrendDirection) -> String {
        switch direction {
        case .worsening: "↑"
        case .improving: "↓"
        case .steady: "="
        case .notEnoughData: "·"
        }
    }

    static func element(_ trends: Trends) -> String {
        let backTop = 40
        let width = 24 + SVGBack.width + SVGBack.landmarkWidth + 250
        let height = backTop + SVGBack.height + 24
        var out = SVGExport.open(width: width, height: height, label: "How often each zone was tight over \(trends.sessions.count) sessions", standalone: false)
        out += "<text x=\"24\" y=\"24\" class=\"heading\">How often each zone was tight (2 or more), and which way it went</text>\n"
        out += SVGBack(title: nil, showLandmarks: true) { cell(trends[$0]) }.element(x: 24, y: backTop)
        let lx = 24 + SVGBack.width + SVGBack.landmarkWidth + 20
        var legend = "<g transform=\"translate(\(lx),\(backTop + 40))\">\n<text x=\"0\" y=\"0\" class=\"heading\">Sessions it was tight</text>\n"
        let rows: [(String, String)] = [
            ("h3", "2/3 of them or more"), ("h2", "1/3 to 2/3"), ("h1", "fewer than 1/3"),
            ("h0", "never"), (SVGPalette.className(nil), "not rolled in these sessions"),
        ]
        for (index, row) in rows.enumerated() {
            let top = 12 + index * 28
            legend += "<rect x=\"0\" y=\"\(top)\" width=\"34\" height=\"22\" rx=\"4\" class=\"\(row.0)\"/>"
            legend += "<text x=\"44\" y=\"\(top + 16)\" class=\"small\">\(row.1)</text>\n"
        }
        let arrows: [(TrendDirection, String)] = [
            (.worsening, "tighter over time"), (.improving, "easier over time"), (.steady, "steady"),
            (.notEnoughData, "rolled fewer than \(Trends.minimumPoints) times"),
        ]
        legend += "<text x=\"0\" y=\"170\" class=\"heading\">Direction</text>\n"
        for (index, row) in arrows.enumerated() {
            let top = 190 + index * 20
            legend += "<text x=\"10\" y=\"\(top)\" text-anchor=\"middle\" class=\"digit dark\">\(arrow(row.0))</text>"
            legend += "<text x=\"24\" y=\"\(top)\" class=\"small\">\(row.1)</text>\n"
        }
        legend += "</g>\n"
        out += legend
        out += "</svg>\n"
        return out
    }
}
