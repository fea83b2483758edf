import BackMapCore
import Foundation
import Glibc
import Testing

/// The built `backmap` binary, driven in tmux as a person would use it.
///
/// Needs `swift build` first and tmux (README: `swift build && swift test`).
@Suite("End to end: the editor in a terminal", .serialized)
struct EditorEndToEndTests {
    /// The marks a guided roll of "3 2 1 0" must leave: left S1 up to L3, pass 1, in order.
    static let guidedMarks: [(Zone, Tightness)] = [
        (Zone(.left, .s1), .veryTight), (Zone(.left, .l5), .tight),
        (Zone(.left, .l4), .mild), (Zone(.left, .l3), .relaxed),
    ]

    @Test func guidedMarkingOfFourZonesIsSavedAndShown() async throws {
        let tmux = try await TmuxSession(["new"])
        defer { tmux.close() }
        try await tmux.waitFor("left S1")
        try await tmux.send("g", "3", "2", "1", "0")
        try await tmux.waitFor("rolled 4/36")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)

        let files = try sessionFiles(in: tmux.store)
        try #require(files.count == 1, "one session file, found \(files.map(\.lastPathComponent))")
        let session = try SessionCodec.decode(Data(contentsOf: files[0]))
        #expect(session.marks.map(\.zone) == Self.guidedMarks.map(\.0))
        #expect(session.marks.map(\.tightness) == Self.guidedMarks.map(\.1))
        #expect(session.marks.allSatisfy { $0.pass == 1 })

        // The printed drawing: the four cells carry their level, every other zone is unknown.
        let shown = try await run(Programs.backmap(), ["show", "last", "--store", tmux.store.path])
        #expect(shown.status == 0)
        #expect(shown.stderr.isEmpty)
        let printed = try PrintedBack(shown.stdout)
        #expect(printed.cell(Zone(.left, .s1)) == "▓▓▓3▓▓▓")
        #expect(printed.cell(Zone(.left, .l5)) == "▒▒▒2▒▒▒")
        #expect(printed.cell(Zone(.left, .l4)) == "░░░1░░░")
        #expect(printed.cell(Zone(.left, .l3)) == "   0   ")
        let marked = Set(Self.guidedMarks.map(\.0))
        for zone in Zone.all where !marked.contains(zone) {
            #expect(printed.cell(zone) == "   ·   ", "\(zone) should be unknown")
        }
        #expect(shown.stdout.contains("rolled 4/36"))
        #expect(shown.stdout.contains("score 6"))

