/// Draws the back as SVG: two strips of 18 zones, the spine between them, the
/// segment names on both sides and the landmarks a helper can feel.
///
/// The same drawing serves a session's map, both sides of a comparison and the
/// trend heat map; only what goes into each zone changes. Each zone carries a
/// fill *and* a text (the digit, or a percentage), so the picture still reads
/// when printed in greyscale.
struct SVGBack {
    /// What one zone shows.
    struct Cell {
        /// The style class of the fill: a tightness level, a heat-map step, or "zu" for the hatched "not rolled".
        var fillClass: String
        /// The style class of the text, dark or light against the fill.
        var textClass: String
        /// Printed in the middle of the zone.
        var text: String

        /// A zone of a session's map: its level as fill and digit.
        init(level: Tightness?) {
            fillClass = SVGPalette.className(level)
            textClass = SVGPalette.textClassName(level)
            text = level.map { String($0.rawValue) } ?? ""
        }

        init(fillClass: String, textClass: String, text: String) {
            self.fillClass = fillClass
            self.textClass = textClass
            self.text = text
        }
    }

    var title: String?
    var showLandmarks: Bool
    var cell: (Zone) -> Cell

    // Geometry, in SVG user units, relative to the origin of the back.
    static let width = 320
    static let rowHeight = 26
    static let zoneHeight = 22
    static let zoneWidth = 100
    static let top = 34
    static let leftZoneX = 50
    static let rightZoneX = 170
    static let spineX = 160
    static var height: Int { top + Segment.allCases.count * rowHeight + 44 }
    /// Extra width the landmark notes take to the right.
    static let landmarkWidth = 180

    static func zoneX(_ side: Side) -> Int { side == .left ? leftZoneX : rightZoneX }
    static func zoneY(_ segment: Segment) -> Int { top + segment.row * rowHeight }

    /// The back as an SVG group placed at (x, y).
    func element(x: Int, y: Int) -> String {
        var out = "<g transform=\"translate(\(x),\(y))\">\n"
        if let title {
            out += "<text x=\"\(SVGBack.spineX)\" y=\"-8\" text-anchor=\"middle\" class=\"heading\">\(Markup.xml(title))</text>\n"
        }
        out += outline()
        out += "<text x=\"\(SVGBack.leftZoneX + SVGBack.zoneWidth / 2)\" y=\"16\" text-anchor=\"middle\" class=\"side\">LEFT</text>\n"
        out += "<text x=\"\(SVGBack.rightZoneX + SVGBack.zoneWidth / 2)\" y=\"16\" text-anchor=\"middle\" class=\"side\">RIGHT</text>\n"
        out += "<text x=\"\(SVGBack.spineX)\" y=\"16\" text-anchor=\"middle\" class=\"small\">head</text>\n"
        for segment in Segment.allCases {
            let y = SVGBack.zoneY(segment)
            let middle = y + SVGBack.zoneHeight / 2 + 4
            out += "<text x=\"36\" y=\"\(middle)\" text-anchor=\"end\" class=\"label\">\(segment.name)</text>\n"
            out += "<text x=\"284\" y=\"\(middle)\" class=\"label\">\(segment.name)</text>\n"
            for side in Side.allCases {
                out += zone(Zone(side, segment))
            }
        }
        out += landmarks()
        out += "</g>\n"
        return out
    }

    private func zone(_ zone: Zone) -> String {
        let content = cell(zone)
        let x = SVGBack.zoneX(zone.side)
        let y = SVGBack.zoneY(zone.segment)
        let name = "\(zone.side.title) \(zone.segment.name)"
        var out = "<g><title>\(Markup.xml(name + ": " + (content.text.isEmpty ? "not rolled" : content.text)))</title>"
        out += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(SVGBack.zoneWidth)\" height=\"\(SVGBack.zoneHeight)\" rx=\"4\" class=\"\(content.fillClass)\"/>"
        if !content.text.isEmpty {
            out += "<text x=\"\(x + SVGBack.zoneWidth / 2)\" y=\"\(y + SVGBack.zoneHeight / 2 + 5)\" text-anchor=\"middle\" class=\"digit \(content.textClass)\">\(Markup.xml(content.text))</text>"
        }
        out += "</g>\n"
        return out
    }

