import Foundation
import Testing
@testable import BackMapCore

/// Two people in one store: Anna (spelt "Anna" in her files) and Ben.
private func twoPeople() throws -> [SessionSummary] {
    func summary(_ id: String, _ start: String, _ subject: String, rated: Int) throws -> SessionSummary {
        var s = try session(id: id, startedAt: start, marks: Zone.all.prefix(rated).map { try mark($0.side, $0.segment, .tight) })
        s.subject = subject
        return SessionSummary(s)
    }
    return try [
        summary("20261101-190000-aaaa", "2026-11-01T19:00:00+01:00", "Anna", rated: 36),
        summary("20261102-190000-bbbb", "2026-11-02T19:00:00+01:00", "ben", rated: 36),
        summary("20261103-190000-cccc", "2026-11-03T19:00:00+01:00", "Anna", rated: 8),
        summary("20261104-190000-dddd", "2026-11-04T19:00:00+01:00", "ben", rated: 36),
    ]
}

@Suite struct SubjectTests {
    @Test func subjectsMatchIgnoringCaseAndKeepTheirSpelling() throws {
        let all = try twoPeople()
        #expect(Subject.matches("anna", "Anna"))
        #expect(!Subject.matches("anna", "ann"))
        #expect(Subject.known(in: all) == ["ben", "Anna"])
        #expect(Subject.canonical("ANNA", in: all) == "Anna")
        #expect(Subject.canonical("Carla", in: all) == "Carla")
        // `list --subject anna` finds Anna's sessions, shown as she is spelt.
        let rows = SessionList.rows(all, subject: "anna")
        #expect(rows.map(\.subject) == ["Anna", "Anna"])
        // The table `list` prints from the sessions oldest first is the table of the rows.
        let oldest = SessionList.oldestFirst(all, subject: "anna")
        #expect(oldest.map(\.id) == rows.reversed().map(\.id))
        for (ascii, width) in [(false, nil), (true, 60), (false, 80)] as [(Bool, Int?)] {
            #expect(written(oldestFirst: oldest, ascii: ascii, width: width) == SessionList.table(rows, ascii: ascii, width: width))
            #expect(written(oldestFirst: all, ascii: ascii, width: width) == SessionList.table(SessionList.rows(all), ascii: ascii, width: width))
        }
        #expect(SessionHistory(all, subject: "ANNA").ids.count == 2)
    }