        let json = try await run(Programs.backmap(), ["show", "last", "--json", "--store", tmux.store.path])
        #expect(json.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["id"] as? String == session.id.rawValue)
        #expect(report["zonesRated"] as? Int == 4)
        #expect(report["score"] as? Int == 6)
        let zones = try #require(report["zones"] as? [[String: Any]])
        #expect(zones.count == 36)
        for entry in zones {
            let zone = try #require(Segment(name: entry["segment"] as? String ?? "")
                .flatMap { segment in Side(rawValue: entry["side"] as? String ?? "").map { Zone($0, segment) } })
            if let expected = Self.guidedMarks.first(where: { $0.0 == zone })?.1.rawValue {
                #expect(entry["tightness"] as? Int == expected, "\(zone) in show --json")
            } else {
                // Unknown is spelled out as null, never left out or given as 0.
                #expect(entry["tightness"] is NSNull, "\(zone) is null in show --json")
            }
        }
    }

    @Test func resizeToTinyAndBack() async throws {
        let tmux = try await TmuxSession(["new"])
        defer { tmux.close() }
        try await tmux.waitFor("left S1")

        try await tmux.resize(width: 30, height: 10)
        let tiny = try await tmux.waitFor("Terminal too small")
        #expect(tiny.contains("have 30x10"))
        // The notice names the size it needs; at exactly that size the back is drawn.
        let needed = try #require(tiny.firstMatch(of: /need (\d+)x(\d+)/), "the notice names the size it needs:\n\(tiny)")
        let width = try #require(Int(needed.1)), height = try #require(Int(needed.2))
        #expect(width > 30 || height > 10)
        try await tmux.resize(width: width, height: height)
        try await tmux.waitUntil("the back is drawn at \(width)x\(height)") { $0.contains("S1") && !$0.contains("too small") }
        // One column or line less is too small again.
        try await tmux.resize(width: width - 1, height: height)
        try await tmux.waitFor("Terminal too small")

        try await tmux.resize(width: 80, height: 24)
        try await tmux.waitUntil("the back is drawn again") { $0.contains("Legend") && !$0.contains("too small") }
        try await tmux.send("3")
        try await tmux.waitFor("rolled 1/36")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func killDuringMarkingLeavesWholeFiles() async throws {
        let folder = try TemporaryFolder()
        let store = folder.appending("store")
        // Guided marks in rolling order, so any whole file holds a prefix of them.
        let keys = ["g"] + Array(repeating: ["3", "2", "1", "0"], count: 5).flatMap { $0 }
        let expected = Zone.rollingOrder.prefix(keys.count - 1).enumerated().map { index, zone in
            (zone, Tightness(rawValue: 3 - index % 4))
        }
        for round in 0..<5 {
            let tmux = try await TmuxSession(["new"], store: store)
            defer { tmux.close() }
            try await tmux.waitFor("left S1")
            let pid = try await tmux.backmapPID()
            try await tmux.send(keys)
            // Let a different number of writes land each round before the kill.
            try await Task.sleep(for: .milliseconds(round * 15))
            #expect(kill(pid, SIGKILL) == 0)
            #expect(try await tmux.waitForExit() == 128 + SIGKILL)

            let files = try sessionFiles(in: store)
            for file in files {
                let session: Session
                do {
                    session = try SessionCodec.decode(Data(contentsOf: file))
                } catch {
                    Issue.record("round \(round): \(file.lastPathComponent) is not a whole session: \(error)")
                    continue
                }
                let prefix = expected.prefix(session.marks.count)
                #expect(session.marks.map(\.zone) == prefix.map(\.0), "round \(round): \(file.lastPathComponent)")
                #expect(session.marks.map(\.tightness) == prefix.map(\.1), "round \(round): \(file.lastPathComponent)")
            }
            // Temporaries a killed writer left are never taken for sessions.
            let scan = SessionStore(root: store).scan()
            #expect(scan.problems.isEmpty, "round \(round): \(scan.problems)")
            #expect(scan.summaries.count == files.count)
        }
        let listed = try await run(Programs.backmap(), ["list", "--store", store.path])
        #expect(listed.status == 0)
        #expect(listed.stderr.isEmpty, "list names no bad file: \(listed.stderr)")
    }

    @Test func ctrlCQuitsAndSaves() async throws {
        let tmux = try await TmuxSession(["new"])
        defer { tmux.close() }
        try await tmux.waitFor("left S1")
        try await tmux.send("g", "2", "3")
        try await tmux.waitFor("rolled 2/36")
        try await tmux.send("C-c")
        #expect(try await tmux.waitForExit() == 0)
        try await expectTerminalIsCooked(tmux)
        try expectOneSession(in: tmux.store, marks: [(Zone(.left, .s1), .tight), (Zone(.left, .l5), .veryTight)])
    }

    @Test func sigtermSavesAndRestoresTerminal() async throws {
        try await expectQuitSignalSavesAndRestoresTerminal(SIGTERM)
    }

    @Test func sighupSavesAndRestoresTerminal() async throws {
        try await expectQuitSignalSavesAndRestoresTerminal(SIGHUP)
    }

    private func expectQuitSignalSavesAndRestoresTerminal(_ signal: Int32) async throws {
        let tmux = try await TmuxSession(["new"])
        defer { tmux.close() }
        try await tmux.waitFor("left S1")
        try await tmux.send("g", "1", "2")
        try await tmux.waitFor("rolled 2/36")
        #expect(kill(try await tmux.backmapPID(), signal) == 0)
        #expect(try await tmux.waitForExit() == 128 + signal)
        try await expectTerminalIsCooked(tmux)
        try expectOneSession(in: tmux.store, marks: [(Zone(.left, .s1), .mild), (Zone(.left, .l5), .tight)])
    }

    @Test func ctrlZSuspendsAndFgResumesIntact() async throws {
        let tmux = try await TmuxSession(["new"], jobControl: true)
        defer { tmux.close() }
        try await tmux.waitFor("left S1")
        let pid = try await tmux.backmapPID()
        try await tmux.send("g", "3")
        try await tmux.waitFor("rolled 1/36")
        try await tmux.send("C-z")
        try await tmux.waitFor("Stopped")
        try await expectTerminalIsCooked(tmux)

        try await tmux.send("fg", "Enter")
        // Wait for the whole frame (title, panel and status line): tmux may show one half painted.
        let back = try await tmux.waitUntil("the editor is drawn again") {
            $0.contains("backmap · editor") && $0.contains("Legend") && $0.contains("left L5")
        }
        #expect(back.contains("rolled 1/36"))
        try await tmux.send("2")
        try await tmux.waitFor("rolled 2/36")
        try await tmux.send("q")
        try await waitForEnd(of: pid)
        try expectOneSession(in: tmux.store, marks: [(Zone(.left, .s1), .veryTight), (Zone(.left, .l5), .tight)])
    }

    @Test func helpOverlayListsKeys() async throws {
        let tmux = try await TmuxSession(["new"])
        defer { tmux.close() }
        try await tmux.waitFor("left S1")
        try await tmux.send("?")
        // Wait for the bottom border: tmux may show a frame half painted.
        let help = try await tmux.waitFor("any key closes this help")
        for key in ["guided roll", "undo", "redo", "start the next pass", "select a zone", "Ctrl-C", "any key closes this help"] {
            #expect(help.contains(key), "the help lists \(key):\n\(help)")
        }
        // Any key closes it and does nothing else. Waited for until the count of rolled zones
        // the box covered is painted again: tmux can show the box's top border gone and the
        // rest of the frame still on its way.
        try await tmux.send("3")
        let after = try await tmux.waitUntil("the help is closed and the editor painted again") {
            !$0.contains("editor keys") && !$0.contains("any key closes this help") && $0.contains("rolled ")
        }
        #expect(after.contains("rolled 0/36"))
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func mouseClickCyclesZone() async throws {
        let tmux = try await TmuxSession(["new"])
        defer { tmux.close() }
        let screen = try await tmux.waitFor("left S1")
        // The left L3 cell: the unknown mark on the row labelled L3, left of the spine.
        let lines = screen.components(separatedBy: "\n")
        let row = try #require(lines.firstIndex { $0.hasPrefix(" L3 ") }, "a row labelled L3:\n\(screen)")
        let column = try #require(lines[row].firstIndex(of: "·").map { lines[row].distance(from: lines[row].startIndex, to: $0) })
        // xterm's SGR report (mode 1006), 1-based: press then release of button 1.
        // tmux passes bytes sent with send-keys -l to the pane as they are.
        try await tmux.sendLiteral("\u{1B}[<0;\(column + 1);\(row + 1)M")
        try await tmux.sendLiteral("\u{1B}[<0;\(column + 1);\(row + 1)m")
        let clicked = try await tmux.waitFor("left L3")
        #expect(clicked.contains("rolled 1/36, score 0"))
        // The key right after a click counts (ncurses once swallowed it after the release).
        try await tmux.send("2")
        try await tmux.waitFor("rolled 1/36, score 2")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
        try expectOneSession(in: tmux.store, marks: [(Zone(.left, .l3), .relaxed), (Zone(.left, .l3), .tight)])
    }
}

/// The command line without a terminal, as scripts and pipes see it.
@Suite("End to end: the command line", .serialized)
struct CommandLineEndToEndTests {
    @Test func interactiveWithoutTerminalSaysSo() async throws {
        let folder = try TemporaryFolder()
        let finished = try await run(Programs.backmap(), ["new", "--store", folder.appending("store").path])
        #expect(finished.status != 0)
        #expect(finished.stdout.isEmpty)
        expectOneSentence(finished.stderr)
        #expect(finished.stderr.contains("backmap show"))
        #expect(finished.stderr.contains("terminal"))
    }

    @Test func errorsAreOneSentence() async throws {
        let folder = try TemporaryFolder()
        let store = folder.appending("store")
        let empty = try await run(Programs.backmap(), ["show", "nope", "--store", store.path])
        #expect(empty.status != 0)
        #expect(empty.stdout.isEmpty)
        expectOneSentence(empty.stderr)

        // A store with a session in it: the same error, and the session is untouched.
        var session = SessionStore(root: store).makeSession()
        session.marks.append(Mark(at: session.startedAt, pass: 1, zone: Zone(.right, .t7), tightness: .tight))
        try SessionStore(root: store).save(session)
        let file = SessionStore(root: store).url(for: session.id)
        let before = try Data(contentsOf: file)
        for ref in ["nope", "last~5", "2001-01-01", "1999-99-99"] {
            let finished = try await run(Programs.backmap(), ["show", ref, "--store", store.path])
            #expect(finished.status != 0, "show \(ref)")
            #expect(finished.stdout.isEmpty, "show \(ref)")
            expectOneSentence(finished.stderr)
        }
        #expect(try Data(contentsOf: file) == before)
        let found = try await run(Programs.backmap(), ["show", "last", "--store", store.path])
        #expect(found.status == 0)
    }
}

// MARK: Helpers

/// The `*.json` files in a store's sessions folder (hidden temporaries are not sessions).
func sessionFiles(in store: URL) throws -> [URL] {
    let folder = store.appendingPathComponent("sessions")
    guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
    return try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
        .sorted()
        .map { folder.appendingPathComponent($0) }
}

/// The store holds one session whose log is exactly `marks`, in pass 1.
func expectOneSession(in store: URL, marks: [(Zone, Tightness)],
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
    let files = try sessionFiles(in: store)
    try #require(files.count == 1, "one session file, found \(files.count)", sourceLocation: sourceLocation)
    let session = try SessionCodec.decode(Data(contentsOf: files[0]))
    #expect(session.marks.map(\.zone) == marks.map(\.0), sourceLocation: sourceLocation)
    #expect(session.marks.map(\.tightness) == marks.map(\.1), sourceLocation: sourceLocation)
    #expect(session.marks.allSatisfy { $0.pass == 1 }, sourceLocation: sourceLocation)
}

/// Waits until a process is gone (reaped by its shell).
func waitForEnd(of pid: pid_t, timeout: TimeInterval = Patience.seconds) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while FileManager.default.fileExists(atPath: "/proc/\(pid)") {
        guard Date() < deadline else { throw EndToEndError("process \(pid) still runs after \(Int(timeout)) s") }
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// Runs `stty -a` in the shell left in the pane: backmap must have given the
/// terminal back in its normal mode (line editing and echo on).
func expectTerminalIsCooked(_ tmux: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    try await tmux.send("clear; stty -a; echo STTY-DONE", "Enter")
    let screen = try await tmux.waitUntil("stty -a has printed") { $0.contains("\nSTTY-DONE") }
    let words = Set(screen.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "\n" }).map(String.init))
    #expect(words.contains("icanon"), "stty -a shows icanon:\n\(screen)", sourceLocation: sourceLocation)
    #expect(words.contains("echo"), "stty -a shows echo:\n\(screen)", sourceLocation: sourceLocation)
    #expect(words.contains("icrnl"), "stty -a shows icrnl:\n\(screen)", sourceLocation: sourceLocation)
    #expect(words.contains("opost"), "stty -a shows opost:\n\(screen)", sourceLocation: sourceLocation)
}

