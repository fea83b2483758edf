import BackMapCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// What the reports say: ids and styles, subjects, the chart, the first and
/// last, the heat map's scale, zone notes, long subjects and the text users write.
@Suite struct ReportContentTests {
    static func sessions(_ count: Int, subject: String = "me", every days: Int = 7) -> [Session] {
        (0..<count).map { index in
            TransferFixtures.session(day: index * days, map: String(repeating: String(index % 4), count: 36), subject: subject,
                                     painBefore: 6, painAfter: 3)
        }
    }

    /// Every `attribute="…"` value in a document.
    static func values(of attribute: String, in text: String) -> [String] {
        text.components(separatedBy: " \(attribute)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    static func occurrences(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    // MARK: Ids and styles (3)

    @Test func htmlIdsAreUniqueAndTheFigureStyleIsWrittenOnce() throws {
        let html = HTMLExport.page(Self.sessions(20))
        _ = try ParsedXML(html)
        let ids = Self.values(of: "id", in: html)
        #expect(ids.count == 20 + 1)
        #expect(Set(ids).count == ids.count, "duplicate ids: \(Dictionary(grouping: ids) { $0 }.filter { $0.value.count > 1 }.keys.sorted())")
        #expect(Self.occurrences("<style", in: html) == 1)
        #expect(Self.occurrences("id=\"unrolled\"", in: html) == 1)
        // A standalone SVG still carries its own hatching and style.
        let svg = SVGExport.map(Self.sessions(1)[0])
        #expect(Self.occurrences("id=\"unrolled\"", in: svg) == 1)
        #expect(Self.occurrences("<style", in: svg) == 1)
    }

    // MARK: Subjects (4)

    @Test func severalSubjectsAreGroupedEachWithItsOwnChartAndTheTableHasASubjectColumn() throws {
        let ann = Self.sessions(3, subject: "Ann")
        let bob = Self.sessions(3, subject: "Bob", every: 5)
        var annLower = TransferFixtures.session(day: 40, map: "1", subject: "ann")
        annLower.painBefore = 2
        let xml = try ParsedXML(HTMLExport.page(ann + bob + [annLower]))
        // Ann's sessions (either spelling) and Bob's are never pooled: a chart and a heat map each.
        #expect(xml.texts.contains("Over time · Ann"))
        #expect(xml.texts.contains("Over time · Bob"))
        #expect(!xml.texts.contains("Over time · ann"))
        #expect(xml.texts.filter { $0.hasPrefix("Mean tightness of the zones rolled") }.count == 2)
        #expect(xml.texts.filter { $0.hasPrefix("How often each zone was tight (2 or more)") }.count == 2)
        #expect(xml.texts.filter { $0 == "First and last" }.count == 2)
        #expect(xml.texts.contains("subject"))
        let headers = xml.elements.filter { $0.name == "th" }.count
        #expect(headers > 0)
        // One subject: no subject column in the table over time.
        let single = HTMLExport.page(Self.sessions(3))
        #expect(!single.contains("<th>subject</th>"))
        #expect(HTMLExport.page(ann + bob).contains("<th>subject</th>"))
    }

    // MARK: The chart (5)

    /// The circles of the chart's sessions, by class, with their x.
    static func chartDots(_ html: String) throws -> [(cls: String, x: Double)] {
        let chart = try #require(html.components(separatedBy: "Mean tightness of the zones rolled").dropFirst().first?
            .components(separatedBy: "</svg>").first)
        return chart.components(separatedBy: "<circle ").dropFirst().compactMap { circle in
            let cls = values(of: "class", in: " " + circle).first ?? ""
            let x = values(of: "cx", in: " " + circle).first.flatMap(Double.init)
            guard let x, cls == "dot" || cls == "partial" else { return nil }
            return (cls, x)
        }.dropFirst(2).map { $0 } // the legend's two samples come first
    }

    @Test func theChartPlotsTheMeanSpacedByDateWithEveryDateAndPartialSessionsMarked() throws {
        // Days 0, 1 and 31; the middle one rolled 6 zones only.
        let full = String(repeating: "2", count: 36)
        let a = TransferFixtures.session(day: 0, map: full, painBefore: 7, painAfter: 4)
        let b = TransferFixtures.session(day: 1, map: "111111", painBefore: 6, painAfter: 5)
        let c = TransferFixtures.session(day: 31, map: String(repeating: "1", count: 36), painBefore: 3, painAfter: 1)
        let html = HTMLExport.page([a, b, c])
        let dots = try Self.chartDots(html)
        try #require(dots.count == 3)
        #expect(dots.map(\.cls) == ["dot", "partial", "dot"])
        // Spaced by time: one day, then thirty.
        let first = dots[1].x - dots[0].x
        let second = dots[2].x - dots[1].x
        #expect(abs(second / first - 30) < 0.5, "gaps \(first) and \(second)")
        let xml = try ParsedXML(html)
        for session in [a, b, c] {
            #expect(xml.texts.contains(session.startedAt.day), "no label for \(session.startedAt.day)")
        }
        #expect(xml.texts.contains { $0.hasPrefix("partial: fewer than 30 of 36 zones rolled") })
        // The mean, not the score: the partial session's 1.00 sits below the first session's 2.00.
        #expect(xml.texts.contains { $0.contains("mean 1.00, 6 of 36 zones rolled (partial), pain 6 → 5") })
        #expect(xml.texts.contains { $0.contains("mean 2.00, 36 of 36 zones rolled, pain 7 → 4") })
        // Pain is the second series: a before and an after for each session, besides the legend's.
        #expect(Self.occurrences("class=\"painbefore\"", in: html) == 3 + 1)
        #expect(Self.occurrences("class=\"painafter\"", in: html) == 3 + 1)
    }

    // MARK: First and last (6)

    @Test func aReportOfSeveralSessionsComparesTheFirstWithTheLast() throws {
        let sessions = Self.sessions(4)
        let xml = try ParsedXML(HTMLExport.page(sessions.reversed()))
        #expect(xml.texts.contains("First and last"))
        #expect(xml.texts.contains("A: \(sessions[0].startedAt.day) \(sessions[0].startedAt.clock) · me · skin-rolling"))
        #expect(xml.texts.contains("B: \(sessions[3].startedAt.day) \(sessions[3].startedAt.clock) · me · skin-rolling"))
        #expect(xml.texts.contains("change A → B"))
        // 0 everywhere against 3 everywhere: every zone tighter by 3.
        #expect(xml.texts.filter { $0 == "+3" }.count == 36)
    }

    // MARK: The heat map (7)

    @Test func theHeatMapHasItsOwnScaleAndMarksZonesRolledFewerThanThreeTimes() throws {
        // Left T1 is rolled in two sessions only; the other zones in all four.
        let maps = ["2" + String(repeating: "0", count: 35), "2" + String(repeating: "2", count: 35),
                    "." + String(repeating: "3", count: 35), "." + String(repeating: "0", count: 35)]
        let sessions = maps.enumerated().map { TransferFixtures.session(day: $0.offset, map: $0.element) }
        let html = HTMLExport.page(sessions)
        let heat = try #require(html.components(separatedBy: "<title>How often each zone was tight").dropFirst().first?
            .components(separatedBy: "</svg>").first)
        let classes = Self.values(of: "class", in: heat)
        // No tightness colour in the heat map: its fills are its own steps.
        #expect(!classes.contains { ["z0", "z1", "z2", "z3"].contains($0) })
        #expect(classes.contains("h2"))
        #expect(heat.contains("left T1: 100% ·"))
        #expect(heat.contains("right T2: 50% ↑"))
        #expect(heat.contains("rolled fewer than 3 times"))
    }

