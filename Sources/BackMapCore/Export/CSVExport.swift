/// `export --format csv`: one row per zone per session, for any spreadsheet.
///
/// RFC 4180: comma-separated, CRLF line ends, a header row, and a field in
/// double quotes (inner quotes doubled) when it holds a comma, a quote or a
/// line break. Columns: id, date (local wall time "YYYY-MM-DD HH:MM", which
/// spreadsheets read as a date), subject, side, segment, tightness (0–3, empty
/// for a zone not rolled, so that no spreadsheet averages it as 0). The subject
/// has its control characters replaced, as everywhere backmap shows it.
public enum CSVExport {
    public static let header = ["id", "date", "subject", "side", "segment", "tightness"]

    public static func table(_ sessions: [Session]) -> String {
        var out = row(header)
        for session in sessions {
            let map = session.map
            let date = "\(session.startedAt.day) \(session.startedAt.clock)"
            for zone in Zone.all {
                out += row([
                    session.id.rawValue, date, TerminalText.sanitized(session.subject), zone.side.rawValue, zone.segment.rawValue,
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
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0.isNewline }
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
