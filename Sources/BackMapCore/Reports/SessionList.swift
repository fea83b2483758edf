import Foundation

/// The `list` report: one line per session, newest first.
public enum SessionList {
    /// Sessions newest first, optionally of one subject.
    ///
    /// Works in place: handed the only reference to a scan's summaries (`consume`), it
    /// filters and turns them round without a second copy of a store's sessions.
    public static func rows(_ summaries: consuming [SessionSummary], subject: String? = nil) -> [SessionSummary] {
        var chosen = oldestFirst(summaries, subject: subject)
        chosen.reverse()
        return chosen
    }

    /// The same sessions oldest first, as a scan gives them: what `writeTable(oldestFirst:)`
    /// prints newest first without turning a store's sessions round.
    public static func oldestFirst(_ summaries: consuming [SessionSummary], subject: String? = nil) -> [SessionSummary] {
        var chosen = summaries
        if let subject { chosen.removeAll { !Subject.matches($0.subject, subject) } }
        // A scan gives them oldest first already.
        if !SessionStore.isChronological(chosen) { chosen.sort(by: SessionSummary.chronological) }
        return chosen
    }

    /// A plain-text table; untrusted fields are sanitised (or made 7-bit with `ascii`).
    /// With `width`, the least needed columns are left out until the table fits
    /// (technique, then pain, then the subject is cut), so an 80-column terminal
    /// never wraps a row.
    /// - Parameter asciiText: user text made 7-bit too (a locale without UTF-8); by default as `ascii`.
    public static func text(_ rows: [SessionSummary], ascii: Bool, asciiText: Bool? = nil, width: Int? = nil) -> String {
        String(decoding: table(rows, ascii: ascii, asciiText: asciiText, width: width), as: UTF8.self)
    }

    /// The same table as UTF-8 bytes, as `list` writes them (a string of a store's rows
    /// would only be checked and copied once more on the way out).
    public static func table(_ rows: [SessionSummary], ascii: Bool, asciiText: Bool? = nil, width: Int? = nil) -> [UInt8] {
        var output: [UInt8] = []
        table(rows, reading: { $0 }, ascii: ascii, asciiText: asciiText, width: width) { output.append(contentsOf: $0) }
        return output
    }

    /// The table of sessions given oldest first (`oldestFirst(_:subject:)`), printed newest
    /// first, handed to `write` a block of lines at a time (the table of ten years of
    /// sessions is megabytes: not worth gathering into one more buffer before it is written).
    public static func writeTable(oldestFirst rows: [SessionSummary], ascii: Bool, asciiText: Bool? = nil, width: Int? = nil,
                                  to write: (UnsafeBufferPointer<UInt8>) -> Void) {
        table(rows, reading: { rows.count - 1 - $0 }, ascii: ascii, asciiText: asciiText, width: width, write: write)
    }

