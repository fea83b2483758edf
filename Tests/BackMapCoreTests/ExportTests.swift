import BackMapCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Every export format is read back by a real parser: XML for SVG and HTML, an
/// RFC 4180 reader for CSV, JSONSerialization for JSON.
@Suite struct ExportTests {
    /// A subject and notes full of markup, quotes, formula starters and control characters.
    static let hostile = "<b>Sam & \"Jo\"</b>\u{1B}[31m\u{202E}"
    static let a = TransferFixtures.session(day: 0, map: "0123.3210" + "........." + ".32", subject: hostile,
                                            note: "line one\nline <two> & three", painBefore: 6, painAfter: 3)
    static let b = TransferFixtures.session(day: 9, map: "0012.2210.1" + "......." + ".21", subject: "=HYPERLINK(\"x\")",
                                            tags: ["after run", "+1"])

    // MARK: SVG

    @Test func svgOfOneSessionIsWellFormedXMLWithTheDigitInEveryRolledZone() throws {
        let svg = SVGExport.map(Self.a)
        let xml = try ParsedXML(svg)
        #expect(xml.root == "svg")
        #expect(xml.rootAttributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(xml.rootAttributes["version"] == "1.1")
        // One rect per zone, with the level as its class; a digit for each rolled zone.
        let zoneRects = xml.elements.filter { $0.name == "rect" && ($0.attributes["class"] ?? "").hasPrefix("z") }
        #expect(zoneRects.count >= 36)
        #expect(xml.texts.contains("left T3: 2"))
        #expect(xml.texts.contains("right T1: not rolled"))
        // The hostile subject arrives as text, escaped, with its controls replaced.
        #expect(xml.texts.contains { $0.contains("<b>Sam & \"Jo\"</b>\u{FFFD}[31m\u{FFFD}") })
        #expect(!svg.contains("\u{1B}"))
        #expect(!svg.contains("<b>"))
        #expect(xml.texts.contains { $0.contains("very tight") })
        #expect(xml.texts.contains { $0.contains("not rolled") })
    }

    @Test func svgOfTwoSessionsShowsBothAndTheChangeOfEachZone() throws {
        let xml = try ParsedXML(SVGExport.compare(Self.a, Self.b))
        #expect(xml.root == "svg")
        #expect(xml.texts.contains("A"))
        #expect(xml.texts.contains("B"))
        // Better by one: left T2, T3, T4, T6 and right T2, T3 (six), plus the legend's sample.
        // Same: left T1, T7, T8, T9. Left T11 was rolled in B only.
        #expect(xml.texts.filter { $0 == "−1" }.count == 6 + 1)
        #expect(xml.texts.filter { $0 == "?" }.count == 1 + 1)
        let summary = try #require(xml.texts.first { $0.hasPrefix("zones better") })
        // Scores: 0+1+2+3+3+2+1+0 + 3+2 = 17 and 0+0+1+2+2+2+1+0+1 + 2+1 = 12.
        #expect(summary == "zones better 6 · worse 0 · same 4 · rolled in one only 1 · score 17 → 12 · tight 6 → 4")
    }

    // MARK: HTML

