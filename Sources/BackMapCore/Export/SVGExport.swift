/// `export --format svg`: a picture of one session's map, or of two sessions
/// side by side with the change in each zone. Valid SVG 1.1, self-contained
/// (no fonts, images or scripts fetched), with a legend.
public enum SVGExport {
    /// A standalone SVG file of one session's map.
    public static func map(_ session: Session) -> String {
        document(mapElement(session, standalone: true))
    }

    /// A standalone SVG file comparing session `a` (before) with `b` (after).
    public static func compare(_ a: Session, _ b: Session) -> String {
        document(compareElement(a, b, standalone: true))
    }

    static func document(_ svg: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg
    }

    /// The root element and its title (what screen readers and tooltips say).
    /// A standalone file also carries the hatching and the style; a figure inside
    /// the HTML page does not, since the page holds them once for all figures.
    /// Only SVG 1.1 attributes: no ARIA, which 1.1 does not define.
    static func open(width: Int, height: Int, label: String, standalone: Bool) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">\n"
            + "<title>\(Markup.xml(label))</title>\n" + (standalone ? SVGPalette.standaloneHead : "")
            + "<rect width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
    }

    /// How many columns of a title line the subject may take; past it the subject is
    /// shortened at a word, so the date and the technique always fit.
    static let subjectColumns = 28

    /// "2026-11-24 19:02 · me · skin-rolling", the subject shortened to fit a title line.
    static func headline(_ session: Session) -> String {
        "\(session.startedAt.day) \(session.startedAt.clock) · \(Markup.shortened(Markup.oneLine(session.subject), toColumns: subjectColumns)) · \(session.technique.title)"
    }

    /// The headline with the whole subject, for the title a screen reader or tooltip gives.
    static func fullHeadline(_ session: Session) -> String {
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

    static func mapElement(_ session: Session, standalone: Bool) -> String {
        let map = session.map
        let width = 40 + SVGBack.width + SVGBack.landmarkWidth + 200
        let backTop = 84
        let height = backTop + SVGBack.height + 28
        var out = open(width: width, height: height, label: "Back map of \(fullHeadline(session))", standalone: standalone)
        out += "<text x=\"24\" y=\"32\" class=\"title\">\(Markup.xml(headline(session)))</text>\n"
        out += "<text x=\"24\" y=\"54\" class=\"subtitle\">\(Markup.xml(figures(session)))</text>\n"
        out += SVGBack(title: nil, showLandmarks: true) { SVGBack.Cell(level: map[$0]) }.element(x: 24, y: backTop)
        out += SVGPalette.legend(x: 24 + SVGBack.width + SVGBack.landmarkWidth + 20, y: backTop + 40)
        out += footnote(x: 24, y: height - 14)
        out += "</svg>\n"
        return out
    }

    /// The back of one session alone, for the HTML page, where the details,
    /// the legend and the footnote are text beside it. Its caption names the
    /// session, so a printed page shows which session the map belongs to.
    static func backElement(_ session: Session) -> String {
        let map = session.map
        let width = 24 + SVGBack.width + SVGBack.landmarkWidth
        let height = SVGBack.height + 24
        var out = open(width: width, height: height, label: "Back map of \(fullHeadline(session))", standalone: false)
        out += SVGBack(title: nil, showLandmarks: true) { SVGBack.Cell(level: map[$0]) }.element(x: 12, y: 0)
        out += "<text x=\"12\" y=\"\(height - 8)\" class=\"small\">map of session \(Markup.xml(session.id.rawValue))</text>\n"
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

    static func compareElement(_ a: Session, _ b: Session, standalone: Bool) -> String {
        let mapA = a.map
        let mapB = b.map
        let changes = Zone.all.map { Change(mapA[$0], mapB[$0]) }
        let middle = 150
        let backTop = 170
        let bx = 24 + SVGBack.width + middle
        let width = bx + SVGBack.width + 24
        let legendTop = backTop + SVGBack.height + 30
        let height = legendTop + SVGPalette.legendHeight + 40
        var out = open(width: width, height: height, label: "Comparison of \(fullHeadline(a)) with \(fullHeadline(b))", standalone: standalone)
        out += "<text x=\"24\" y=\"30\" class=\"title\">A: \(Markup.xml(headline(a)))</text>\n"
        out += "<text x=\"24\" y=\"48\" class=\"subtitle\">\(Markup.xml(figures(a)))</text>\n"
        out += "<text x=\"24\" y=\"76\" class=\"title\">B: \(Markup.xml(headline(b)))</text>\n"
        out += "<text x=\"24\" y=\"94\" class=\"subtitle\">\(Markup.xml(figures(b)))</text>\n"
        out += "<text x=\"24\" y=\"124\" class=\"heading\">\(Markup.xml(changeSummary(changes, mapA, mapB)))</text>\n"
        out += SVGBack(title: "A", showLandmarks: false) { SVGBack.Cell(level: mapA[$0]) }.element(x: 24, y: backTop)
        out += SVGBack(title: "B", showLandmarks: false) { SVGBack.Cell(level: mapB[$0]) }.element(x: bx, y: backTop)
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
}