    // MARK: Zone notes (8)

    @Test func aZoneNoteShowsTheLevelAndPassItWasWrittenAt() throws {
        var session = TransferFixtures.session(day: 0, map: "")
        let at = session.startedAt
        session.marks = [
            Mark(at: at, pass: 1, zone: Zone(.right, .t7), tightness: .veryTight, note: "still the worst spot"),
            Mark(at: at, pass: 2, zone: Zone(.right, .t7), tightness: .tight),
        ]
        let xml = try ParsedXML(HTMLExport.page([session]))
        #expect(xml.texts.contains("right T7 (3 very tight, pass 1):"))
        #expect(!xml.texts.contains { $0.contains("right T7 (2 tight)") })
        #expect(MarkdownExport.report([session]).contains("- right T7 (3 very tight, pass 1): still the worst spot\n"))
    }

    @Test func aSessionOfSeveralPassesShowsItsReleaseFromTheFirstPassToTheLast() throws {
        var session = TransferFixtures.session(day: 0, map: "")
        let at = session.startedAt
        session.marks = [
            Mark(at: at, pass: 1, zone: Zone(.left, .t5), tightness: .veryTight),
            Mark(at: at, pass: 1, zone: Zone(.left, .t6), tightness: .tight),
            Mark(at: at, pass: 2, zone: Zone(.left, .t5), tightness: .mild),
            Mark(at: at, pass: 2, zone: Zone(.left, .t6), tightness: .veryTight),
        ]
        let line = "pass 1 → 2: 1 of 2 zones released, 1 tightened, mean 2.50 → 2.00"
        let xml = try ParsedXML(HTMLExport.page([session]))
        #expect(xml.texts.contains("release within the session"))
        #expect(xml.texts.contains(line))
        #expect(MarkdownExport.report([session]).contains("release \(line)"))
        // One pass: no release, rather than a release of 0.
        #expect(!HTMLExport.page([TransferFixtures.session(day: 0, map: "1")]).contains("release within the session"))
    }

