import BackMapCore
import Foundation
import Testing
import TestSupport

/// Everyday use with two people in one store, in a default 80×24 terminal:
/// compare and trends open from the list, REFs count within `--subject`,
/// trends never pool two backs silently, printed output fits 80 columns.
@Suite(.serialized) struct EverydayEndToEndTests {
    private func run(_ arguments: [String], columns: Int? = nil) async throws -> Finished {
        try await EndToEndTests.run(Programs.backmap(), arguments, environment: columns.map { ["COLUMNS": String($0)] } ?? [:])
    }

    @Test func compareAndTrendsOpenFromTheListAt80x24() async throws {
        let store = try TwoPeopleStore()
        let tmux = try await TmuxSession([], store: store.root, width: 80, height: 24, term: "tmux-256color")
        defer { tmux.close() }
        // Newest first: ben 11-16, anna 11-15, ben 11-09, anna 11-08, anna 11-01.
        try await tmux.waitFor("5 sessions")
        try await tmux.send("j", "m", "j", "j", "c")
        let compare = try await tmux.waitForFrame("compare · anna · A 2026-11-08")
        #expect(!compare.contains("need"))
        // Both backs whole, the change column and the one-line summary with the means.
        for segment in Segment.allCases {
            #expect(compare.contains(" \(segment.name) "), "\(segment.name) missing")
        }
        #expect(compare.contains("mean 2.00→1.00"))
        try await tmux.send("i")
        try await tmux.waitFor("mean tightness     2.00    1.00")
        try await tmux.send("q", "q")
        try await tmux.waitFor("5 sessions")
        // t opens the trends of the selected session's subject (anna's), at 80×24 too.
        try await tmux.send("t")
        let trends = try await tmux.waitForFrame("trends · anna · all 3 sessions")
        #expect(!trends.contains("need"))
        #expect(trends.contains("S1"))
        // s steps to the next subject (newest first), then all pooled, then round again.
        try await tmux.send("s")
        try await tmux.waitFor("all subjects pooled (ben, anna)")
        try await tmux.send("s")
        try await tmux.waitFor("trends · ben · all 2 sessions")
        try await tmux.send("q", "q")
        _ = try await tmux.waitForExit()
    }

    @Test func refsCountWithinTheSubjectAndTwoSubjectsAreNamed() async throws {
        let store = try TwoPeopleStore()
        let anna = try await run(["compare", "last~1", "last", "--subject", "anna", "--print", "--store", store.path])
        #expect(anna.status == 0, "\(anna.stderr)")
        #expect(anna.stdout.hasPrefix("A 20261108-190000-aaa2"))
        #expect(anna.stdout.contains("B 20261115-190000-aaa3"))
        let mixed = try await run(["compare", "last~1", "last", "--print", "--store", store.path])
        #expect(mixed.stdout.hasPrefix("A and B are different people (A anna, B ben)"))
        let json = try await run(["compare", "last~1", "last", "--json", "--store", store.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["summary"] as? [String: Any])?["sameSubject"] as? Bool == false)
        let show = try await run(["show", "last", "--subject", "ANNA", "--json", "--store", store.path])
        #expect(show.stdout.contains("\"id\" : \"20261115-190000-aaa3\""))
        let tooFar = try await run(["show", "last~2", "--subject", "ben", "--store", store.path])
        #expect(tooFar.status != 0)
        #expect(tooFar.stderr == "backmap: \"ben\" has 2 sessions; last~2 goes back further.\n")
        let list = try await run(["list", "--subject", "ANNA", "--store", store.path])
        #expect(list.stdout.split(separator: "\n").count == 4)
        #expect(list.stdout.contains("SCORE  MEAN"))
    }

    @Test func trendsTakeTheNewestSessionsSubjectAndPoolOnlyWhenAsked() async throws {
        let store = try TwoPeopleStore()
        let newest = try await run(["trends", "--print", "--store", store.path])
        #expect(newest.stdout.hasPrefix("backmap · trends · ben · all 2 sessions"))
        let pooled = try await run(["trends", "--print", "--subject", "all", "--store", store.path])
        #expect(pooled.stdout.hasPrefix("backmap · trends · all subjects pooled (ben, anna) · all 5 sessions"))
        let anna = try await run(["trends", "--json", "--subject", "Anna", "--store", store.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(anna.stdout.utf8)) as? [String: Any])
        #expect(object["subject"] as? String == "anna")
        #expect(object["pooled"] as? Bool == false)
        #expect((object["sessions"] as? [[String: Any]])?.map { $0["meanTightness"] as? Double } == [3, 2, 1])
    }

    /// `list` and printed `trends` are read without ArgumentParser in their plain forms
    /// (`--store` after the command or before it); repeating `--store` is left to the
    /// parser, which must print exactly the same.
    @Test func plainFormsPrintWhatTheParserWould() async throws {
        let store = try TwoPeopleStore()
        let forms: [[String]] = [
            ["list"], ["list", "--json"], ["list", "--subject", "ANNA"], ["list", "--subject=ben", "--ascii"],
            ["list", "--subject", "nobody"],
            ["trends", "--print"], ["trends", "--json"], ["trends", "--print", "--subject", "all", "--last", "3"],
            ["trends", "--json", "--print", "--last=2"], ["trends", "--print", "--tag", "none", "--ascii"],
        ]
        for form in forms {
            // The store after the command, and before it as the usage line shows it.
            for (plainForm, parsedForm) in [(form + ["--store", store.path], form + ["--store", store.path, "--store", store.path]),
                                            (["--store", store.path] + form, ["--store", store.path] + form + ["--store", store.path])] {
                let plain = try await run(plainForm, columns: 90)
                let parsed = try await run(parsedForm, columns: 90)
                #expect(plain.status == parsed.status, "\(plainForm)")
                #expect(plain.stdout == parsed.stdout, "\(plainForm)")
                #expect(plain.stderr == parsed.stderr, "\(plainForm)")
                #expect(!plain.stdout.isEmpty || !plain.stderr.isEmpty, "\(plainForm)")
            }
        }
    }

