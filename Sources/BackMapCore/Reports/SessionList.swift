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
    /// - Parameter asciiText: user text made 7-bit too (a locale without UTF-8); by default as `ascii`.
    public static func text(_ rows: [SessionSummary], ascii: Bool, asciiText: Bool? = nil) -> String {
        let asciiText = asciiText ?? ascii
        func clean(_ text: String) -> String { asciiText ? TerminalText.ascii(text) : TerminalText.sanitized(text) }
        let arrow = ascii ? "->" : "→"
        // One flat array of cells and one output string: ten years of sessions are
        // tens of thousands of cells, and nested arrays and joins cost more than the scan.
        var cells = ["ID", "DATE", "SUBJECT", "TECHNIQUE", "ZONES", "SCORE", "PAIN"]
        let columns = cells.count
        cells.reserveCapacity((rows.count + 1) * columns)
        for row in rows {
            cells.append(row.id.rawValue)
            cells.append("\(row.startedAt.day) \(row.startedAt.clock)")
            cells.append(TerminalText.truncated(clean(row.subject), toWidth: 16, ellipsis: ascii ? "..." : "…"))
            cells.append(row.technique.title)
            cells.append("\(row.zonesRated)/\(Zone.all.count)")
            cells.append(String(row.score))
            cells.append(pain(row, arrow: arrow))
        }
        var widths = [Int](repeating: 0, count: columns)
        for (index, cell) in cells.enumerated() {
            widths[index % columns] = max(widths[index % columns], TerminalText.width(of: cell))
        }
        var output = ""
        output.reserveCapacity(cells.count * 12)
        for start in stride(from: 0, to: cells.count, by: columns) {
            var line = ""
            for column in 0..<columns {
                if column > 0 { line += "  " }
                let cell = cells[start + column]
                line += column == columns - 1 ? cell : TerminalText.padded(cell, toWidth: widths[column])
            }
            output += line.droppingTrailingSpaces
            output += "\n"
        }
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
