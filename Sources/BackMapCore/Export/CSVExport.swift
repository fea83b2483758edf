/// `export --format csv`: one row per zone per session, for any spreadsheet.
///
/// RFC 4180: comma-separated, CRLF line ends, a header row, and a field in
/// double quotes (inner quotes doubled) when it holds a comma, a quote or a
/// line break, and also a semicolon, which spreadsheets in many locales take
/// as the separator. Columns: id, date (ISO 8601 with the session's own UTC
/// offset, "2026-11-24T19:02:11+01:00": sessions come from several time zones,
/// and a wall time without its offset cannot be put in order), subject, side,
/// segment, tightness (0–3, empty for a zone not rolled, so that no spreadsheet
/// averages it as 0). The subject is one line (a tab or line break is a space)
/// with its other control characters replaced, as everywhere backmap shows it.
/// UTF-8 without a byte order mark unless asked: Excel wants one to read UTF-8,
/// most other tools show it as a stray character.
public enum CSVExport {
    public static let header = ["id", "date", "subject", "side", "segment", "tightness"]

    /// The byte order mark Excel looks for to read the file as UTF-8.
    public static let byteOrderMark = "\u{FEFF}"

    public static func table(_ sessions: [Session], byteOrderMark: Bool = false) -> String {
        var out = (byteOrderMark ? Self.byteOrderMark : "") + row(header)
        for session in sessions {
            let map = session.map
            let date = session.startedAt.description
            let subject = TerminalText.sanitized(Markup.oneLine(session.subject))
            for zone in Zone.all {
                out += row([
                    session.id.rawValue, date, subject, zone.side.rawValue, zone.segment.rawValue,
                    map[zone].map { String($0.rawValue) } ?? "",
                ])
            }
        }
        return out
    }

    static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field, guarded and quoted.
    public static func field(_ raw: String) -> String {
        // Formula injection: a spreadsheet runs a cell that starts with = + - @ (or a
        // tab or carriage return before one) as a formula, and a subject name comes
        // from a file anyone could have written. A leading apostrophe makes the
        // spreadsheet show the text as text; it is the OWASP-recommended guard.
        var text = raw
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        let needsQuotes = text.contains { $0 == "," || $0 == ";" || $0 == "\"" || $0.isNewline }
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
