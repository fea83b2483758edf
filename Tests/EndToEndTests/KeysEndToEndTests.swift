import BackMapCore
import Foundation
import Testing

/// Keys and terminals as people have them: TERM=xterm-256color inside tmux
/// (set in the pane's command, TmuxSession's default), where tmux sends Home
/// and End as `ESC [1~` and `ESC [4~`, sequences xterm's terminfo entry does not list.
@Suite("End to end: keys and terminals", .serialized)
struct KeysEndToEndTests {
    /// A store with one session of three marks in pass 1.
    private func storeWithOneSession() throws -> (TemporaryFolder, URL) {
        let folder = try TemporaryFolder("backmap-keys")
        let root = folder.appending("store")
        let start = try #require(Timestamp(iso8601: "2026-11-10T19:00:00+01:00"))
        var session = Session(id: try #require(SessionID("20261110-190000-aaaa")), startedAt: start)
        for (index, (segment, value)) in [(Segment.s1, Tightness.mild), (.l5, .tight), (.l4, .veryTight)].enumerated() {
            let at = Timestamp(date: start.date.addingTimeInterval(Double(index * 5)), utcOffset: start.utcOffset)
            session.marks.append(Mark(at: at, pass: 1, zone: Zone(.left, segment), tightness: value))
        }
        try SessionStore(root: root).save(session)
        return (folder, root)
    }

    private func onlySession(in store: URL) throws -> Session {
        let files = try sessionFiles(in: store)
        try #require(files.count == 1, "one session file, found \(files.count)")
        return try SessionCodec.decode(Data(contentsOf: files[0]))
    }

    // MARK: 1. Escape sequences

    @Test func endAndHomeInReplayJumpInsteadOfLeaving() async throws {
        let (folder, store) = try storeWithOneSession()
        _ = folder
        let tmux = try await TmuxSession(["replay", "last"], store: store, width: 100, height: 30)
        defer { tmux.close() }
        try await tmux.waitFor("mark ")
        try await tmux.send("End")
        try await tmux.waitForFrame("mark 3/3")
        try await tmux.send("Home")
        try await tmux.waitForFrame("mark 0/3")
        try await tmux.send("End")
        let end = try await tmux.waitForFrame("mark 3/3")
        #expect(end.contains("replay"))
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func homeAndEndInANotePromptMoveInTheTextAndLoseNothing() async throws {
        let tmux = try await TmuxSession(["new"])
        defer { tmux.close() }
        try await tmux.waitFor("left S1")
        try await tmux.send("n")
        try await tmux.waitFor("note on left S1")
        try await tmux.sendLiteral("pire gauche")
        try await tmux.send("Home")
        try await tmux.sendLiteral("tres ")
        try await tmux.send("End")
        // Once, End closed the prompt and the space that followed rated the zone.
        try await tmux.sendLiteral(" !")
        try await tmux.waitFor("tres pire gauche !")
        try await tmux.send("Enter")
        try await tmux.waitFor("Note on left S1")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
        let session = try onlySession(in: tmux.store)
        #expect(session.note(for: Zone(.left, .s1)) == "tres pire gauche !")
        #expect(session.map.ratedCount == 0, "no stray key rated a zone: \(session.marks)")
    }

    // MARK: 2. Esc keeps a draft

    @Test func escInANotePromptKeepsTheDraftForNextTime() async throws {
        let tmux = try await TmuxSession(["new"])
        defer { tmux.close() }
        try await tmux.waitFor("left S1")
        try await tmux.send("n")
        try await tmux.waitFor("note on left S1")
        try await tmux.sendLiteral("sore when pinched")
        try await tmux.send("Escape")
        try await tmux.waitFor("draft")
        try await tmux.send("n")
        try await tmux.waitFor("note on left S1: sore when pinched")
        try await tmux.sendLiteral(", less today")
        try await tmux.send("Enter")
        try await tmux.waitFor("Note on left S1")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
        #expect(try onlySession(in: tmux.store).note(for: Zone(.left, .s1)) == "sore when pinched, less today")
    }

    // MARK: 3. Pain prompts

    @Test func painPromptTypingReplacesTheStoredValueAndAWrongValueKeepsItOpen() async throws {
        let tmux = try await TmuxSession(["new"])
        defer { tmux.close() }
        try await tmux.waitFor("left S1")
        try await tmux.send("b", "4", "Enter")
        try await tmux.waitFor("pain 4 ")
        // The stored 4 is pre-filled; typing 5 replaces it rather than making 45.
        try await tmux.send("b")
        try await tmux.waitFor("pain before, 0-10")
        try await tmux.send("5", "Enter")
        try await tmux.waitFor("pain 5 ")
        // 5 then 7 is 57: the prompt stays open with the reason and the text.
        try await tmux.send("b", "5", "7", "Enter")
        try await tmux.waitFor("pain is a whole number from 0 to 10")
        let open = try await tmux.screen()
        #expect(open.contains("pain before, 0-10 (empty clears): 57"))
        try await tmux.send("BSpace", "Enter")
        try await tmux.waitUntil("the prompt closed on pain 5") { $0.contains("pain 5 ") && !$0.contains("0-10 (empty") }
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
        #expect(try onlySession(in: tmux.store).painBefore == 5)
    }

    // MARK: 4. A click in one read

    @Test func clickWhosePressAndReleaseArriveInOneWriteCyclesTheZone() async throws {
        let tmux = try await TmuxSession(["new"])
        defer { tmux.close() }
        let screen = try await tmux.waitFor("left S1")
        let lines = screen.components(separatedBy: "\n")
        let row = try #require(lines.firstIndex { $0.hasPrefix(" L3 ") }, "a row labelled L3:\n\(screen)")
        let column = try #require(lines[row].firstIndex(of: "·").map { lines[row].distance(from: lines[row].startIndex, to: $0) })
        // Press and release in one write, as a fast click over ssh arrives.
        try await tmux.sendLiteral("\u{1B}[<0;\(column + 1);\(row + 1)M\u{1B}[<0;\(column + 1);\(row + 1)m")
        let clicked = try await tmux.waitFor("left L3")
        #expect(clicked.contains("rolled 1/36, score 0"))
        // A second quick click cycles on; a key right after still counts.
        try await tmux.sendLiteral("\u{1B}[<0;\(column + 1);\(row + 1)M\u{1B}[<0;\(column + 1);\(row + 1)m2")
        try await tmux.waitFor("rolled 1/36, score 2")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
        try expectOneSession(in: tmux.store, marks: [(Zone(.left, .l3), .relaxed), (Zone(.left, .l3), .mild), (Zone(.left, .l3), .tight)])
    }

    // MARK: 8. Terminals that cannot run the program

    @Test(arguments: ["dumb", "no-such-terminal"])
    func aTerminalThatCannotRunTheProgramSaysSoAndSuggestsPrinting(term: String) async throws {
        let tmux = try await TmuxSession(["new"], term: term)
        defer { tmux.close() }
        let status = try await tmux.waitForExit()
        #expect(status != 0)
        let screen = try await tmux.joinedScreen()
        let said = screen.components(separatedBy: "\n").filter { $0.hasPrefix("backmap: ") }
        #expect(said.count == 1, "one sentence:\n\(screen)")
        let sentence = said.first ?? ""
        #expect(sentence.contains("cannot run the interactive program"), "\(sentence)")
        #expect(sentence.contains("`backmap show last` prints"), "\(sentence)")
        #expect(sentence.hasSuffix("."), "\(sentence)")
        // Nothing was drawn: no title bar or status line run together.
        #expect(!screen.contains("editor"), "\(screen)")
        #expect(try sessionFiles(in: tmux.store).isEmpty)
    }
}

/// Issue 12 item 14: the words of errors and help.
@Suite("End to end: wording of errors and help", .serialized)
struct WordingEndToEndTests {
    @Test(arguments: [
        (["show"], "backmap show --help"),
        (["trends", "--last", "0"], "backmap trends --help"),
        (["new", "--technique", "massage"], "backmap new --help"),
        (["bogus"], "backmap --help"),
    ])
    func argumentErrorsAreOneSentenceWithAPointerToHelp(arguments: [String], help: String) async throws {
        let folder = try TemporaryFolder()
        let finished = try await run(Programs.backmap(), arguments + ["--store", folder.appending("store").path])
        #expect(finished.status == 64)
        expectOneSentence(finished.stderr)
        #expect(finished.stderr.contains("`\(help)`"), "\(finished.stderr)")
        #expect(!finished.stderr.contains("Error:") && !finished.stderr.contains("Usage:"), "\(finished.stderr)")
        #expect(finished.stderr.components(separatedBy: ". ").count == 1, "one sentence: \(finished.stderr)")
    }

    @Test func helpTextsSayEachThingOnce() async throws {
        let new = try await run(Programs.backmap(), ["new", "--help"])
        #expect(new.stdout.components(separatedBy: "foam-roller").count == 2, "techniques listed once:\n\(new.stdout)")
        let trends = try await run(Programs.backmap(), ["trends", "--help"])
        #expect(!trends.stdout.contains("(default 30)"))
    }

    @Test func aWrongDateIsNotADateAndLastTildeKeepsItsSpelling() async throws {
        let folder = try TemporaryFolder()
        let store = folder.appending("store")
        let date = try await run(Programs.backmap(), ["show", "2026-13-45", "--store", store.path])
        #expect(date.status != 0)
        expectOneSentence(date.stderr)
        #expect(date.stderr.contains("2026-13-45 is not a date"), "\(date.stderr)")

        let start = try #require(Timestamp(iso8601: "2026-11-10T19:00:00+01:00"))
        try SessionStore(root: store).save(Session(id: try #require(SessionID("20261110-190000-aaaa")), startedAt: start))
        let far = try await run(Programs.backmap(), ["show", "last~20", "--store", store.path])
        expectOneSentence(far.stderr)
        #expect(far.stderr.hasPrefix("backmap: last~20 goes back further"), "\(far.stderr)")
    }

    @Test func showOnABrokenFileGivesItsReason() async throws {
        let folder = try TemporaryFolder()
        let store = folder.appending("store")
        try FileManager.default.createDirectory(at: store.appendingPathComponent("sessions"), withIntermediateDirectories: true)
        try Data("{\"format\": \"backmap.session\",".utf8).write(to: store.appendingPathComponent("sessions/20261124-190000-dead.json"))
        let shown = try await run(Programs.backmap(), ["show", "20261124-190000-dead", "--store", store.path])
        #expect(shown.status != 0)
        expectOneSentence(shown.stderr)
        #expect(shown.stderr.contains("bad JSON"), "\(shown.stderr)")
        #expect(!shown.stderr.contains("No session matches"), "\(shown.stderr)")
    }
}