    @Test func refsCountWithinTheSubjectWhenOneIsGiven() throws {
        let all = try twoPeople()
        let last = try #require(SessionRef("last"))
        #expect(try last.resolve(in: all).id.rawValue == "20261104-190000-dddd")
        #expect(try last.resolve(in: all, subject: "anna").id.rawValue == "20261103-190000-cccc")
        #expect(try #require(SessionRef("last~1")).resolve(in: all, subject: "Anna").id.rawValue == "20261101-190000-aaaa")
        // A day of Ben's is no day of Anna's.
        #expect(throws: RefError.unknownInSubject("2026-11-02", subject: "anna")) {
            try #require(SessionRef("2026-11-02")).resolve(in: all, subject: "anna")
        }
        #expect(throws: RefError.tooFarBackInSubject(2, available: 2, subject: "anna")) {
            try #require(SessionRef("last~2")).resolve(in: all, subject: "anna")
        }
        #expect(throws: RefError.subjectHasNone("carla")) {
            try #require(SessionRef("last")).resolve(in: all, subject: "carla")
        }
        #expect(RefError.tooFarBackInSubject(2, available: 2, subject: "anna").description
            == "\"anna\" has 2 sessions; last~2 goes back further.")
    }

    @Test func trendsTakeTheNewestSessionsSubjectUnlessAllIsAsked() throws {
        let all = try twoPeople()
        #expect(SubjectScope(option: nil).subject(in: all) == "ben")
        #expect(SubjectScope(option: "ALL").subject(in: all) == nil)
        #expect(SubjectScope(option: "anna").subject(in: all) == "Anna")
        let ben = Trends(all, filter: TrendFilter(subject: SubjectScope(option: nil).subject(in: all)))
        #expect(ben.sessions.count == 2)
        #expect(ben.subjectTitle == "ben")
        let pooled = Trends(all, filter: TrendFilter(subject: nil))
        #expect(pooled.sessions.count == 4)
        #expect(pooled.subjectTitle == "all subjects pooled (ben, Anna)")
        let anna = Trends(all, filter: TrendFilter(subject: "anna"))
        #expect(anna.sessions.count == 2)
        #expect(anna.subjectTitle == "Anna")
        // The mean chart's points: Anna's second session rolled 8 zones, a partial one.
        #expect(anna.sessions.map(\.isPartial) == [false, true])
        #expect(anna.sessions.map(\.meanTightness) == [2, 2])
    }

    @Test func sessionsSortByTheirStartInstantNotTheTextOfTheirId() throws {
        // Started at 06:17Z in Paris, its id carries 07:17 wall time; the other started at 06:30Z in London.
        let paris = SessionSummary(try session(id: "20261124-071700-pppp", startedAt: "2026-11-24T07:17:00+01:00"))
        let london = SessionSummary(try session(id: "20261124-063000-llll", startedAt: "2026-11-24T06:30:00Z"))
        let rows = SessionList.rows([paris, london])
        #expect(rows.map(\.id) == [london.id, paris.id])
        #expect(try #require(SessionRef("last")).resolve(in: [paris, london]).id == london.id)
        #expect(SessionHistory([london, paris]).ids == [paris.id, london.id])
        #expect(Trends([london, paris]).sessions.map(\.id) == [paris.id, london.id])
        #expect(SessionStore.chronological([london, paris]).map(\.id) == [paris.id, london.id])
    }

    @Test func everyJSONGivesTheMeanBesideTheScoreAndNullWhenNothingWasRolled() throws {
        let rolled = try session(id: "20261101-190000-aaaa", startedAt: "2026-11-01T19:00:00+01:00",
                                 marks: [mark(.left, .t7, .tight), mark(.right, .t7, .mild)])
        let empty = try session(id: "20261102-190000-bbbb", startedAt: "2026-11-02T19:00:00+01:00")
        func object(_ data: Data) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        let list = try #require(try JSONSerialization.jsonObject(with: SessionList.json([SessionSummary(rolled), SessionSummary(empty)])) as? [[String: Any]])
        #expect(list[0]["meanTightness"] as? Double == 1.5)
        #expect(list[0]["score"] as? Int == 3)
        #expect(list[0]["partial"] as? Bool == true)
        #expect(list[1]["meanTightness"] is NSNull)
        #expect(list[1]["score"] is NSNull)
        let show = try object(MapReport.json(empty, pass: nil))
        #expect(show["meanTightness"] is NSNull && show["score"] is NSNull)
        #expect(try object(MapReport.json(rolled, pass: nil))["meanTightness"] as? Double == 1.5)
        let compare = try object(CompareReport.json(SessionComparison(rolled, with: empty)))
        let summary = try #require(compare["summary"] as? [String: Any])
        #expect(summary["meanTightnessA"] as? Double == 1.5)
        #expect(summary["meanTightnessB"] is NSNull)
        #expect(summary["sameSubject"] as? Bool == true)
        #expect((compare["b"] as? [String: Any])?["score"] is NSNull)
        let trends = try object(TrendsReport.json(Trends([SessionSummary(rolled), SessionSummary(empty)])))
        let sessions = try #require(trends["sessions"] as? [[String: Any]])
        #expect(sessions[0]["meanTightness"] as? Double == 1.5)
        #expect(sessions[1]["meanTightness"] is NSNull)
        #expect(trends["subjects"] as? [String] == ["me"])
    }

    @Test func printedListFitsEightyColumnsAndShowsTheMean() throws {
        var long = try session(id: "20261101-190000-aaaa", startedAt: "2026-11-01T19:00:00+01:00",
                               marks: [mark(.left, .t7, .tight)])
        long.subject = "Annabelle-Marie"
        long.painBefore = 6
        long.painAfter = 3
        let empty = try session(id: "20261102-190000-bbbb", startedAt: "2026-11-02T19:00:00+01:00")
        let rows = SessionList.rows([SessionSummary(long), SessionSummary(empty)])
        let text = SessionList.text(rows, ascii: false, width: 80)
        for line in text.split(separator: "\n") {
            #expect(TerminalText.width(of: String(line)) <= 80, "\(line)")
        }
        #expect(text.contains("SCORE  MEAN"))
        #expect(text.contains("0/36      –     –"))
        #expect(text.contains("2.00"))
        // Without a width, every column.
        #expect(SessionList.text(rows, ascii: true).contains("TECHNIQUE"))
    }

    @Test func aTableOfManyBlocksHasEveryRowOnceNewestFirst() throws {
        // More rows than a core takes at a time, so the table is built and written in blocks.
        let subjects = ["Anna", "ben", "Anna", "Carla"]
        let oldest = try (0..<2_600).map { day -> SessionSummary in
            let start = Timestamp(date: Date(timeIntervalSince1970: Double(1_767_254_400 + day * 86_400)), utcOffset: 3_600)
            var s = try session(id: SessionID.make(at: start, random: { UInt16(day % 65_536) }).rawValue, startedAt: start.description,
                                marks: Zone.all.prefix(day % 37).map { try mark($0.side, $0.segment, .tight) })
            s.subject = subjects[day / 7 % subjects.count]
            s.painBefore = day % 11
            return SessionSummary(s)
        }
        var parts = 0
        var bytes: [UInt8] = []
        SessionList.writeTable(oldestFirst: oldest, ascii: false, width: nil) {
            parts += 1
            bytes.append(contentsOf: $0)
        }
        #expect(parts > 2)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == oldest.count + 1)
        for (line, row) in zip(lines.dropFirst(), oldest.reversed()) {
            let cells = line.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
            let expected = [SessionListColumn.id, .date, .subject, .technique, .zones, .score, .mean, .pain]
                .map { $0.text(row, ascii: false) }
            #expect(cells == expected, "\(line)")
        }
        #expect(bytes == SessionList.table(oldest.reversed(), ascii: false))
    }
}

/// What `list` writes for sessions given oldest first, gathered from its blocks.
func written(oldestFirst rows: [SessionSummary], ascii: Bool, width: Int?) -> [UInt8] {
    var bytes: [UInt8] = []
    SessionList.writeTable(oldestFirst: rows, ascii: ascii, width: width) { bytes.append(contentsOf: $0) }
    return bytes
}