    @Test func htmlIsOneWellFormedPageWithoutScriptsOrNetwork() throws {
        // Two sessions of one person (reports group by subject: two people would get a map each and no chart).
        var b = Self.b
        b.subject = Self.a.subject
        let html = HTMLExport.page([Self.a, b])
        let xml = try ParsedXML(html)
        #expect(xml.root == "html")
        #expect(xml.rootAttributes["xmlns"] == "http://www.w3.org/1999/xhtml")
        let names = Set(xml.elements.map(\.name))
        #expect(!names.contains("script"))
        #expect(!names.contains("link"))
        #expect(!names.contains("img"))
        // The only addresses are XML namespace names, which are never fetched.
        #expect(!html.replacingOccurrences(of: "http://www.w3.org/", with: "").contains("http"))
        // Each session's map, the comparison, the trend chart and the heat map, all inline,
        // besides the one hidden element that holds the shared hatching.
        #expect(xml.elements.filter { $0.name == "svg" && $0.attributes["class"] != "defs" }.count == 5)
        #expect(xml.elements.filter { $0.name == "svg" && $0.attributes["class"] == "defs" }.count == 1)
        #expect(xml.texts.contains { $0.contains("Mean tightness of the zones rolled") })
        #expect(xml.texts.contains { $0.contains("line <two> & three") })
        #expect(xml.texts.contains("line one"))
        #expect(xml.texts.contains { $0.contains("<b>Sam & \"Jo\"</b>") })
        #expect(!html.contains("\u{1B}"))
        #expect(xml.texts.contains("6 → 3"))
    }

    @Test func htmlOfOneSessionHasNoTrendChart() throws {
        let xml = try ParsedXML(HTMLExport.page([Self.b]))
        #expect(xml.elements.filter { $0.name == "svg" && $0.attributes["class"] != "defs" }.count == 1)
        #expect(!xml.texts.contains { $0.contains("Mean tightness of the zones rolled") })
    }

    // MARK: CSV

    @Test func csvHasOneRowPerZonePerSessionAndReadsBack() throws {
        let csv = CSVExport.table([Self.a, Self.b])
        let rows = try RFC4180.parse(csv)
        #expect(rows.first == ["id", "date", "subject", "side", "segment", "tightness"])
        #expect(rows.count == 1 + 2 * 36)
        let first = rows[1]
        #expect(first[0] == Self.a.id.rawValue)
        // ISO 8601 with the session's own offset: sessions come from several time zones.
        #expect(first[1] == "2026-01-01T09:00:00+01:00")
        #expect(first[2] == TerminalText.sanitized(Self.hostile))
        #expect(first[3] == "left")
        #expect(first[4] == "T1")
        #expect(first[5] == "0")
        // Unknown zones are empty cells, never 0.
        let rightT1 = try #require(rows.first { $0[0] == Self.a.id.rawValue && $0[3] == "right" && $0[4] == "T1" })
        #expect(rightT1[5] == "")
        // A subject that a spreadsheet would run as a formula is made plain text.
        #expect(rows.last?[2] == "'=HYPERLINK(\"x\")")
        #expect(csv.hasSuffix("\r\n"))
        #expect(!csv.contains("\u{1B}"))
        let values = rows.dropFirst().filter { $0[0] == Self.b.id.rawValue }.map { $0[5] }
        #expect(values.filter { !$0.isEmpty }.count == Self.b.map.ratedCount)
    }

    @Test func csvGuardsEveryFormulaStarter() {
        for start in ["=", "+", "-", "@"] {
            #expect(CSVExport.field(start + "1") == "'" + start + "1")
        }
        #expect(CSVExport.field("a,b") == "\"a,b\"")
        #expect(CSVExport.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVExport.field("plain") == "plain")
    }

    // MARK: Markdown

    @Test func markdownHasATablePerSessionWithSegmentRowsAndSideColumns() throws {
        let md = MarkdownExport.report([Self.a, Self.b])
        let lines = md.components(separatedBy: "\n")
        #expect(lines.filter { $0 == "| segment | left | right |" }.count == 2)
        #expect(lines.contains("| T3 | 2 tight | 2 tight |"))
        #expect(lines.contains("| T5 | – | – |"))
        let tableRows = lines.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| segment") && !$0.hasPrefix("| ---") }
        #expect(tableRows.count == 2 * 18)
        for row in tableRows {
            #expect(row.filter { $0 == "|" }.count == 4)
        }
        // User text cannot open HTML or break the table.
        #expect(!md.contains("<b>"))
        #expect(md.contains("&lt;b&gt;Sam &amp; \"Jo\"&lt;/b&gt;"))
        // The note keeps its line break, as a hard break inside the quote.
        #expect(md.contains("> line one\\\n> line &lt;two&gt; &amp; three"))
    }

