/// `export --format md`: a short report, one table per session (a row per
/// segment, the left and right strips as columns), for notes and wikis.
public enum MarkdownExport {
    public static func report(_ sessions: [Session]) -> String {
        var out = "# Skin-rolling record\n\n"
        out += "Tightness felt: \(Tightness.scale); – not rolled. Segments run from T1 at the shoulders to S1 just above the buttocks; left and right are the person's.\n"
        for session in sessions {
            out += "\n" + section(session)
        }
        return out
    }

    private static func section(_ session: Session) -> String {
        let map = session.map
        var out = "## \(session.startedAt.day) \(session.startedAt.clock) · \(Markup.markdown(session.subject)) · \(session.technique.title)\n\n"
        var facts = [
            "id \(Markup.markdown(session.id.rawValue))",
            "rolled \(map.ratedCount) of \(Zone.all.count) zones",
            "score \(map.ratedCount == 0 ? "–" : String(map.score))",
            "tight \(map.tightCount)",
        ]
        if session.painBefore != nil || session.painAfter != nil {
            facts.append("pain \(session.painBefore.map(String.init) ?? "–") → \(session.painAfter.map(String.init) ?? "–")")
        }
        if let release = session.release {
            facts.append("release \(release.summaryLine)")
        }
        if !session.tags.isEmpty {
            facts.append("tags: " + session.tags.map(Markup.markdown).joined(separator: ", "))
        }
        out += facts.joined(separator: " · ") + "\n\n"
        if let note = session.note, !note.isEmpty {
            // One quoted line per line of the note, joined by hard breaks (a backslash
            // at the end of a line), each kept from opening a list, a rule or code.
            out += Markup.lines(note).map { "> " + Markup.markdownLine($0) }.joined(separator: "\\\n") + "\n\n"
        }
        out += "| segment | left | right |\n| --- | :---: | :---: |\n"
        for segment in Segment.allCases {
            out += "| \(segment.name) | \(cell(map[.left, segment])) | \(cell(map[.right, segment])) |\n"
        }
        let notes = ZoneNote.all(in: session)
        if !notes.isEmpty {
            out += "\nNotes on zones:\n\n"
            for note in notes {
                out += "- \(note.heading): \(Markup.markdown(note.text))\n"
            }
        }
        return out
    }

    private static func cell(_ value: Tightness?) -> String {
        value.map { "\($0.rawValue) \($0.title)" } ?? "–"
    }
}