    @Test func printedOutputFitsTheColumnsDownTo80() async throws {
        let store = try TwoPeopleStore()
        for arguments in [["show", "last"], ["trends", "--print", "--subject", "all"], ["list"], ["compare", "last~1", "last"]] {
            let printed = try await run(arguments + ["--store", store.path], columns: 80)
            #expect(printed.status == 0)
            let widest = printed.stdout.split(separator: "\n").map { TerminalText.width(of: String($0)) }.max() ?? 0
            #expect(widest <= 80, "\(arguments[0]) is \(widest) columns wide")
        }
        // At 80 columns the legend of show goes below the back; with room it sits beside it.
        let narrow = try await run(["show", "last", "--store", store.path], columns: 80)
        let narrowLegend = try #require(narrow.stdout.split(separator: "\n").first { $0.contains("Legend") })
        #expect(narrowLegend.hasPrefix("Legend"))
        let wide = try await run(["show", "last", "--store", store.path], columns: 120)
        let wideLegend = try #require(wide.stdout.split(separator: "\n").first { $0.contains("Legend") })
        #expect(!wideLegend.hasPrefix("Legend"))
        #expect(wide.stdout.contains("mean 2.00"))
    }
}

/// Anna (three full backs, easing from 3 to 1) and ben (two sessions, the newest of the store).
private final class TwoPeopleStore {
    let root: URL
    var path: String { root.path }

    deinit { try? FileManager.default.removeItem(at: root) }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-everyday-\(UUID().uuidString)")
        let store = SessionStore(root: root)
        for (id, subject, level) in [("20261101-190000-aaa1", "anna", Tightness.veryTight), ("20261108-190000-aaa2", "anna", .tight),
                                     ("20261109-190000-bbb1", "ben", .mild), ("20261115-190000-aaa3", "anna", .mild),
                                     ("20261116-190000-bbb2", "ben", .tight)] {
            let start = try #require(Timestamp(iso8601: "\(id.prefix(4))-\(id.dropFirst(4).prefix(2))-\(id.dropFirst(6).prefix(2))T19:00:00+01:00"))
            var session = Session(id: try #require(SessionID(id)), startedAt: start, subject: subject)
            for (index, zone) in Zone.all.enumerated() {
                session.marks.append(Mark(at: Timestamp(date: start.date.addingTimeInterval(Double(index)), utcOffset: start.utcOffset),
                                          pass: 1, zone: zone, tightness: level))
            }
            try store.save(session)
        }
    }
}

/// The list follows the store: another program's changes show without a key.
@Suite(.serialized) struct ListFollowsStoreEndToEndTests {
    @Test func anotherProcessAddingASessionShowsInTheOpenList() async throws {
        let store = try TwoPeopleStore()
        let tmux = try await TmuxSession([], store: store.root, width: 80, height: 24, term: "tmux-256color")
        defer { tmux.close() }
        try await tmux.waitFor("5 sessions")

        // Another process imports a session (an export of another store, say).
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-import-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let start = try #require(Timestamp(iso8601: "2026-11-20T08:15:00+01:00"))
        var session = Session(id: try #require(SessionID("20261120-081500-cafe")), startedAt: start, subject: "carla")
        session.marks.append(Mark(at: start, pass: 1, zone: Zone(.left, .t7), tightness: .tight))
        try SessionCodec.encode(session).write(to: elsewhere)
        let imported = try await EndToEndTests.run(Programs.backmap(), ["import", elsewhere.path, "--store", store.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        // No key is pressed: the list notices by itself.
        let added = try await tmux.waitFor("6 sessions")
        #expect(added.contains("2026-11-20 08:15  carla"))

        // A file that cannot be read is named as soon as it lands, and the line goes when it does.
        let bad = store.root.appendingPathComponent("sessions/20261121-090000-bad0.json")
        try Data("{ \"format\": ".utf8).write(to: bad)
        try await tmux.waitFor("1 file could not be read: 20261121-090000-bad0.json")
        try FileManager.default.removeItem(at: bad)
        _ = try await tmux.waitUntil("the unreadable-file line is gone") { !$0.contains("could not be read") }

        // A session moved away by hand (to the trash) leaves the list, and back again returns.
        let file = store.root.appendingPathComponent("sessions/20261120-081500-cafe.json")
        let parked = store.root.appendingPathComponent("parked.json")
        try FileManager.default.moveItem(at: file, to: parked)
        try await tmux.waitFor("5 sessions")
        try FileManager.default.moveItem(at: parked, to: file)
        try await tmux.waitFor("6 sessions")

        // Rewritten in place with its size and modification time kept, as a tool that
        // keeps both would: the folder's listing is the same, only the file's change time
        // and the write itself tell.
        try rewriteInPlaceKeepingSizeAndTime(file) { $0.replacingOccurrences(of: "\"carla\"", with: "\"carlo\"") }
        try await tmux.waitFor("2026-11-20 08:15  carlo")
        try await tmux.send("q")
        _ = try await tmux.waitForExit()
    }
}
