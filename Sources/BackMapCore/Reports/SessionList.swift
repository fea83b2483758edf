import Foundation

/// The `list` report: one line per session, newest first.
public enum SessionList {
    /// Sessions newest first, optionally of one subject.
    public static func rows(_ summaries: [SessionSummary], subject: String? = nil) -> [SessionSummary] {
        let chosen = subject.map { subject in summaries.filter { $0.subject == subject } } ?? summaries
        // A scan gives them oldest first already; sorting again would only cost a copy.
        if zip(chosen, chosen.dropFirst()).allSatisfy({ !SessionSummary.chronological($1, $0) }) {
            return chosen.reversed()
        }
        return chosen.sorted(by: SessionSummary.chronological).reversed()
    }

    /// A plain-text table; untrusted fields are sanitised (or made 7-bit with `ascii`).
    public static func text(_ rows: [SessionSummary], ascii: Bool) -> String {
        func clean(_ text: String) -> String { ascii ? TerminalText.ascii(text) : TerminalText.sanitized(text) }
        let arrow = ascii ? "->" : "→"
        let headings = ["ID", "DATE", "SUBJECT", "TECHNIQUE", "ZONES", "SCORE", "PAIN"]
        // The cells of one row, made twice (once for the widths, once to write): ten years
        // of sessions are tens of thousands of rows, and keeping every cell cost more memory
        // than the summaries themselves.
        func cells(_ row: SessionSummary, _ body: (Int, String) -> Void) {
            body(0, row.id.rawValue)
            body(1, "\(row.startedAt.day) \(row.startedAt.clock)")
            body(2, TerminalText.truncated(clean(row.subject), toWidth: 16, ellipsis: ascii ? "..." : "…"))
            body(3, row.technique.title)
            body(4, "\(row.zonesRated)/\(Zone.all.count)")
            body(5, String(row.score))
            body(6, pain(row, arrow: arrow))
        }
        var widths = headings.map { TerminalText.width(of: $0) }
        for row in rows {
            cells(row) { column, cell in widths[column] = max(widths[column], TerminalText.width(of: cell)) }
        }
        var output = ""
        output.reserveCapacity((rows.count + 1) * (widths.reduce(0, +) + 2 * headings.count))
        var line = ""
        func add(_ column: Int, _ cell: String) {
            if column > 0 { line += "  " }
            line += column == headings.count - 1 ? cell : TerminalText.padded(cell, toWidth: widths[column])
            if column == headings.count - 1 {
                output += line.droppingTrailingSpaces
                output += "\n"
                line.removeAll(keepingCapacity: true)
            }
        }
        for (column, heading) in headings.enumerated() { add(column, heading) }
        for row in rows { cells(row, add) }
        return output
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
        // Subjects and tags come from files: no raw control or bidi character reaches a terminal.
        return TerminalText.terminalSafeJSON(try encoder.encode(rows.map {
            Row(id: $0.id.rawValue, startedAt: $0.startedAt.description, subject: $0.subject, technique: $0.technique.rawValue,
                tags: $0.tags, zonesRated: $0.zonesRated, score: $0.score, tightZones: $0.map.tightCount,
                painBefore: $0.painBefore, painAfter: $0.painAfter, marks: $0.markCount, passes: $0.passCount)
        }) + Data("\n".utf8))
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