    // MARK: Long subjects (9)

    @Test func aLongSubjectIsShortenedAtAWordAndTheTechniqueStays() throws {
        let words = "Marie-Claire Dupont-Lefebvre from the physiotherapy practice on the corner of Rue de la Paix and"
        let subject = words + " Avenue"
        let session = TransferFixtures.session(day: 0, map: "1", subject: String(subject.prefix(99)))
        for svg in [SVGExport.map(session), SVGExport.compare(session, session)] {
            let xml = try ParsedXML(svg)
            // The title line: "date · subject · technique", after "A: " in a comparison.
            let title = try #require(xml.texts.first { ($0.hasPrefix(session.startedAt.day) || $0.hasPrefix("A: ")) && $0.hasSuffix("· skin-rolling") })
            let parts = title.components(separatedBy: " · ")
            #expect(parts.count == 3)
            let shown = parts[1]
            #expect(shown.hasSuffix("…"))
            let kept = String(shown.dropLast())
            // Cut after a whole word: what is kept is a prefix of the subject followed by a space there.
            #expect(subject.hasPrefix(kept + " "), "\(kept)")
            #expect(kept.count >= 10)
            // The whole subject stays in the title a screen reader reads.
            #expect(xml.texts.contains { $0.contains(String(subject.prefix(99))) })
        }
    }

    // MARK: Tabs and line breaks (11)

    @Test func aTabIsASpaceAndALineBreakIsABreakOrASpaceInEveryFormat() throws {
        var session = TransferFixtures.session(day: 0, map: "1", subject: "Ann\tMarie\nDupont", note: "first\tline\nsecond line")
        session.tags = ["a\tb"]
        session.marks[0].note = "zone\tnote"
        let html = HTMLExport.page([session])
        let svg = SVGExport.map(session)
        let md = MarkdownExport.report([session])
        let csv = CSVExport.table([session])
        for (name, text) in [("html", html), ("svg", svg), ("md", md), ("csv", csv)] {
            #expect(!text.contains("\u{FFFD}"), "\(name) shows a replacement character")
            #expect(!text.contains("\t"), "\(name) holds a tab")
        }
        let xml = try ParsedXML(html)
        #expect(xml.texts.contains("Ann Marie Dupont"))
        #expect(html.contains("first line<br/>second line"))
        #expect(xml.texts.contains("a b"))
        #expect(svg.contains("Ann Marie Dupont"))
        #expect(md.contains("· Ann Marie Dupont ·"))
        #expect(try RFC4180.parse(csv)[1][2] == "Ann Marie Dupont")
        // A real control character is still shown as U+FFFD.
        let escape = TransferFixtures.session(day: 0, map: "1", subject: "Ann\u{1B}[2J")
        #expect(HTMLExport.page([escape]).contains("Ann\u{FFFD}[2J"))
        #expect(try RFC4180.parse(CSVExport.table([escape]))[1][2] == "Ann\u{FFFD}[2J")
    }

    // MARK: CSV (13, and the separator of other locales)

    @Test func csvQuotesASemicolonAndKeepsTheFormulaGuard() throws {
        #expect(CSVExport.field("a;b") == "\"a;b\"")
        #expect(CSVExport.field("=1;2") == "\"'=1;2\"")
        #expect(CSVExport.field("-2;SUM(A1)") == "\"'-2;SUM(A1)\"")
        let session = TransferFixtures.session(day: 0, map: "1", subject: "=cmd;x")
        let csv = CSVExport.table([session])
        #expect(!csv.hasPrefix("\u{FEFF}"))
        #expect(try RFC4180.parse(csv)[1][2] == "'=cmd;x")
    }

    @Test func csvDatesCarryTheSessionsOwnOffset() throws {
        let paris = TransferFixtures.session(day: 0, map: "1")
        var tokyo = TransferFixtures.session(day: 1, map: "1")
        tokyo.startedAt = Timestamp(date: tokyo.startedAt.date, utcOffset: 9 * 3600)
        let rows = try RFC4180.parse(CSVExport.table([paris, tokyo]))
        #expect(rows[1][1] == "2026-01-01T09:00:00+01:00")
        #expect(rows[1 + 36][1] == "2026-01-02T17:00:00+09:00")
    }
}
