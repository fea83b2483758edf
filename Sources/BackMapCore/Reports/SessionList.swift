import Foundation

/// The `list` report: one line per session, newest first.
public enum SessionList {
    /// Sessions newest first, optionally of one subject.
    public static func rows(_ summaries: [SessionSummary], subject: String? = nil) -> [SessionSummary] {
        let chosen = subject.map { subject in summaries.filter { Subject.matches($0.subject, subject) } } ?? summaries
        // A scan gives them oldest first already; sorting again would only cost a copy.
        if zip(chosen, chosen.dropFirst()).allSatisfy({ !SessionSummary.chronological($1, $0) }) {
            return chosen.reversed()
        }
        return chosen.sorted(by: SessionSummary.chronological).reversed()
    }

    /// A plain-text table; untrusted fields are sanitised (or made 7-bit with `ascii`).
    /// With `width`, the least needed columns are left out until the table fits
    /// (technique, then pain, then the subject is cut), so an 80-column terminal
    /// never wraps a row.
    /// - Parameter asciiText: user text made 7-bit too (a locale without UTF-8); by default as `ascii`.
    public static func text(_ rows: [SessionSummary], ascii: Bool, asciiText: Bool? = nil, width: Int? = nil) -> String {
        let asciiText = asciiText ?? ascii
        func clean(_ text: String) -> String { asciiText ? TerminalText.ascii(text) : TerminalText.sanitized(text) }
        let ellipsis = ascii ? "..." : "…"
        var columns = printedColumns
        let subjects = rows.map { TerminalText.truncated(clean($0.subject), toWidth: 16, ellipsis: ellipsis) }
        var subjectWidth = max(7, subjects.lazy.map(TerminalText.width(of:)).max() ?? 0)
        if let width {
            let natural = { (columns: [SessionListColumn]) in
                columns.reduce(0) { $0 + ($1 == .subject ? subjectWidth : printedWidth($1, ascii: ascii)) } + 2 * (columns.count - 1)
            }
            for drop in [SessionListColumn.technique, .pain] where natural(columns) > width {
                columns.removeAll { $0 == drop }
            }
            if natural(columns) > width { subjectWidth = max(7, subjectWidth - (natural(columns) - width)) }
        }
        // One flat array of cells and one output string: ten years of sessions are
        // tens of thousands of cells, and nested arrays and joins cost more than the scan.
        var cells = columns.map(\.heading)
        cells.reserveCapacity((rows.count + 1) * columns.count)
        for (index, row) in rows.enumerated() {
            for column in columns {
                cells.append(column == .subject
                    ? TerminalText.truncated(subjects[index], toWidth: subjectWidth, ellipsis: ellipsis)
                    : column.text(row, ascii: ascii))
            }
        }
        var widths = [Int](repeating: 0, count: columns.count)
        for (index, cell) in cells.enumerated() {
            widths[index % columns.count] = max(widths[index % columns.count], TerminalText.width(of: cell))
        }
        var output = ""
        output.reserveCapacity(cells.count * 12)
        for start in stride(from: 0, to: cells.count, by: columns.count) {
            var line = ""
            for (index, column) in columns.enumerated() {
                if index > 0 { line += "  " }
                let cell = cells[start + index]
                // Pain, the last printed column, stays left as `list` has always printed it.
                if column.alignsRight, column != .pain {
                    line += String(repeating: " ", count: max(0, widths[index] - TerminalText.width(of: cell))) + cell
                } else {
                    line += index == columns.count - 1 ? cell : TerminalText.padded(cell, toWidth: widths[index])
                }
            }
            output += line.droppingTrailingSpaces
            output += "\n"
        }
        return output
    }

    /// The columns of the printed table, in order.
    static let printedColumns: [SessionListColumn] = [.id, .date, .subject, .technique, .zones, .score, .mean, .pain]

    /// The widest a printed cell gets (the subject is measured instead).
    static func printedWidth(_ column: SessionListColumn, ascii: Bool) -> Int {
        switch column {
        case .id: 20
        case .date: 16
        case .subject: 16
        case .technique: 12
        case .zones: 5
        case .score: 5
        case .mean: 4
        case .pain: ascii ? 7 : 5
        case .tags: 0
        }
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
            /// Null when nothing was rolled: no score, not a score of 0.
            var score: Int?
            var meanTightness: Double?
            var partial: Bool
            var tightZones: Int
            var painBefore: Int?
            var painAfter: Int?
            var marks: Int
            var passes: Int

            enum CodingKeys: String, CodingKey {
                case id, startedAt, subject, technique, tags, zonesRated, score, meanTightness, partial
                case tightZones, painBefore, painAfter, marks, passes
            }

            // Absent figures are written as null, never left out, so a script can tell them apart.
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(id, forKey: .id)
                try c.encode(startedAt, forKey: .startedAt)
                try c.encode(subject, forKey: .subject)
                try c.encode(technique, forKey: .technique)
                try c.encode(tags, forKey: .tags)
                try c.encode(zonesRated, forKey: .zonesRated)
                try c.encode(score, forKey: .score)
                try c.encode(meanTightness, forKey: .meanTightness)
                try c.encode(partial, forKey: .partial)
                try c.encode(tightZones, forKey: .tightZones)
                try c.encodeIfPresent(painBefore, forKey: .painBefore)
                try c.encodeIfPresent(painAfter, forKey: .painAfter)
                try c.encode(marks, forKey: .marks)
                try c.encode(passes, forKey: .passes)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Subjects and tags come from files: no raw control or bidi character reaches a terminal.
        return TerminalText.terminalSafeJSON(try encoder.encode(rows.map {
            Row(id: $0.id.rawValue, startedAt: $0.startedAt.description, subject: $0.subject, technique: $0.technique.rawValue,
                tags: $0.tags, zonesRated: $0.zonesRated, score: $0.zonesRated == 0 ? nil : $0.score,
                meanTightness: BackMap.roundedMean($0.map.meanTightness), partial: $0.map.isPartial, tightZones: $0.map.tightCount,
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

/// A column of the session table, printed by `list` or drawn by the list screen:
/// its heading and what a row shows in it. Each picks its columns and lays them out.
public enum SessionListColumn: CaseIterable, Sendable {
    case id, date, subject, technique, zones, score, mean, pain, tags

    public var heading: String {
        switch self {
        case .id: "ID"
        case .date: "DATE"
        case .subject: "SUBJECT"
        case .technique: "TECHNIQUE"
        case .zones: "ZONES"
        case .score: "SCORE"
        case .mean: "MEAN"
        case .pain: "PAIN"
        case .tags: "TAGS"
        }
    }

    /// The figures, set right.
    public var alignsRight: Bool { self == .zones || self == .score || self == .mean || self == .pain }

    /// The cell of `row`, user text as stored (the caller makes it safe to show).
    public func text(_ row: SessionSummary, ascii: Bool) -> String {
        let dash = ascii ? "-" : "–"
        return switch self {
        case .id: row.id.rawValue
        case .date: "\(row.startedAt.day) \(row.startedAt.clock)"
        case .subject: row.subject
        case .technique: row.technique.title
        case .zones: "\(row.zonesRated)/\(Zone.all.count)"
        // Nothing rolled has no score and no mean: a dash, never 0.
        case .score: row.zonesRated == 0 ? dash : String(row.score)
        case .mean: BackMap.formatMean(row.map.meanTightness, dash: dash)
        case .pain: SessionList.pain(row, arrow: ascii ? "->" : "→")
        case .tags: row.tags.joined(separator: ", ")
        }
    }
}