    /// `place(i)` is where the table's row `i` is in `rows`.
    private static func table(_ rows: [SessionSummary], reading place: (Int) -> Int, ascii: Bool, asciiText: Bool?, width: Int?,
                              write: (UnsafeBufferPointer<UInt8>) -> Void) {
        let asciiText = asciiText ?? ascii
        func clean(_ text: String) -> String { asciiText ? TerminalText.ascii(text) : TerminalText.sanitized(text) }
        let ellipsis = ascii ? "..." : "…"
        var columns = printedColumns
        // The subject is the one untrusted text: cleaned and cut once per distinct subject
        // (a store has a handful), not once per session.
        var cleaned: [String: String] = [:]
        for index in rows.indices where index == 0 || rows[index].subject != rows[index - 1].subject {
            let subject = rows[index].subject
            if cleaned[subject] == nil {
                cleaned[subject] = TerminalText.truncated(clean(subject), toWidth: 16, ellipsis: ellipsis)
            }
        }
        var subjectWidth = max(7, cleaned.values.lazy.map(TerminalText.width(of:)).max() ?? 0)
        if let width {
            let natural = { (columns: [SessionListColumn]) in
                columns.reduce(0) { $0 + ($1 == .subject ? subjectWidth : printedWidth($1, ascii: ascii)) } + 2 * (columns.count - 1)
            }
            for drop in [SessionListColumn.technique, .pain] where natural(columns) > width {
                columns.removeAll { $0 == drop }
            }
            if natural(columns) > width { subjectWidth = max(7, subjectWidth - (natural(columns) - width)) }
        }
        let subjectCells = cleaned.mapValues { text in
            let cell = TerminalText.truncated(text, toWidth: subjectWidth, ellipsis: ellipsis)
            return (text: cell, width: TerminalText.width(of: cell))
        }
        let layout = TableLayout(columns: columns, widths: columns.indices.map { index in
            let column = columns[index]
            // The last column set left is not padded: how wide it is does not matter.
            if index == columns.count - 1, !TableLayout.setsRight(column) { return 0 }
            return switch column {
            case .subject: max(TerminalText.width(of: column.heading), subjectCells.values.lazy.map(\.width).max() ?? 0)
            default: widest(column, of: rows, ascii: ascii)
            }
        })
        var heading = ByteBuffer(capacity: 128)
        layout.write(line: &heading) { column, line in
            line.append(utf8: column.heading)
            return TerminalText.width(of: column.heading)
        }
        write(heading.bytes)
        heading.free()
        // Each row is written once, straight into its line at the widths worked out above:
        // ten years of sessions are tens of thousands of rows, and a string or a cell
        // buffer per row cost more than reading the store. Blocks of rows are made on
        // every core and written in order as each is ready: the table is never held
        // whole (at a clinic's size it is megabytes of memory the system would have to
        // clear first), and its first lines go out while the last are being made.
        let blocks = stride(from: 0, to: rows.count, by: tableBlock).map { $0..<min($0 + tableBlock, rows.count) }
        orderedParallel(blocks.count, make: { number -> ByteBuffer in
            let block = blocks[number]
            var lines = ByteBuffer(capacity: block.count * (layout.width + 8))
            // Rows in a row mostly share their subject: looked up only when it changes.
            var subject = (raw: "", text: "", width: 0)
            for index in block {
                let row = rows[place(index)]
                if row.subject != subject.raw || index == block.lowerBound {
                    // Every row's subject is among them; never the raw text.
                    let cell = subjectCells[row.subject] ?? (text: "", width: 0)
                    subject = (row.subject, cell.text, cell.width)
                }
                let figures = row.map.figures
                layout.write(line: &lines) { column, line in
                    let start = line.count
                    switch column {
                    case .subject:
                        line.append(utf8: subject.text)
                        return subject.width
                    default: column.write(row, figures: figures, ascii: ascii, to: &line)
                    }
                    // Every other cell is ASCII but the dash and arrow of a non-ASCII table, each one column.
                    guard !ascii, column.mayHoldSymbols else { return line.count - start }
                    return UnsafeBufferPointer(rebasing: line.bytes[start...]).reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                }
            }
            return lines
        }, consume: { lines in
            write(lines.bytes)
            lines.free()
        })
    }

    /// The widest cell of a column, or its heading if wider.
    private static func widest(_ column: SessionListColumn, of rows: [SessionSummary], ascii: Bool) -> Int {
        let heading = TerminalText.width(of: column.heading)
        switch column {
        // Never wider than their headings (SessionListTableTests tries every value they can hold).
        case .zones, .score, .mean: return heading
        // Letters, digits and a few signs: a byte a column.
        // By index, reading the one field: a row handed to a closure is a copy of the summary.
        case .id: return rows.indices.reduce(heading) { max($0, rows[$1].id.rawValue.utf8.count) }
        case .technique: return rows.indices.reduce(heading) { max($0, rows[$1].technique.title.utf8.count) }
        case .date: return rows.indices.reduce(heading) { max($0, rows[$1].startedAt.dayAndClockWidth) }
        case .subject, .pain, .tags:
            return rows.reduce(heading) { widest, row in max(widest, TerminalText.width(of: column.text(row, ascii: ascii))) }
        }
    }