/// One line on stderr, a sentence starting "backmap:", no stack trace.
func expectOneSentence(_ stderr: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 2 && lines[1].isEmpty, "one line on stderr: \(stderr)", sourceLocation: sourceLocation)
    #expect(stderr.hasPrefix("backmap: "), "\(stderr)", sourceLocation: sourceLocation)
    #expect(stderr.hasSuffix(".\n"), "\(stderr)", sourceLocation: sourceLocation)
    for trace in ["Fatal error", "Stack dump", "0x0", "Error Domain", "#0 "] {
        #expect(!stderr.contains(trace), "no trace: \(stderr)", sourceLocation: sourceLocation)
    }
}

/// The drawing `backmap show` prints, read back cell by cell with the shipped geometry.
struct PrintedBack {
    let lines: [String]
    let top: Int
    private let drawing = BackDrawing.standard(ascii: false)

    init(_ text: String) throws {
        lines = text.components(separatedBy: "\n")
        let t1 = drawing.cell(for: Zone(.left, .t1)).line
        guard let row = lines.firstIndex(where: { $0.hasPrefix("T1 ") }) else {
            throw EndToEndError("no row labelled T1 in:\n\(text)")
        }
        top = row - t1
    }

    /// The text of a zone's cell (these lines hold only one-column characters).
    func cell(_ zone: Zone) -> String {
        let cell = drawing.cell(for: zone)
        guard top + cell.line < lines.count else { return "" }
        let line = Array(lines[top + cell.line])
        guard cell.column + cell.width <= line.count else { return "" }
        return String(line[cell.column..<cell.column + cell.width])
    }
}