    private func outline() -> String {
        let bottom = SVGBack.zoneY(.s1) + SVGBack.rowHeight + 18
        let waistTop = SVGBack.zoneY(.t9)
        let waistBottom = SVGBack.zoneY(.l3)
        let hips = SVGBack.zoneY(.l5)
        // Shoulders wide, a slight waist, hips wide again: enough to read as a back.
        let path = "M 60 26 H 260 Q 282 26 282 48 L 278 \(waistTop) L 274 \(waistBottom) L 282 \(hips) L 282 \(bottom - 10) Q 282 \(bottom) 272 \(bottom) H 48 Q 38 \(bottom) 38 \(bottom - 10) L 38 \(hips) L 46 \(waistBottom) L 42 \(waistTop) L 38 48 Q 38 26 60 26 Z"
        var out = "<path d=\"\(path)\" class=\"body\"/>\n"
        out += "<line x1=\"\(SVGBack.spineX)\" y1=\"28\" x2=\"\(SVGBack.spineX)\" y2=\"\(bottom - 4)\" class=\"spine\"/>\n"
        return out
    }

    private func landmarks() -> String {
        let dimpleY = SVGBack.zoneY(.s1) + SVGBack.rowHeight + 8
        var out = ""
        for side in Side.allCases {
            out += "<circle cx=\"\(SVGBack.zoneX(side) + SVGBack.zoneWidth / 2)\" cy=\"\(dimpleY)\" r=\"3\" class=\"dimple\"/>\n"
        }
        guard showLandmarks else { return out }
        let notes: [(Segment?, String)] = [
            (.t7, "shoulder-blade tips (about T7)"),
            (.l4, "top of the hip bones (L4)"),
            (nil, "dimples above the buttocks (S2)"),
        ]
        for (segment, text) in notes {
            let y = segment.map { SVGBack.zoneY($0) + SVGBack.zoneHeight / 2 } ?? dimpleY
            out += "<line x1=\"306\" y1=\"\(y)\" x2=\"318\" y2=\"\(y)\" class=\"tick\"/>"
            out += "<text x=\"322\" y=\"\(y + 4)\" class=\"small\">\(Markup.xml(text))</text>\n"
        }
        return out
    }
}

/// The colours of the five states, chosen so that they also read as five
/// greys in the right order when printed without colour.
enum SVGPalette {
    static func fill(_ level: Tightness?) -> String {
        switch level {
        case nil: "url(#unrolled)"
        case .relaxed?: "#e3f2d9"
        case .mild?: "#fbd568"
        case .tight?: "#f0883e"
        case .veryTight?: "#b3202a"
        }
    }

    static func className(_ level: Tightness?) -> String {
        level.map { "z\($0.rawValue)" } ?? "zu"
    }

    static func textClassName(_ level: Tightness?) -> String {
        level == .veryTight ? "light" : "dark"
    }

    /// The hatching of "not rolled". A standalone SVG carries it; an HTML page
    /// carries it once for all its figures, since ids must be unique in a page.
    static let patternDefs = """
        <defs>
        <pattern id="unrolled" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#b8b8b8" stroke-width="2"/>
        </pattern>
        </defs>

        """

    /// The one-hue scale of the heat map (how often a zone was tight), light to
    /// dark, kept apart from the four tightness colours so that a share never
    /// reads as a level. Also five greys in the right order in greyscale.
    static let heatFills = ["#eef3f9", "#b5cae5", "#6c90c2", "#24497f"]

