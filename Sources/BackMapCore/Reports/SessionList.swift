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
    ///
    /// Written as bytes, row by row: ten years of sessions are tens of thousands of rows,
    /// and building a string per cell cost more than the scan. Only the subject, the one
    /// untrusted text, goes through `TerminalText`, once per distinct subject.
    public static func text(_ rows: [SessionSummary], ascii: Bool) -> String {
        let arrow = Array((ascii ? "->" : "→").utf8)
        let headings = ["ID", "DATE", "SUBJECT", "TECHNIQUE", "ZONES", "SCORE", "PAIN"]
        // Each distinct subject cleaned and cut to 16 columns once, with its width.
        var subjects: [String: (bytes: [UInt8], width: Int)] = [:]
        func subject(_ text: String) -> (bytes: [UInt8], width: Int) {
            if let known = subjects[text] { return known }
            let clean = ascii ? TerminalText.ascii(text) : TerminalText.sanitized(text)
            let cut = TerminalText.truncated(clean, toWidth: 16, ellipsis: ascii ? "..." : "…")
            let made = (Array(cut.utf8), TerminalText.width(of: cut))
            subjects[text] = made
            return made
        }
        var widths = headings.map(\.utf8.count)
        for row in rows {
            widths[1] = max(widths[1], 12 + max(4, digits(row.startedAt.fields.year)))
            widths[0] = max(widths[0], row.id.rawValue.utf8.count)
            widths[2] = max(widths[2], subject(row.subject).width)
            widths[3] = max(widths[3], row.technique.title.utf8.count)
            widths[4] = max(widths[4], digits(row.zonesRated) + 1 + digits(Zone.all.count))
            widths[5] = max(widths[5], digits(row.score))
            widths[6] = max(widths[6], painWidth(row, arrowWidth: ascii ? 2 : 1))
        }
        var out: [UInt8] = []
        out.reserveCapacity((rows.count + 1) * (widths.reduce(0, +) + 2 * headings.count + 4))
        func cell(_ bytes: some Collection<UInt8>, width: Int, column: Int) {
            if column > 0 { out.append(0x20); out.append(0x20) }
            out.append(contentsOf: bytes)
            if column < headings.count - 1 {
                for _ in 0..<max(0, widths[column] - width) { out.append(0x20) }
            }
        }
        for (column, heading) in headings.enumerated() { cell(heading.utf8, width: heading.utf8.count, column: column) }
        out.append(0x0A)
        var scratch: [UInt8] = []
        for row in rows {
            cell(row.id.rawValue.utf8, width: row.id.rawValue.utf8.count, column: 0)
            scratch.removeAll(keepingCapacity: true)
            let f = row.startedAt.fields
            append(f.year, width: 4, to: &scratch); scratch.append(UInt8(ascii: "-"))
            append(f.month, width: 2, to: &scratch); scratch.append(UInt8(ascii: "-"))
            append(f.day, width: 2, to: &scratch); scratch.append(0x20)
            append(f.hour, width: 2, to: &scratch); scratch.append(UInt8(ascii: ":"))
            append(f.minute, width: 2, to: &scratch)
            cell(scratch, width: scratch.count, column: 1)
            let name = subject(row.subject)
            cell(name.bytes, width: name.width, column: 2)
            cell(row.technique.title.utf8, width: row.technique.title.utf8.count, column: 3)
            scratch.removeAll(keepingCapacity: true)
            append(row.zonesRated, width: 1, to: &scratch); scratch.append(UInt8(ascii: "/"))
            append(Zone.all.count, width: 1, to: &scratch)
            cell(scratch, width: scratch.count, column: 4)
            scratch.removeAll(keepingCapacity: true)
            append(row.score, width: 1, to: &scratch)
            cell(scratch, width: scratch.count, column: 5)
            scratch.removeAll(keepingCapacity: true)
            if row.painBefore == nil, row.painAfter == nil {
                scratch.append(UInt8(ascii: "-"))
            } else {
                if let pain = row.painBefore { append(pain, width: 1, to: &scratch) } else { scratch.append(UInt8(ascii: "-")) }
                scratch.append(contentsOf: arrow)
                if let pain = row.painAfter { append(pain, width: 1, to: &scratch) } else { scratch.append(UInt8(ascii: "-")) }
            }
            cell(scratch, width: 0, column: 6)
            while out.last == 0x20 { out.removeLast() }
            out.append(0x0A)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// How many digits `value` (0 or more) is written with.
    private static func digits(_ value: Int) -> Int {
        var count = 1
        var rest = abs(value)
        while rest >= 10 { rest /= 10; count += 1 }
        return value < 0 ? count + 1 : count
    }

    /// The decimal digits of `value`, zero-padded to `width`.
    private static func append(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = abs(value)
        var divisor = 1
        var count = 1
        while divisor <= magnitude / 10 { divisor *= 10; count += 1 }
        for _ in count..<max(count, width) { bytes.append(UInt8(ascii: "0")) }
        var rest = magnitude
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    private static func painWidth(_ row: SessionSummary, arrowWidth: Int) -> Int {
        if row.painBefore == nil, row.painAfter == nil { return 1 }
        return (row.painBefore.map(digits) ?? 1) + arrowWidth + (row.painAfter.map(digits) ?? 1)
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
