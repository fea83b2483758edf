import Foundation
import Testing
@testable import BackMapCore

/// A summary with the parts the `list` table shows.
private func row(_ id: String, seconds: Double, offset: Int = 0, technique: Technique = .skinRolling, rated: Int = 0,
                 rating: Tightness = .tight, pain: (Int?, Int?) = (nil, nil)) throws -> SessionSummary {
    var map = BackMap()
    for zone in Zone.all.prefix(rated) { map[zone] = rating }
    return SessionSummary(id: try #require(SessionID(id)), startedAt: Timestamp(date: Date(timeIntervalSince1970: seconds), utcOffset: offset),
                          subject: "me", technique: technique, tags: [], painBefore: pain.0, painAfter: pain.1,
                          markCount: rated, passCount: 1, map: map, isFromNewerVersion: false, hasNote: false, release: nil)
}

/// The table as the simplest reading of its rule lays it out: every column as wide as its
/// heading or its widest cell, two spaces apart, figures set right but the pain (the last
/// column, set left), no spaces at the end of a line.
private func reference(_ rows: [SessionSummary], ascii: Bool) -> String {
    let columns = SessionList.printedColumns
    let lines = [columns.map(\.heading)] + rows.map { row in
        columns.map { TerminalText.sanitized($0.text(row, ascii: ascii)) }
    }
    let widths = columns.indices.map { index in lines.map { TerminalText.width(of: $0[index]) }.max()! }
    return lines.map { cells in
        var line = ""
        for (index, column) in columns.enumerated() {
            let padding = String(repeating: " ", count: widths[index] - TerminalText.width(of: cells[index]))
            if index > 0 { line += "  " }
            line += column.alignsRight && column != .pain ? padding + cells[index] : cells[index] + padding
        }
        while line.hasSuffix(" ") { line.removeLast() }
        return line + "\n"
    }.joined()
}

@Suite struct SessionListTableTests {
    @Test(arguments: [false, true])
    func columnsAreAsWideAsTheirWidestCellWhateverItHolds(ascii: Bool) throws {
        // Ids of 1 and 64 characters, years of five digits and before year 1, techniques
        // only shorter than the longest, nothing rolled (dashes) and every figure.
        let long = String(repeating: "x", count: 64)
        let sets: [[SessionSummary]] = try [
            [row("a", seconds: 0, technique: .selfRolling), row("b", seconds: 86_400, technique: .other, rated: 36, rating: .veryTight)],
            [row("20261124-190211-a3f9", seconds: 1_795_000_000, rated: 8, pain: (10, 10)),
             row(long, seconds: 1_795_100_000, technique: .tennisBall, pain: (3, nil))],
            [row("future", seconds: 400_000_000_000, rated: 36, rating: .relaxed, pain: (nil, 0)),
             row("past", seconds: -62_200_000_000, offset: -36_000, technique: .foamRoller, rated: 1)],
        ]
        for rows in sets {
            let table = SessionList.text(rows, ascii: ascii)
            #expect(table == reference(rows, ascii: ascii))
            var written: [UInt8] = []
            SessionList.writeTable(oldestFirst: rows.reversed(), ascii: ascii, width: nil) { written.append(contentsOf: $0) }
            #expect(String(decoding: written, as: UTF8.self) == table)
        }
    }

    @Test(arguments: [false, true])
    func figuresAreNeverWiderThanTheirHeadings(ascii: Bool) throws {
        // The table takes these columns' widths from their headings without measuring the
        // cells: every number of zones rolled, with every score it can have.
        for rated in 0...Zone.all.count {
            for score in 0...(3 * rated) {
                let map = mapWith(rated: rated, score: score)
                #expect(map.score == score)
                let summary = try row("r\(rated)s\(score)", seconds: 0, rated: 0)
                let rolled = SessionSummary(id: summary.id, startedAt: summary.startedAt, subject: "me", technique: .skinRolling, tags: [],
                                            painBefore: nil, painAfter: nil, markCount: rated, passCount: 1, map: map,
                                            isFromNewerVersion: false, hasNote: false, release: nil)
                for column in [SessionListColumn.zones, .score, .mean] {
                    #expect(TerminalText.width(of: column.text(rolled, ascii: ascii)) <= TerminalText.width(of: column.heading),
                            "\(column) of \(rated) zones scoring \(score)")
                }
            }
        }
    }

    @Test func dayAndClockOfAnyYearIsWhatItsFieldsSay() {
        // Four-digit years are written in one piece; others digit by digit, as before.
        for seconds in [-62_200_000_000.0, -62_167_219_201, -62_167_219_200, 0, 1_795_000_000, 253_402_300_799, 253_402_300_800, 400_000_000_000] {
            for offset in [-43_200, 0, 50_400] {
                let time = Timestamp(date: Date(timeIntervalSince1970: seconds), utcOffset: offset)
                let f = time.fields
                let expected = (f.year < 0 ? "-" + String(format: "%04d", -f.year) : String(format: "%04d", f.year))
                    + String(format: "-%02d-%02d %02d:%02d", f.month, f.day, f.hour, f.minute)
                #expect(time.dayAndClock == expected, "\(seconds) \(offset)")
                #expect(time.dayAndClockWidth == expected.count, "\(seconds) \(offset)")
            }
        }
    }
}