    // MARK: JSON

    @Test func jsonBundleHoldsTheSessionsExactlyAsStored() throws {
        let data = try SessionBundle.encode([Self.a, Self.b])
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["format"] as? String == "backmap.bundle")
        #expect(object["version"] as? Int == 1)
        let sessions = try #require(object["sessions"] as? [[String: Any]])
        #expect(sessions.count == 2)
        // Each entry is byte for byte what a session file would hold, once re-encoded the same way.
        for (entry, session) in zip(sessions, [Self.a, Self.b]) {
            let entryData = try JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys])
            let fileData = try JSONSerialization.data(
                withJSONObject: try JSONSerialization.jsonObject(with: try SessionCodec.encode(session)), options: [.sortedKeys])
            #expect(entryData == fileData)
        }
        #expect(try SessionBundle.read(data) == .bundle([.success(Self.a), .success(Self.b)]))
    }

    @Test func aBundleEntryThatBreaksTheRulesIsNamedWithoutHidingTheOthers() throws {
        var text = String(decoding: try SessionBundle.encode([Self.a, Self.b]), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"painBefore\" : 6", with: "\"painBefore\" : 60")
        guard case .bundle(let results) = try SessionBundle.read(Data(text.utf8)) else {
            Issue.record("not read as a bundle")
            return
        }
        #expect(results.count == 2)
        guard case .failure(let error) = results[0] else {
            Issue.record("the broken entry was accepted")
            return
        }
        #expect(error.description == "not a valid session: sessions[0]: painBefore is 60, outside 0–10")
        #expect(results[1] == .success(Self.b))
    }

    @Test func brokenJSONIsReportedWithLineAndColumn() {
        #expect(throws: SessionFileError.invalidJSON(line: 2, column: 16, detail: "expected ',' or '}', found '\"'")) {
            try SessionBundle.read(Data("{\"format\": 1,\n  \"version\": 1 \"x\": 2}".utf8))
        }
    }
}

/// A small RFC 4180 reader: fields split by commas, records by CRLF, quoted
/// fields may hold commas, line breaks and doubled quotes.
enum RFC4180 {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var fieldStarted = false
        var characters = Array(text.unicodeScalars)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" {
                        characters.removeFirst()
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard !fieldStarted else { throw Malformed() }
                quoted = true
                fieldStarted = true
            case ",":
                record.append(field)
                field = ""
                fieldStarted = false
            case "\r":
                guard characters.popFirst() == "\n" else { throw Malformed() }
                record.append(field)
                records.append(record)
                record = []
                field = ""
                fieldStarted = false
            case "\n":
                throw Malformed() // RFC 4180 ends records with CRLF
            default:
                field.unicodeScalars.append(c)
                fieldStarted = true
            }
        }
        guard !quoted else { throw Malformed() }
        if fieldStarted || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        let width = records.first?.count ?? 0
        guard records.allSatisfy({ $0.count == width }) else { throw Malformed() }
        return records
    }
}

/// A document read by Foundation's XMLParser: every element, and every run of text.
final class ParsedXML: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var elements: [Element] = []
    private(set) var texts: [String] = []
    private var text = ""

    var root: String? { elements.first?.name }
    var rootAttributes: [String: String] { elements.first?.attributes ?? [:] }

    init(_ document: String) throws {
        super.init()
        let parser = XMLParser(data: Data(document.utf8))
        parser.delegate = self
        guard parser.parse() else {
            throw Failure(description: "not well-formed XML at line \(parser.lineNumber), column \(parser.columnNumber): \(parser.parserError.map { String(describing: $0) } ?? "?")")
        }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        flush()
        elements.append(Element(name: name, attributes: attributes))
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        flush()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    private func flush() {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { texts.append(trimmed) }
        text = ""
    }
}
