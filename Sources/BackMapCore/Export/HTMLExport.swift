/// `export --format html`: one self-contained page to print or email to a
/// doctor or physiotherapist. Inline CSS and SVG only: no scripts, no fonts or
/// images fetched, so it looks the same offline and years later.
///
/// The page is well-formed XHTML (every element closed, no named entities
/// beyond XML's own), so an XML parser reads it as surely as a browser.
///
/// Printed, each session takes one A4 or Letter page with its details, notes
/// and map together, and the part over time takes one page; the print test
/// checks both with headless Chromium. Several subjects are grouped, each with
/// its own chart, heat map and first-against-last comparison.
public enum HTMLExport {
    /// The page for `sessions`, each session's part in the order given; charts run oldest first.
    public static func page(_ sessions: [Session]) -> String {
        let groups = SubjectGroup.groups(sessions)
        let subjects = groups.map { Markup.oneLine($0.subject) }
        let chronological = sessions.sorted(by: SubjectGroup.olderFirst)
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
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" class="defs" width="0" height="0">
            \(SVGPalette.patternDefs)</svg>
            <header>
            <h1>Skin-rolling record</h1>
            <p class="lead">\(Markup.xml(subjects.joined(separator: ", "))) · \(count) · \(span)</p>
            \(scale)
            </header>

            """
        let several = groups.count > 1
        if several {
            out += "<section class=\"overview\">\n<h2>Sessions of \(groups.count) people</h2>\n"
            out += "<p class=\"hint\">Each person's sessions follow with their own chart, heat map and maps; backs are never pooled.</p>\n"
            out += summaryTable(chronological, withSubject: true)
            out += "</section>\n"
        }
        for group in groups {
            let ordered = group.chronological
            let who = several ? " · \(Markup.xml(Markup.oneLine(group.subject)))" : ""
            if ordered.count >= 2 {
                out += "<section class=\"overtime\">\n<h2>Over time\(who)</h2>\n"
                out += "<div class=\"figure chart\">\n" + SVGChart.element(ordered) + "</div>\n"
                if !several { out += summaryTable(ordered, withSubject: false) }
                let trends = Trends(ordered.map(SessionSummary.init), filter: TrendFilter(last: ordered.count))
                out += "<div class=\"figure heat\">\n" + SVGHeatMap.element(trends) + "</div>\n"
                out += "<p class=\"hint\">\(Markup.xml(Trends.method))</p>\n</section>\n"
                out += comparison(group)
            }
            for session in group.sessions {
                out += section(session, showSubject: several)
            }
        }
        out += """
            <footer>
            <p>Made with backmap. It records what the helper felt while rolling the skin, on a scale of
            \(Tightness.scale); it makes no claim about causes. Zones are named by the vertebra beside them, from T1 at the shoulders
            to S1 just above the buttocks, and drawn as seen from behind with the person lying face down.</p>
            </footer>
            </body>
            </html>

            """
        return out
    }

    /// The four levels and "not rolled", in one line under the title.
    private static var scale: String {
        var items = ""
        for level in Tightness.allCases {
            items += "<li><span class=\"swatch \(SVGPalette.className(level))\">\(level.rawValue)</span> \(level.title): \(level.meaning)</li>\n"
        }
        items += "<li><span class=\"swatch zu\">&#160;</span> not rolled: not examined; never counted as 0</li>\n"
        return "<ul class=\"legend\">\n\(items)</ul>"
    }

    /// Two sessions side by side; of more, the first against the last, with the change of each zone.
    private static func comparison(_ group: SubjectGroup) -> String {
        let (a, b): (Session, Session)
        let title: String
        let hint: String
        if group.sessions.count == 2 {
            (a, b) = (group.sessions[0], group.sessions[1])
            title = "Side by side"
            hint = "A is the first session named, B the second; the column between them shows how each zone changed from A to B."
        } else {
            let ordered = group.chronological
            (a, b) = (ordered[0], ordered[ordered.count - 1])
            title = "First and last"
            hint = "A is the first session of this report, B the last; the column between them shows how each zone changed from A to B."
        }
        var out = "<section class=\"figure compare\">\n<h2>\(title)</h2>\n<p class=\"hint\">\(hint)</p>\n"
        out += SVGExport.compareElement(a, b, standalone: false)
        out += "</section>\n"
        return out
    }

    private static func summaryTable(_ chronological: [Session], withSubject: Bool) -> String {
        let subjectHead = withSubject ? "<th>subject</th>" : ""
        var out = "<div class=\"scroll\">\n<table class=\"sessions\">\n<thead><tr><th>date</th>\(subjectHead)<th>technique</th><th>zones rolled</th><th>mean (0–3)</th><th>score</th><th>tight zones</th><th>pain before → after</th></tr></thead>\n<tbody>\n"
        for session in chronological {
            let map = session.map
            let subject = withSubject ? "<td class=\"text\">\(Markup.xml(Markup.oneLine(session.subject)))</td>" : ""
            out += "<tr><td>\(session.startedAt.day) \(session.startedAt.clock)</td>\(subject)<td>\(session.technique.title)</td><td>\(coverage(map))</td><td>\(BackMap.formatMean(map.meanTightness))</td><td>\(map.ratedCount == 0 ? "–" : String(map.score))</td><td>\(map.tightCount)</td><td>\(pain(session))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n"
        return out
    }

    /// "24 of 36 (partial)".
    private static func coverage(_ map: BackMap) -> String {
        "\(map.ratedCount) of \(Zone.all.count)\(map.isPartial && map.ratedCount > 0 ? " (partial)" : "")"
    }

    private static func section(_ session: Session, showSubject: Bool) -> String {
        let map = session.map
        var out = "<section class=\"session\" id=\"s-\(Markup.xml(session.id.rawValue))\">\n"
        let who = showSubject ? " · \(Markup.xml(Markup.oneLine(session.subject)))" : ""
        out += "<h2>Session of \(session.startedAt.day) \(session.startedAt.clock)\(who)</h2>\n<div class=\"sheet\">\n<div class=\"facts\">\n"
        var details: [(String, String)] = [
            ("subject", Markup.xml(Markup.oneLine(session.subject))),
            ("technique", session.technique.title),
            ("passes", String(max(1, session.passes.count))),
            ("zones rolled", coverage(map)),
            ("mean tightness (0–3)", BackMap.formatMean(map.meanTightness)),
            ("score", map.ratedCount == 0 ? "–" : String(map.score)),
            ("tight zones (2 or more)", tightList(map)),
            ("pain before → after (0–10)", pain(session)),
        ]
        // The release within the session (first pass against last), when it had two passes or more.
        if let release = session.release {
            details.append(("release within the session", Markup.xml(release.summaryLine)))
        }
        if !session.tags.isEmpty {
            details.append(("tags", session.tags.map { Markup.xml(Markup.oneLine($0)) }.joined(separator: ", ")))
        }
        details.append(("session id", Markup.xml(session.id.rawValue)))
        out += "<table class=\"details\">\n<tbody>\n"
        for (name, value) in details {
            // An id is never broken across lines: it is what one searches for.
            out += "<tr><th scope=\"row\">\(name)</th><td\(name == "session id" ? " class=\"id\"" : "")>\(value)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if let note = session.note, !note.isEmpty {
            out += "<div class=\"note\"><h3>Note</h3><p>\(paragraph(note))</p></div>\n"
        }
        let notes = ZoneNote.all(in: session)
        if !notes.isEmpty {
            out += "<div class=\"note\"><h3>Notes on zones</h3>\n<ul>\n"
            for note in notes {
                out += "<li><strong>\(note.heading):</strong> \(paragraph(note.text))</li>\n"
            }
            out += "</ul>\n</div>\n"
        }
        out += "</div>\n<div class=\"back\">\n" + SVGExport.backElement(session) + "</div>\n</div>\n</section>\n"
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

    /// The figures' rules, written once for the whole page and limited to SVG.
    private static var figureCSS: String {
        SVGPalette.styleRules.map { "svg " + $0 }.joined(separator: "\n")
    }

    private static var css: String {
        """

        body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222222; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.4; overflow-wrap: anywhere; }
        h1 { font-size: 1.6em; margin-bottom: 0.1em; }
        h2 { font-size: 1.25em; border-bottom: 1px solid #cccccc; padding-bottom: 0.2em; margin-top: 2em; }
        h3 { font-size: 1em; margin: 1em 0 0.3em; }
        .lead { color: #555555; margin-top: 0; }
        .hint { color: #555555; font-size: 0.9em; }
        ul.legend { list-style: none; padding: 0; margin: 0.5em 0; display: flex; flex-wrap: wrap; gap: 0.2em 1.2em; font-size: 0.85em; color: #444444; }
        table { border-collapse: collapse; margin: 0.8em 0; }
        th, td { text-align: left; padding: 0.25em 0.8em 0.25em 0; vertical-align: top; }
        .scroll { overflow-x: auto; max-width: 100%; }
        table.sessions th, table.sessions td { border-bottom: 1px solid #e2e2e2; white-space: nowrap; }
        table.sessions td.text { white-space: normal; min-width: 6em; }
        table.details th { font-weight: normal; color: #555555; }
        .swatch { display: inline-block; width: 2em; text-align: center; border-radius: 3px; font-weight: bold; border: 1px solid #888888; }
        .z0 { background: #e3f2d9; } .z1 { background: #fbd568; } .z2 { background: #f0883e; }
        .z3 { background: #b3202a; color: #ffffff; }
        .zu { background: repeating-linear-gradient(45deg, #ffffff, #ffffff 3px, #cccccc 3px, #cccccc 5px); }
        .note { background: #f7f5f2; border-left: 3px solid #bbbbbb; padding: 0.3em 0.8em; margin: 0.8em 0; }
        .note p { margin: 0.2em 0; }
        .note ul { margin: 0.2em 0; padding-left: 1.2em; }
        .sheet { display: flex; flex-wrap: wrap; gap: 0 1.5em; align-items: flex-start; }
        .facts { flex: 1 1 20em; min-width: 0; }
        .back { flex: 0 1 26em; min-width: 0; }
        svg { max-width: 100%; height: auto; display: block; margin: 0.8em 0; }
        svg.defs { position: absolute; width: 0; height: 0; margin: 0; }
        footer { margin-top: 3em; font-size: 0.85em; color: #555555; border-top: 1px solid #cccccc; }
        \(figureCSS)
        @page { margin: 12mm; }
        @media print {
          body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.3; }
          h1 { font-size: 1.4em; margin-top: 0; }
          h2 { margin-top: 0; }
          section { break-inside: avoid; page-break-inside: avoid; break-before: page; page-break-before: always; }
          header + section { break-before: auto; page-break-before: auto; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          .scroll { overflow: visible; }
          table.sessions { font-size: 0.9em; }
          .chart svg { width: 100%; max-height: 62mm; }
          .heat svg { width: 112mm; }
          .compare svg { max-height: 200mm; width: auto; }
          .back { flex: 0 0 80mm; }
          .back svg { width: 80mm; margin: 0; }
          .sheet { flex-wrap: nowrap; }
          table.details th, td.id { white-space: nowrap; }
          .note { padding: 0.2em 0.6em; margin: 0.5em 0; }
          footer { margin-top: 1em; }
        }

        """
    }
}
