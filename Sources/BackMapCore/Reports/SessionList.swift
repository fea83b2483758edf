import Foundation

/// The `list` report: one line per session, newest first.
public enum SessionList {
    /// Sessions newest first, optionally of one subject.
    public static func rows(_ summaries: [SessionSummary], subject: String? = nil) -> [SessionSummary] {
        summaries
            .filter { subject == nil || $0.subject == subject }
            .sorted(by: SessionSummary.chronological)
            .reversed()
    }

    /// A plain-text table; untrusted fields are sanitised (or made 7-bit with `ascii`).
    public static func text(_ rows: [SessionSummary], ascii: Bool) -> String {
        func clean(_ text: String) -> String { ascii ? TerminalText.ascii(text) : TerminalText.sanitized(text) }
        let arrow = ascii ? "->" : "→"
        var table: [[String]] = [["ID", "DATE", "SUBJECT", "TECHNIQUE", "ZONES", "SCORE", "PAIN"]]
        for row in rows {
            table.append([
                row.id.rawValue,
                "\(row.startedAt.day) \(row.startedAt.clock)",
                TerminalText.truncated(clean(row.subject), toWidth: 16, ellipsis: ascii ? "..." : "…"),
                row.technique.title,
                "\(row.zonesRated)/\(Zone.all.count)",
                String(row.score),
                pain(row, arrow: arrow),
            ])
        }
        let widths = (0..<table[0].count).map { column in table.map { TerminalText.width(of: $0[column]) }.max() ?? 0 }
        return table.map { cells in
            cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : TerminalText.padded(cell, toWidth: widths[column])
            }.joined(separator: "  ").droppingTrailingSpaces
        }.joined(separator: "\n") + "\n"
    }

    /// "6→3", "6→-", or "-".
    public static func pain(_ row: SessionSummary, arrow: String) -> String {
        if row.painBefore == nil, row.painAfter == nil { return "-" }
        return "\(row.painBefore.map(String.init) ?? "-")\(arrow)\(row.painAfter.map(String.init) ?? "-")"
    }

    /// The same rows as JSON, for scripts.
    public static func json(_ rows: [SessionSummary]) throws -> Data {
        struct Row: Encodable {
            var id: String
            var startedAt: String
            var subject: String
            var technique: String
            var tags: [String]
            var zonesRated: Int
            var score: Int
            var tightZones: Int
            var painBefore: Int?
            var painAfter: Int?
            var marks: Int
            var passes: Int
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(rows.map {
            Row(id: $0.id.rawValue, startedAt: $0.startedAt.description, subject: $0.subject, technique: $0.technique.rawValue,
                tags: $0.tags, zonesRated: $0.zonesRated, score: $0.score, tightZones: $0.map.tightCount,
                painBefore: $0.painBefore, painAfter: $0.painAfter, marks: $0.markCount, passes: $0.passCount)
        }) + Data("\n".utf8)
    }
}

extension String {
    /// Without the spaces at the end; Foundation's `trimmingCharacters` goes through
    /// NSString and cost more than the rest of `list` put together.
    var droppingTrailingSpaces: String {
        var text = self
        while text.utf8.last == UInt8(ascii: " ") { text.removeLast() }
        return text
    }
}
