import BackMapCore
import Foundation
import Testing

/// The list, replay and compare screens driven in a real terminal (tmux), and
/// `compare`'s printed forms, against the built binary at .build/debug/backmap.
@Suite(.serialized) struct HistoryEndToEndTests {
    /// backmap in a pane whose TERM is tmux's own, so Home and End decode.
    private func tmux(_ arguments: [String], store: HistoryStore, width: Int, height: Int) async throws -> TmuxSession {
        try await TmuxSession(arguments, store: URL(fileURLWithPath: store.path), width: width, height: height, term: "tmux-256color")
    }

    /// backmap without a terminal (stdout is a pipe).
    private func run(_ arguments: [String]) async throws -> (status: Int32, output: String, error: String) {
        let finished = try await EndToEndTests.run(Programs.backmap(), arguments)
        return (finished.status, finished.stdout, finished.stderr)
    }

    @Test func compareShowsBothSessionsAndTheRightCounts() async throws {
        let store = try HistoryStore()
        let tmux = try await tmux(["compare", "20261110", "20261124"], store: store, width: 120, height: 40)
        defer { tmux.close() }
        let screen = try await tmux.waitForFrame("Change from A to B")
        #expect(screen.contains("A 2026-11-10 19:00 · all 2 passes"))
        #expect(screen.contains("B 2026-11-24 19:04 · 1 pass"))
        // Hand-counted: L L4 2→1, L S1 1→0 and R T7 2→1 better; R L4 2→3 worse; L T7 2→2 same.
        #expect(squeezed(screen).contains("▼ better 3"))
        #expect(squeezed(screen).contains("▲ worse 1"))
        #expect(squeezed(screen).contains("= same 1"))
        #expect(screen.contains("▼ L4  ▲"))
        // Tab then [ has nowhere to go from the first session: the screen says so.
        try await tmux.send("Tab", "[")
        try await tmux.waitFor("A is the first session of me")
        // Too narrow for two backs: it says what it needs, and comes back when the terminal grows.
        try await tmux.resize(width: 60, height: 20)
        try await tmux.waitFor("need 76x24, have 60x20")
        try await tmux.resize(width: 120, height: 40)
        try await tmux.waitFor("Change from A to B")
        try await tmux.send("q")
        _ = try await tmux.waitForExit()
    }

