import BackMapCore
import Foundation
import Testing

/// The list, replay and compare screens driven in a real terminal (tmux), and
/// `compare`'s printed forms, against the built binary at .build/debug/backmap.
@Suite(.serialized) struct HistoryEndToEndTests {
    @Test func compareShowsBothSessionsAndTheRightCounts() throws {
        let store = try HistoryStore()
        let tmux = try HistoryTmux(width: 120, height: 40)
        defer { tmux.stop() }
        try tmux.start(["compare", "--store", store.path, "20261110", "20261124"])
        let screen = try tmux.waitFor("Change from A to B")
        #expect(screen.contains("A 2026-11-10 19:00 · all 2 passes"))
        #expect(screen.contains("B 2026-11-24 19:04 · 1 pass"))
        // Hand-counted: L L4 2→1, L S1 1→0 and R T7 2→1 better; R L4 2→3 worse; L T7 2→2 same.
        #expect(squeezed(screen).contains("▼ better 3"))
        #expect(squeezed(screen).contains("▲ worse 1"))
        #expect(squeezed(screen).contains("= same 1"))
        #expect(screen.contains("▼ L4  ▲"))
        // Tab then [ has nowhere to go from the first session: the screen says so.
        tmux.send("Tab", "[")
        _ = try tmux.waitFor("A is the first session of me")
        // Too narrow for two backs: it says what it needs, and comes back when the terminal grows.
        tmux.resize(width: 60, height: 20)
        _ = try tmux.waitFor("need 76x28, have 60x20")
        tmux.resize(width: 120, height: 40)
        _ = try tmux.waitFor("Change from A to B")
        tmux.send("q")
        try tmux.waitForExit()
    }

