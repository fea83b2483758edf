import BackMapCore
import Foundation
import Glibc
import Testing

/// The C library's idea of a character's width, which tmux and ncurses use.
@_silgen_name("wcwidth") private func libcWidth(_ character: Int32) -> Int32

/// Columns a captured line takes in the terminal, up to `end`.
private func terminalColumns(_ text: Substring) -> Int {
    text.unicodeScalars.reduce(0) { $0 + max(0, Int(libcWidth(Int32(bitPattern: $1.value)))) }
}

/// SPEC 6: untrusted text never reaches the terminal raw, and wide and
/// combining characters do not break the layout — checked on what the real
/// program prints and on what tmux shows.
@Suite("Hostile text, end to end")
struct HostileTextEndToEndTests {
    static let start = Timestamp(iso8601: "2026-11-24T19:00:00+01:00")!
    static let subject = "\u{1B}[31m日本👍🏽❤️e\u{301}🇫🇷👨‍👩‍👧\u{202E}x"
    static let note = "\u{1B}]0;pwned\u{07}\u{9B}2J 漢字 👍🏽👍🏽 e\u{301}\u{301} \u{2066}end"

    static func hostileStore(_ scratch: HardeningScratch) throws -> SessionStore {
        let store = SessionStore(root: scratch.store)
        try store.save(Session(
            id: SessionID("20261124-190000-beef")!, startedAt: start, subject: subject, technique: .tennisBall,
            note: note, tags: ["\u{1B}[7mtag", "名前"],
            marks: [Mark(at: start, pass: 1, zone: Zone(.left, .s1), tightness: .tight, note: note)]))
        return store
    }

    @Test func theEditorKeepsItsColumnsWithWideCombiningAndJoinedCharacters() throws {
        setlocale(LC_ALL, "C.UTF-8")
        let scratch = try HardeningScratch("hostile-tmux")
        defer { scratch.remove() }
        _ = try Self.hostileStore(scratch)
        let tmux = try HardeningTmux(width: 100, height: 34)
        defer { tmux.stop() }
        let run = try HardeningPaneRun(in: scratch.url, name: "editor", try HardeningBinary.backmap,
                                       ["edit", "last", "--store", scratch.store.path])
        let pane = try tmux.start(run.command)
        let screen = try tmux.waitFor(pane, text: "backmap · editor")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)

        // The title: what follows the subject starts where the canvas put it.
        let title = try #require(lines.first)
        let expected = 1 + TerminalText.width(of: "backmap · editor · 2026-11-24 19:00 · ")
            + TerminalText.width(of: TerminalText.sanitized(Self.subject)) + TerminalText.width(of: " · ")
        let technique = try #require(title.range(of: "tennis-ball"))
        #expect(terminalColumns(title[..<technique.lowerBound]) == expected, "title: \(title)")
        #expect(!screen.contains("\u{1B}"))

        // Every line fits the pane, and the panel's labels line up under each other.
        for line in lines { #expect(terminalColumns(line) <= 100, "too wide: \(line)") }
        let panelColumns = lines.compactMap { line -> Int? in
            guard let label = ["Legend", "mean tightness", "pass 1 of 1", "rolled ", "note: "].compactMap({ line.range(of: $0) }).first else { return nil }
            return terminalColumns(line[..<label.lowerBound])
        }
        #expect(panelColumns.count >= 5, "\(screen)")
        #expect(Set(panelColumns).count == 1, "panel labels at columns \(panelColumns):\n\(screen)")
        try tmux.send(pane, "q")
        #expect(try run.after().status == 0)
    }

    @Test func printedOutputCarriesNoEscapeOrControlFromTheFile() throws {
        let scratch = try HardeningScratch("hostile-print")
        defer { scratch.remove() }
        let store = try Self.hostileStore(scratch)
        // Files whose names or contents are hostile: they are reported, sanitised.
        let names = ["\u{1B}]0;pwned\u{07}.json", "line\nbreak.json", "\u{202E}nosj.json", "20261124-190001-0000.json"]
        for name in names {
            try Data("{\"format\": \"backmap.session\", \"id\": \"\u{1B}[31m\"}".utf8).write(to: store.sessionsFolder.appendingPathComponent(name))
        }
        // A name that is not UTF-8 at all.
        let raw = store.sessionsFolder.path + "/\u{FF}"
        let invalid = Array(raw.utf8.dropLast(2)) + [0xFF] + Array(".json".utf8) + [0]
        let fd = invalid.withUnsafeBufferPointer { $0.baseAddress!.withMemoryRebound(to: CChar.self, capacity: invalid.count) { open($0, O_WRONLY | O_CREAT, 0o600) } }
        #expect(fd >= 0)
        _ = write(fd, "{", 1)
        close(fd)

        let backmap = try HardeningBinary.backmap
        for arguments in [["list"], ["list", "--json"], ["show", "last"], ["show", "last", "--json"], ["show", "last", "--ascii"]] {
            let result = try runBlocking(backmap, arguments + ["--store", scratch.store.path])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            for (stream, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
                let bad = text.unicodeScalars.filter { ($0.value < 0x20 && $0.value != 0x0A) || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }
                #expect(bad.isEmpty, "\(arguments) \(stream) carries \(bad.map { String($0.value, radix: 16) }):\n\(text)")
            }
            if arguments.first == "list" {
                // Every bad file is named, one line each.
                #expect(result.stderr.split(separator: "\n").count == names.count + 1, "\(result.stderr)")
            }
        }
    }
}