    /// Rows a core takes at a time while the table is built.
    private static let tableBlock = 1_024

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
    static func appendPain(_ row: SessionSummary, arrow: StaticString, to bytes: inout some ByteSink) {
        if row.painBefore == nil, row.painAfter == nil { return bytes.append(UInt8(ascii: "-")) }
        // Two calls, not a loop over an array of the two: this runs for every row of `list`.
        func append(_ pain: Int?) {
            if let pain { bytes.appendDecimal(pain) } else { bytes.append(UInt8(ascii: "-")) }
        }
        append(row.painBefore)
        bytes.append(arrow)
        append(row.painAfter)
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

/// Where the cells of the `list` table go on a line: two spaces apart, each padded to its
/// column's width, figures set right (but the pain, the last column, left as `list` has
/// always printed it).
private struct TableLayout {
    let columns: [SessionListColumn]
    let widths: [Int]
    private let setsRight: [Bool]

    init(columns: [SessionListColumn], widths: [Int]) {
        self.columns = columns
        self.widths = widths
        setsRight = columns.map(Self.setsRight)
    }

    static func setsRight(_ column: SessionListColumn) -> Bool { column.alignsRight && column != .pain }

    /// The widest a line gets.
    var width: Int { widths.reduce(2 * (widths.count - 1), +) }

    /// One line: `cell` appends a column's cell and says how many columns it took.
    @inline(__always)
    func write(line: inout ByteBuffer, cell: (SessionListColumn, inout ByteBuffer) -> Int) {
        let lineStart = line.count
        for (index, column) in columns.enumerated() {
            if index > 0 { line.appendSpaces(2) }
            let start = line.count
            let missing = widths[index] - cell(column, &line)
            if setsRight[index] {
                line.insertSpaces(missing, at: start)
            } else if index < columns.count - 1 {
                line.appendSpaces(missing)
            }
        }
        while line.count > lineStart, line.last == UInt8(ascii: " ") { line.removeLast() }
        line.append(UInt8(ascii: "\n"))
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

    /// Cells that may hold the dash or the arrow (three bytes, one column) outside a
    /// 7-bit table; every other cell but user text is letters, digits and a few signs.
    var mayHoldSymbols: Bool { self == .score || self == .mean || self == .pain || self == .tags }

    /// The figures, set right.
    public var alignsRight: Bool { self == .zones || self == .score || self == .mean || self == .pain }

    /// The cell of `row`, user text as stored (the caller makes it safe to show).
    public func text(_ row: SessionSummary, ascii: Bool) -> String {
        var bytes: [UInt8] = []
        write(row, ascii: ascii, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the cell's bytes: `list` writes tens of thousands of cells, and making a
    /// string of each cost more than reading the store.
    func write(_ row: SessionSummary, ascii: Bool, to bytes: inout some ByteSink) {
        write(row, figures: row.map.figures, ascii: ascii, to: &bytes)
    }

    /// The same with the map's figures worked out once for all the cells of a row.
    func write(_ row: SessionSummary, figures: BackMap.Figures, ascii: Bool, to bytes: inout some ByteSink) {
        // Literals, not strings: this runs for every cell of `list`.
        let dash: StaticString = ascii ? "-" : "–"
        switch self {
        case .id: bytes.append(utf8: row.id.rawValue)
        case .date: bytes.appendDayAndClock(row.startedAt)
        case .subject: bytes.append(utf8: row.subject)
        case .technique: bytes.append(utf8: row.technique.title)
        case .zones:
            bytes.appendDecimal(figures.rated)
            bytes.append(UInt8(ascii: "/"))
            bytes.appendDecimal(Zone.all.count)
        // Nothing rolled has no score and no mean: a dash, never 0.
        case .score:
            if figures.rated == 0 { bytes.append(dash) } else { bytes.appendDecimal(figures.score) }
        case .mean: BackMap.appendMean(figures, to: &bytes, dash: dash)
        case .pain: SessionList.appendPain(row, arrow: ascii ? "->" : "→", to: &bytes)
        case .tags:
            for (index, tag) in row.tags.enumerated() {
                if index > 0 { bytes.append(utf8: ", ") }
                bytes.append(utf8: tag)
            }
        }
    }
}