    /// The style rules of every figure, one rule a line.
    static var styleRules: [String] {
        [
            "text { font-family: \"DejaVu Sans\", \"Helvetica Neue\", Arial, sans-serif; fill: #222222; }",
            ".title { font-size: 18px; font-weight: bold; }",
            ".subtitle { font-size: 13px; fill: #444444; }",
            ".heading { font-size: 14px; font-weight: bold; }",
            ".side { font-size: 12px; font-weight: bold; letter-spacing: 1px; }",
            ".label { font-size: 11px; fill: #555555; }",
            ".small { font-size: 11px; fill: #555555; }",
            ".digit { font-size: 13px; font-weight: bold; }",
            ".dark { fill: #1a1a1a; }",
            ".light { fill: #ffffff; }",
            ".body { fill: #fbf8f4; stroke: #9a8f85; stroke-width: 1.5; }",
            ".spine { stroke: #9a8f85; stroke-width: 1.5; stroke-dasharray: 2 4; }",
            ".dimple { fill: #9a8f85; }",
            ".tick { stroke: #9a8f85; stroke-width: 1; }",
            ".z0 { fill: \(fill(.relaxed)); stroke: #5a7f4a; stroke-width: 0.8; }",
            ".z1 { fill: \(fill(.mild)); stroke: #8a6d10; stroke-width: 0.8; }",
            ".z2 { fill: \(fill(.tight)); stroke: #8a4310; stroke-width: 0.8; }",
            ".z3 { fill: \(fill(.veryTight)); stroke: #5c0d12; stroke-width: 0.8; }",
            ".zu { fill: url(#unrolled); stroke: #9a9a9a; stroke-width: 0.8; stroke-dasharray: 3 2; }",
        ] + heatFills.enumerated().map { index, colour in
            ".h\(index) { fill: \(colour); stroke: #5a6f8a; stroke-width: 0.8; }"
        } + [
            ".better { fill: #d7ecd0; stroke: #3d7a2e; }",
            ".worse { fill: #f6c9c4; stroke: #a3271d; }",
            ".same { fill: #eeeeee; stroke: #8a8a8a; }",
            ".unknown { fill: #ffffff; stroke: #9a9a9a; stroke-dasharray: 3 2; }",
            ".axis { stroke: #777777; stroke-width: 1; }",
            ".grid { stroke: #dddddd; stroke-width: 1; }",
            ".mean { fill: none; stroke: #4a6f9a; stroke-width: 2; }",
            ".dot { fill: #4a6f9a; stroke: #4a6f9a; stroke-width: 2; }",
            ".partial { fill: #ffffff; stroke: #4a6f9a; stroke-width: 2; }",
            ".pain { stroke: #b0603a; stroke-width: 2; }",
            ".painafter { fill: #b0603a; }",
            ".painbefore { fill: #ffffff; stroke: #b0603a; stroke-width: 1.5; }",
        ]
    }

    /// What a standalone SVG file carries before its drawing: the hatching and the style.
    static var standaloneHead: String {
        patternDefs + "<style type=\"text/css\">\n" + styleRules.joined(separator: "\n") + "\n</style>\n"
    }

    /// The legend of the four levels and "not rolled", as a column at (x, y).
    static func legend(x: Int, y: Int) -> String {
        var out = "<g transform=\"translate(\(x),\(y))\">\n<text x=\"0\" y=\"0\" class=\"heading\">Tightness felt</text>\n"
        let rows: [Tightness?] = [.veryTight, .tight, .mild, .relaxed, nil]
        for (index, level) in rows.enumerated() {
            let top = 14 + index * 30
            out += "<rect x=\"0\" y=\"\(top)\" width=\"34\" height=\"22\" rx=\"4\" class=\"\(className(level))\"/>"
            if let level {
                out += "<text x=\"17\" y=\"\(top + 16)\" text-anchor=\"middle\" class=\"digit \(textClassName(level))\">\(level.rawValue)</text>"
                out += "<text x=\"44\" y=\"\(top + 11)\" class=\"heading\">\(level.title)</text>"
                out += "<text x=\"44\" y=\"\(top + 24)\" class=\"small\">\(level.meaning)</text>\n"
            } else {
                out += "<text x=\"44\" y=\"\(top + 16)\" class=\"heading\">not rolled</text>\n"
            }
        }
        out += "</g>\n"
        return out
    }

    static let legendHeight = 14 + 5 * 30
}