    @Test func comparePrintsWithoutATerminalAndAsJSON() throws {
        let store = try HistoryStore()
        let printed = try HistoryTmux.run(["compare", "--store", store.path, "20261110", "last"])
        #expect(printed.status == 0)
        #expect(printed.output.contains("A 20261110-190000-aaaa"))
        #expect(printed.output.contains("B 20261124-190400-bbbb"))
        #expect(printed.output.contains("▼3 better  ▲1 worse  =1 same"))
        #expect(!printed.output.contains("\u{1B}["))

        let json = try HistoryTmux.run(["compare", "--store", store.path, "20261110", "last", "--json", "--pass-a", "1"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        // Pass 1 of A: L L4 3→1, L S1 1→0, R T7 3→1 better; R L4 2→3 worse; L T7 2→2 same.
        #expect(summary["better"] as? Int == 3)
        #expect(summary["worse"] as? Int == 1)
        #expect(summary["same"] as? Int == 1)
        #expect((object["a"] as? [String: Any])?["pass"] as? Int == 1)

        let badPass = try HistoryTmux.run(["compare", "--store", store.path, "20261110", "last", "--pass-b", "2"])
        #expect(badPass.status != 0)
        #expect(badPass.error.contains("has no pass 2"))
    }

    @Test func replayStepsThroughTheMarksAndEndsOnTheMapShowPrints() throws {
        let store = try HistoryStore()
        let tmux = try HistoryTmux(width: 100, height: 30)
        defer { tmux.stop() }
        try tmux.start(["replay", "--store", store.path, "20261110"])
        _ = try tmux.waitFor("mark ")
        tmux.send("Home")
        let start = try tmux.waitFor("mark 0/8")
        tmux.send("Right", "Right", "Right")
        let third = try tmux.waitFor("mark 3/8")
        #expect(backLines(start) != backLines(third))
        #expect(third.contains("pass 1"))
        tmux.send("End")
        let end = try tmux.waitFor("mark 8/8")
        #expect(end.contains("pass 2"))

        let shown = try HistoryTmux.run(["show", "--store", store.path, "20261110"])
        #expect(shown.status == 0)
        let replayed = backLines(end)
        #expect(replayed.count == 22)
        #expect(replayed == backLines(shown.output))
        tmux.send("q")
        try tmux.waitForExit()
    }

    @Test func replayWithoutATerminalSuggestsShow() throws {
        let store = try HistoryStore()
        let result = try HistoryTmux.run(["replay", "--store", store.path, "last"])
        #expect(result.status != 0)
        #expect(result.error.contains("backmap show last"))
    }

    @Test func dInTheListThenYMovesTheFileToTheTrash() throws {
        let store = try HistoryStore()
        let tmux = try HistoryTmux(width: 100, height: 30)
        defer { tmux.stop() }
        try tmux.start(["--store", store.path])
        _ = try tmux.waitFor("2 sessions")
        tmux.send("d")
        _ = try tmux.waitFor("move 2026-11-24 19:04 (me) to the trash? y/n")
        tmux.send("y")
        let after = try tmux.waitFor("1 session")
        #expect(after.contains("moved 20261124-190400-bbbb to the trash"))
        #expect(!FileManager.default.fileExists(atPath: store.path + "/sessions/20261124-190400-bbbb.json"))
        #expect(FileManager.default.fileExists(atPath: store.path + "/trash/20261124-190400-bbbb.json"))
        #expect(FileManager.default.fileExists(atPath: store.path + "/sessions/20261110-190000-aaaa.json"))
        tmux.send("q")
        try tmux.waitForExit()
    }

    @Test func anyOtherAnswerKeepsTheSession() throws {
        let store = try HistoryStore()
        let tmux = try HistoryTmux(width: 100, height: 30)
        defer { tmux.stop() }
        try tmux.start(["--store", store.path])
        _ = try tmux.waitFor("2 sessions")
        tmux.send("d", "n")
        _ = try tmux.waitFor("kept")
        #expect(FileManager.default.fileExists(atPath: store.path + "/sessions/20261124-190400-bbbb.json"))
        tmux.send("q")
        try tmux.waitForExit()
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

/// A small tmux driver for these tests, on its own server socket so it never
/// touches another tmux (or another suite's).
struct HistoryTmux {
    let socket = "backmap-history-\(UUID().uuidString.prefix(8))"
    let width: Int
    let height: Int

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static var tmuxPath: String {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/tmux"
    }

    static var binary: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/backmap").path
    }

    init(width: Int, height: Int) throws {
        guard FileManager.default.isExecutableFile(atPath: HistoryTmux.binary) else {
            throw Failure(description: "\(HistoryTmux.binary) is missing; run `swift build` first")
        }
        self.width = width
        self.height = height
    }

    /// Starts backmap with `arguments` in a detached session of the given size.
    func start(_ arguments: [String]) throws {
        // The pane's TERM must match what tmux sends for Home, End and the arrows.
        let command = (["env", "TERM=tmux-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "NO_COLOR=", HistoryTmux.binary] + arguments)
            .map(HistoryTmux.quoted).joined(separator: " ")
        let result = try tmux(["-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", String(height), command])
        guard result.status == 0 else { throw Failure(description: "tmux did not start: \(result.error)") }
        _ = try tmux(["set-option", "-g", "remain-on-exit", "on"])
    }

    /// Sends tmux key names ("Enter", "Home", "Right") or single characters.
    func send(_ keys: String...) {
        for key in keys {
            _ = try? tmux(["send-keys", "-t", "0", key])
        }
    }

    /// Resizes the window; the program gets a resize as from a real terminal.
    func resize(width: Int, height: Int) {
        _ = try? tmux(["resize-window", "-t", "0", "-x", String(width), "-y", String(height)])
    }

    func capture() -> String {
        (try? tmux(["capture-pane", "-p", "-t", "0"]).output) ?? ""
    }

    /// Waits until the screen shows `text`, and returns the screen.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 8) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        while Date() < deadline {
            screen = capture()
            if screen.contains(text) { return screen }
            usleep(50_000)
        }
        throw Failure(description: "the screen never showed \"\(text)\"; it shows:\n\(screen)")
    }

    /// Waits until backmap has left (the pane is dead).
    func waitForExit(seconds: Double = 8) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let dead = (try? tmux(["display-message", "-p", "-t", "0", "#{pane_dead}"]).output) ?? ""
            if dead.hasPrefix("1") || dead.isEmpty { return }
            usleep(50_000)
        }
        throw Failure(description: "backmap did not quit")
    }

    /// Ends the tmux server and removes its socket, leaving nothing behind.
    func stop() {
        _ = try? tmux(["kill-server"])
        let socketFolder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(socketFolder)/tmux-\(getuid())/\(socket)")
    }

    private func tmux(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        try HistoryTmux.execute(HistoryTmux.tmuxPath, ["-L", socket] + arguments, environment: [:])
    }

    /// Runs backmap without a terminal (stdout is a pipe).
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        try execute(binary, arguments, environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"])
    }

    /// Runs a program to its end with output in files rather than pipes: a tmux server
    /// started here outlives its client and would hold a pipe open for ever. The child
    /// gets an empty signal mask, because the test's thread blocks signals and a tmux
    /// that inherits that mask never hears of its children ending.
    private static func execute(_ path: String, _ arguments: [String], environment: [String: String]) throws
        -> (status: Int32, output: String, error: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-history-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outPath = folder.appendingPathComponent("out").path
        let errPath = folder.appendingPathComponent("err").path

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure(description: "could not start \(path): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS by hand: the macros do not reach Swift.
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let error = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return (code, output, error)
    }

    private static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
