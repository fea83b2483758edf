import Foundation
import Testing
@testable import BackMapCore

private func shippedDrawing(_ name: String) throws -> BackDrawing {
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Assets/\(name)"), encoding: .utf8)
    return try BackDrawing(parsing: text)
}

private func words(_ text: Substring) -> [String] {
    text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
}

@Suite("The back drawing")
struct DrawingTests {
    @Test(arguments: ["back.txt", "back-ascii.txt"])
    func shippedDrawingParsesWith18ZoneRows(name: String) throws {
        let drawing = try shippedDrawing(name)
        #expect(drawing.cells.count == 36)
        let rows = Zone.all.prefix(18).map { drawing.cell(for: $0).line }
        #expect(rows == rows.sorted())
        #expect(Set(rows).count == 18)
        for segment in Segment.allCases {
            let left = drawing.cell(for: Zone(.left, segment))
            let right = drawing.cell(for: Zone(.right, segment))
            #expect(left.line == right.line)
            #expect(left.column + left.width < right.column)
            #expect(left.width >= 3)
        }
    }

    @Test(arguments: ["back.txt", "back-ascii.txt"])
    func eachZoneRowIsLabelledOnBothSides(name: String) throws {
        let drawing = try shippedDrawing(name)
        for segment in Segment.allCases {
            let left = drawing.cell(for: Zone(.left, segment))
            let right = drawing.cell(for: Zone(.right, segment))
            let line = Array(drawing.lines[left.line])
            let before = Substring(String(line[..<left.column]))
            let after = Substring(String(line[(right.column + right.width)...]))
            #expect(words(before).contains(segment.name), "\(name): left label of \(segment.name)")
            #expect(words(after).contains(segment.name), "\(name): right label of \(segment.name)")
        }
    }

    @Test(arguments: [true, false])
    func sidesAndLandmarksAreLabelled(ascii: Bool) throws {
        let drawing = try shippedDrawing(ascii ? "back-ascii.txt" : "back.txt")
        let top = drawing.lines.prefix { !$0.contains("T1") }.joined(separator: "\n")
        #expect(top.contains("LEFT"))
        #expect(top.contains("RIGHT"))
        let left = try #require(top.range(of: "LEFT"))
        let right = try #require(top.range(of: "RIGHT"))
        #expect(left.lowerBound < right.lowerBound)
        #expect(drawing.lines[drawing.cell(for: Zone(.left, .t7)).line].contains("blade"))
        #expect(drawing.lines[drawing.cell(for: Zone(.left, .l4)).line].contains("hip"))
        #expect(drawing.lines[drawing.cell(for: Zone(.left, .s1)).line + 1].contains("S2"))
    }

    @Test func unicodeAndASCIIDrawingsShareOneGeometry() throws {
        let unicode = try shippedDrawing("back.txt")
        let ascii = try shippedDrawing("back-ascii.txt")
        #expect(unicode.cells == ascii.cells)
        #expect(unicode.height == ascii.height)
        #expect(unicode.width == ascii.width)
        #expect(unicode.lines.map(\.count) == ascii.lines.map(\.count))
        #expect(unicode.lines.map { TerminalText.width(of: $0) } == unicode.lines.map(\.count))
        #expect(ascii.lines.allSatisfy { $0.unicodeScalars.allSatisfy { $0.isASCII } })
    }

    @Test func theStandardDrawingsAreTheShippedFiles() throws {
        #expect(BackDrawing.standard(ascii: false).lines == (try shippedDrawing("back.txt")).lines)
        #expect(BackDrawing.standard(ascii: true).lines == (try shippedDrawing("back-ascii.txt")).lines)
    }

    @Test func everyCellOfAZoneMapsBackToThatZone() throws {
        let drawing = try shippedDrawing("back.txt")
        for zone in Zone.all {
            let cell = drawing.cell(for: zone)
            for column in cell.column..<cell.column + cell.width {
                #expect(drawing.zone(atLine: cell.line, column: column) == zone)
            }
            // The cursor columns either side belong to no zone.
            #expect(drawing.zone(atLine: cell.line, column: cell.column - 1) == nil)
            #expect(drawing.zone(atLine: cell.line, column: cell.column + cell.width) == nil)
        }
        #expect(drawing.zone(atLine: 0, column: 12) == nil)
        #expect(drawing.zone(atLine: -1, column: -1) == nil)
    }

    @Test func zoneRunsAreBlankedInTheLines() throws {
        let drawing = try shippedDrawing("back.txt")
        #expect(!drawing.lines.joined().contains("%"))
        #expect(!drawing.lines.joined().contains("&"))
        #expect(!drawing.lines.contains { $0.hasPrefix("#") })
    }

    @Test func brokenDrawingsAreRefusedWithTheLine() {
        #expect(throws: DrawingError.unpairedRun(line: 2)) {
            try BackDrawing(parsing: "head\n  %%%  \n")
        }
        #expect(throws: DrawingError.splitRun(line: 1)) {
            try BackDrawing(parsing: "%% %% &&&")
        }
        #expect(throws: DrawingError.wrongSegmentCount(1)) {
            try BackDrawing(parsing: "# a comment\n %%% &&& \n")
        }
        let eighteen = (0..<18).map { _ in " %%% | &&& " }.joined(separator: "\n")
        #expect(throws: Never.self) { try BackDrawing(parsing: eighteen) }
    }
}