    @Test func comparePrintsWithoutATerminalAndAsJSON() async throws {
        let store = try HistoryStore()
        let printed = try await run(["compare", "--store", store.path, "20261110", "last"])
        #expect(printed.status == 0)
        #expect(printed.output.contains("A 20261110-190000-aaaa"))
        #expect(printed.output.contains("B 20261124-190400-bbbb"))
        #expect(printed.output.contains("▼3 better  ▲1 worse  =1 same"))
        #expect(!printed.output.contains("\u{1B}["))

        let json = try await run(["compare", "--store", store.path, "20261110", "last", "--json", "--pass-a", "1"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        // Pass 1 of A: L L4 3→1, L S1 1→0, R T7 3→1 better; R L4 2→3 worse; L T7 2→2 same.
        #expect(summary["better"] as? Int == 3)
        #expect(summary["worse"] as? Int == 1)
        #expect(summary["same"] as? Int == 1)
        #expect((object["a"] as? [String: Any])?["pass"] as? Int == 1)

        let badPass = try await run(["compare", "--store", store.path, "20261110", "last", "--pass-b", "2"])
        #expect(badPass.status != 0)
        #expect(badPass.error.contains("has no pass 2"))
    }

    @Test func compareAndTrendsPrintWhenInputIsNotATerminal() async throws {
        let store = try HistoryStore()
        // Output on a terminal, input from a file: every command with a printed form prints.
        for (arguments, printed) in [(["compare", "20261110", "last"], "A 20261110-190000-aaaa"), (["trends"], "How often tight")] {
            let tmux = try await TmuxSession(arguments, store: URL(fileURLWithPath: store.path), width: 120, height: 50, input: "/dev/null")
            defer { tmux.close() }
            #expect(try await tmux.waitForExit() == 0, "\(arguments[0]) prints")
            #expect(try await tmux.joinedScreen().contains(printed))
        }
    }

    @Test func showAndCompareCheckAPassAlikeAndWordItAlike() async throws {
        let store = try HistoryStore()
        // 20261124 has one pass: asking for pass 2 lists the passes it has, in one wording.
        let show = try await run(["show", "--store", store.path, "20261124", "--pass", "2"])
        let compare = try await run(["compare", "--store", store.path, "20261124", "20261124", "--pass-a", "2"])
        #expect(show.status == 1 && compare.status == 1)
        #expect(show.error == "backmap: Session 20261124-190400-bbbb has no pass 2; its passes are 1.\n")
        #expect(compare.error == show.error)
        // Pass 0 is refused while parsing, before any file is read, by both.
        let showZero = try await run(["show", "--store", "/nonexistent", "last", "--pass", "0"])
        let compareZero = try await run(["compare", "--store", "/nonexistent", "last", "--pass-b", "0"])
        #expect(showZero.status == 64 && compareZero.status == 64)
        #expect(showZero.error == "backmap: --pass must be 1 or more; `backmap show --help` says how to use it.\n")
        #expect(compareZero.error == "backmap: --pass-b must be 1 or more; `backmap compare --help` says how to use it.\n")
    }

    @Test func replayStepsThroughTheMarksAndEndsOnTheMapShowPrints() async throws {
        let store = try HistoryStore()
        let tmux = try await tmux(["replay", "20261110"], store: store, width: 100, height: 30)
        defer { tmux.close() }
        try await tmux.waitFor("mark ")
        try await tmux.send("Home")
        let start = try await tmux.waitForFrame("mark 0/8")
        try await tmux.send("Right", "Right", "Right")
        let third = try await tmux.waitForFrame("mark 3/8")
        #expect(backLines(start) != backLines(third))
        #expect(third.contains("pass 1"))
        try await tmux.send("End")
        let end = try await tmux.waitForFrame("mark 8/8")
        #expect(end.contains("pass 2"))

        let shown = try await run(["show", "--store", store.path, "20261110"])
        #expect(shown.status == 0)
        let replayed = backLines(end)
        #expect(replayed.count == 22)
        #expect(replayed == backLines(shown.output))
        try await tmux.send("q")
        _ = try await tmux.waitForExit()
    }

    @Test func replayWithoutATerminalSuggestsShow() async throws {
        let store = try HistoryStore()
        let result = try await run(["replay", "--store", store.path, "last"])
        #expect(result.status != 0)
        #expect(result.error.contains("backmap show last"))
    }

    @Test func dInTheListThenYMovesTheFileToTheTrash() async throws {
        let store = try HistoryStore()
        let tmux = try await tmux([], store: store, width: 100, height: 30)
        defer { tmux.close() }
        try await tmux.waitFor("2 sessions")
        try await tmux.send("d")
        try await tmux.waitFor("move 2026-11-24 19:04 (me) to the trash? y/n")
        try await tmux.send("y")
        let after = try await tmux.waitForFrame("1 session")
        #expect(after.contains("moved 20261124-190400-bbbb to the trash"))
        #expect(!FileManager.default.fileExists(atPath: store.path + "/sessions/20261124-190400-bbbb.json"))
        #expect(FileManager.default.fileExists(atPath: store.path + "/trash/20261124-190400-bbbb.json"))
        #expect(FileManager.default.fileExists(atPath: store.path + "/sessions/20261110-190000-aaaa.json"))
        try await tmux.send("q")
        _ = try await tmux.waitForExit()
    }

    @Test func anyOtherAnswerKeepsTheSession() async throws {
        let store = try HistoryStore()
        let tmux = try await tmux([], store: store, width: 100, height: 30)
        defer { tmux.close() }
        try await tmux.waitFor("2 sessions")
        try await tmux.send("d", "n")
        try await tmux.waitFor("kept")
        #expect(FileManager.default.fileExists(atPath: store.path + "/sessions/20261124-190400-bbbb.json"))
        try await tmux.send("q")
        _ = try await tmux.waitForExit()
    }

    /// Runs of spaces made one, so table columns can be matched as phrases.
    private func squeezed(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// The 22 lines of the back, from "LEFT head RIGHT" down, cut to the back itself
    /// (no landmark notes, no side panel) and without replay's pointer at the last mark.
    private func backLines(_ screen: String) -> [String] {
        let lines = screen.components(separatedBy: "\n").map { Array($0) }
        guard let top = lines.firstIndex(where: { String($0).contains("LEFT  head  RIGHT") }),
              let column = String(lines[top]).range(of: "LEFT").map({ String(lines[top])[..<$0.lowerBound].count })
        else { return [] }
        let left = column - 10
        return lines[top..<min(lines.count, top + 22)].map { line in
            let cut = line.dropFirst(left).prefix(38)
            return String(cut).replacingOccurrences(of: "▶", with: " ").replacingOccurrences(of: "◀", with: " ")
                .trimmingCharacters(in: .whitespaces)
        }
    }
}

/// A temporary store with two sessions of one person, two weeks apart,
/// removed when the test is done with it.
private final class HistoryStore {
    let path: String

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    init() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-history-\(UUID().uuidString)")
        path = root.path
        let store = SessionStore(root: root)
        try store.save(HistoryStore.session("20261110-190000-aaaa", at: "2026-11-10T19:00:00+01:00", painBefore: 6, painAfter: 3, marks: [
            (1, .left, .s1, .mild), (1, .left, .l4, .veryTight), (1, .left, .t7, .tight),
            (1, .right, .s1, .relaxed), (1, .right, .l4, .tight), (1, .right, .t7, .veryTight),
            (2, .left, .l4, .tight), (2, .right, .t7, .tight),
        ]))
        try store.save(HistoryStore.session("20261124-190400-bbbb", at: "2026-11-24T19:04:00+01:00", painBefore: 4, painAfter: 2, marks: [
            (1, .left, .s1, .relaxed), (1, .left, .l4, .mild), (1, .left, .t7, .tight),
            (1, .right, .l4, .veryTight), (1, .right, .t7, .mild), (1, .right, .t1, .mild),
        ]))
    }

    static func session(_ id: String, at start: String, painBefore: Int, painAfter: Int,
                        marks: [(Int, Side, Segment, Tightness?)]) throws -> Session {
        let begin = try #require(Timestamp(iso8601: start))
        var session = Session(id: try #require(SessionID(id)), startedAt: begin, painBefore: painBefore, painAfter: painAfter)
        for (index, mark) in marks.enumerated() {
            let at = Timestamp(date: begin.date.addingTimeInterval(Double(index * 7)), utcOffset: begin.utcOffset)
            session.marks.append(Mark(at: at, pass: mark.0, zone: Zone(mark.1, mark.2), tightness: mark.3))
        }
        return session
    }
}
