/// `export --format html`: one self-contained page to print or email to a
/// doctor or physiotherapist. Inline CSS and SVG only: no scripts, no fonts or
/// images fetched, so it looks the same offline and years later.
///
/// The page is well-formed XHTML (every element closed, no named entities
/// beyond XML's own), so an XML parser reads it as surely as a browser.
public enum HTMLExport {
    public static func page(_ sessions: [Session]) -> String {
        let subjects = orderedUnique(sessions.map { Markup.oneLine($0.subject) })
        let chronological = sessions.sorted { $0.startedAt == $1.startedAt ? $0.id < $1.id : $0.startedAt < $1.startedAt }
        var span = ""
        if let first = chronological.first, let last = chronological.last {
            span = first.startedAt.day == last.startedAt.day ? first.startedAt.day : "\(first.startedAt.day) to \(last.startedAt.day)"
        }
        let count = sessions.count == 1 ? "1 session" : "\(sessions.count) sessions"
        var out = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>Skin-rolling record: \(Markup.xml(subjects.joined(separator: ", "))), \(span)</title>
            <style type="text/css">\(css)</style>
            </head>
            <body>
            <header>
            <h1>Skin-rolling record</h1>
            <p class="lead">\(Markup.xml(subjects.joined(separator: ", "))) · \(count) · \(span)</p>
            </header>

            """
        out += scale
        if sessions.count >= 2 {
            out += overview(chronological)
        }
        if sessions.count == 2 {
            out += "<section class=\"figure\">\n<h2>Side by side</h2>\n<p class=\"hint\">A is the first session named, B the second; the column between them shows how each zone changed.</p>\n"
            out += SVGExport.compareElement(sessions[0], sessions[1])
            out += "</section>\n"
        }
        for session in sessions {
            out += section(session)
        }
        out += """
            <footer>
            <p>Made with backmap. It records what the helper felt while rolling the skin
            (0 relaxed: painless, 1 mild: tender, no flinch, 2 tight: winces or flinches, 3 very tight: pulls away);
            it makes no claim about causes. Zones are named by the vertebra beside them, from T1 at the shoulders
            to S1 just above the buttocks, and drawn as seen from behind with the person lying face down.</p>
            </footer>
            </body>
            </html>

            """
        return out
    }

    private static var scale: String {
        var rows = ""
        for level in Tightness.allCases {
            rows += "<tr><td><span class=\"swatch \(SVGPalette.className(level))\">\(level.rawValue)</span></td><td>\(level.title)</td><td>\(level.meaning)</td></tr>\n"
        }
        rows += "<tr><td><span class=\"swatch zu\">&#160;</span></td><td>not rolled</td><td>not examined; never counted as 0</td></tr>\n"
        return "<section class=\"scale\">\n<h2>How to read it</h2>\n<table class=\"legend\">\n<tbody>\n\(rows)</tbody>\n</table>\n</section>\n"
    }

    private static func overview(_ chronological: [Session]) -> String {
        let trends = Trends(chronological.map(SessionSummary.init), filter: TrendFilter(last: chronological.count))
        var out = "<section class=\"figure\">\n<h2>Over time</h2>\n"
        out += SVGExport.scoreChart(trends.sessions)
        out += "<table class=\"sessions\">\n<thead><tr><th>date</th><th>technique</th><th>zones rolled</th><th>score</th><th>tight zones</th><th>pain before → after</th></tr></thead>\n<tbody>\n"
        for session in chronological {
            let map = session.map
            out += "<tr><td>\(session.startedAt.day) \(session.startedAt.clock)</td><td>\(session.technique.title)</td><td>\(map.ratedCount) of \(Zone.all.count)</td><td>\(map.ratedCount == 0 ? "–" : String(map.score))</td><td>\(map.tightCount)</td><td>\(pain(session))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += SVGExport.heatElement(trends)
        out += "<p class=\"hint\">\(Markup.xml(Trends.method))</p>\n</section>\n"
        return out
    }

    private static func section(_ session: Session) -> String {
        let map = session.map
        var out = "<section class=\"session\" id=\"s-\(Markup.xml(session.id.rawValue))\">\n"
        out += "<h2>\(session.startedAt.day) \(session.startedAt.clock)</h2>\n"
        var details: [(String, String)] = [
            ("subject", Markup.xml(Markup.oneLine(session.subject))),
            ("technique", session.technique.title),
            ("passes", String(max(1, session.passes.count))),
            ("zones rolled", "\(map.ratedCount) of \(Zone.all.count)"),
            ("score", map.ratedCount == 0 ? "–" : String(map.score)),
            ("tight zones (2 or more)", tightList(map)),
            ("pain before → after (0–10)", pain(session)),
        ]
        if !session.tags.isEmpty {
            details.append(("tags", session.tags.map { Markup.xml(Markup.oneLine($0)) }.joined(separator: ", ")))
        }
        details.append(("session id", Markup.xml(session.id.rawValue)))
        out += "<table class=\"details\">\n<tbody>\n"
        for (name, value) in details {
            out += "<tr><th scope=\"row\">\(name)</th><td>\(value)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if let note = session.note, !note.isEmpty {
            out += "<div class=\"note\"><h3>Note</h3><p>\(paragraph(note))</p></div>\n"
        }
        out += "<div class=\"figure\">\n" + SVGExport.mapElement(session) + "</div>\n"
        let notes = Zone.all.compactMap { zone in session.note(for: zone).flatMap { $0.isEmpty ? nil : (zone, $0) } }
        if !notes.isEmpty {
            out += "<div class=\"note\"><h3>Notes on zones</h3>\n<ul>\n"
            for (zone, note) in notes {
                let level = map[zone].map { " (\($0.rawValue) \($0.title))" } ?? " (not rolled)"
                out += "<li><strong>\(zone.side.title) \(zone.segment.name)\(level):</strong> \(paragraph(note))</li>\n"
            }
            out += "</ul>\n</div>\n"
        }
        out += "</section>\n"
        return out
    }

    /// "left T7, right L4" or "none".
    private static func tightList(_ map: BackMap) -> String {
        let zones = Zone.all.filter { map[$0]?.isTight == true }
        return zones.isEmpty ? "none" : zones.map { "\($0.side.title) \($0.segment.name)" }.joined(separator: ", ")
    }

    private static func pain(_ session: Session) -> String {
        guard session.painBefore != nil || session.painAfter != nil else { return "–" }
        return "\(session.painBefore.map(String.init) ?? "–") → \(session.painAfter.map(String.init) ?? "–")"
    }

    /// A note with its line breaks kept.
    private static func paragraph(_ text: String) -> String {
        Markup.lines(text).map(Markup.xml).joined(separator: "<br/>")
    }

    private static func orderedUnique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    private static let css = """

        body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222222; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.4; }
        h1 { font-size: 1.6em; margin-bottom: 0.1em; }
        h2 { font-size: 1.25em; border-bottom: 1px solid #cccccc; padding-bottom: 0.2em; margin-top: 2em; }
        h3 { font-size: 1em; margin: 1em 0 0.3em; }
        .lead { color: #555555; margin-top: 0; }
        .hint { color: #555555; font-size: 0.9em; }
        table { border-collapse: collapse; margin: 0.8em 0; }
        th, td { text-align: left; padding: 0.25em 0.8em 0.25em 0; vertical-align: top; }
        table.sessions th, table.sessions td { border-bottom: 1px solid #e2e2e2; }
        table.sessions td { white-space: nowrap; }
        table.details th { font-weight: normal; color: #555555; }
        .swatch { display: inline-block; width: 2em; text-align: center; border-radius: 3px; font-weight: bold; border: 1px solid #888888; }
        .z0 { background: #e3f2d9; } .z1 { background: #fbd568; } .z2 { background: #f0883e; }
        .z3 { background: #b3202a; color: #ffffff; }
        .zu { background: repeating-linear-gradient(45deg, #ffffff, #ffffff 3px, #cccccc 3px, #cccccc 5px); }
        .note { background: #f7f5f2; border-left: 3px solid #bbbbbb; padding: 0.3em 0.8em; margin: 0.8em 0; }
        .note p { margin: 0.2em 0; }
        svg { max-width: 100%; height: auto; display: block; margin: 0.8em 0; }
        footer { margin-top: 3em; font-size: 0.85em; color: #555555; border-top: 1px solid #cccccc; }
        @media print {
          body { margin: 0; max-width: none; font-size: 10pt; }
          svg, table, .note { page-break-inside: avoid; break-inside: avoid; }
          h2, h3 { page-break-after: avoid; break-after: avoid; }
          section.session { page-break-before: always; break-before: page; }
          h2 { margin-top: 0.5em; }
        }

        """
}
