import Foundation
import Glibc
import Testing

// Support for the hardening end-to-end tests. Names carry the prefix so they
// cannot clash with the other end-to-end suites' helpers.

/// The built binaries the tests run: `backmap` and `backmap-testhelper`, next to
/// the test bundle (`swift build` builds them; the README's test command runs it first).
enum HardeningBinary {
    static func url(_ name: String, filePath: String = #filePath) throws -> URL {
        var folders: [URL] = []
        if let first = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        let package = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        folders.append(package.appendingPathComponent(".build/debug"))
        for folder in folders {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw HardeningFailure("\(name) is not built; run `swift build` before `swift test`")
    }

    static var backmap: URL { get throws { try url("backmap") } }
    static var helper: URL { get throws { try url("backmap-testhelper") } }
}

struct HardeningFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A fresh folder for one test, removed by `remove()`.
struct HardeningScratch {
    let url: URL

    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var store: URL { url.appendingPathComponent("store") }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A private tmux server with panes running backmap in a real terminal.
///
/// Each instance has its own socket, so tests running in parallel never see
/// each other's panes; `stop()` kills the server and everything in it.
final class HardeningTmux {
    let socket = "backmap-hardening-\(UUID().uuidString.prefix(8))"
    let width: Int
    let height: Int
    private var windows = 0

    init(width: Int = 100, height: Int = 34) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            throw HardeningFailure("tmux is not installed (apt-get install tmux)")
        }
        self.width = width
        self.height = height
    }

    /// Starts `command` (a shell command line) in a new window and returns its target.
    /// The pane's TERM is set inside the command: tmux decides it otherwise.
    @discardableResult
    func start(_ command: String) throws -> String {
        let name = "w\(windows)"
        windows += 1
        let line = "export TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 NO_COLOR=; \(command)"
        let arguments = windows == 1
            ? ["new-session", "-d", "-s", "main", "-n", name, "-x", "\(width)", "-y", "\(height)", line]
            : ["new-window", "-d", "-t", "main", "-n", name, line]
        try tmux(arguments)
        return "main:\(name)"
    }

    /// Types keys as tmux names them ("q", "C-c", "Enter", "Up").
    func send(_ target: String, _ keys: String...) throws {
        try tmux(["send-keys", "-t", target] + keys)
    }

    /// Types text literally.
    func type(_ target: String, _ text: String) throws {
        try tmux(["send-keys", "-t", target, "-l", text])
    }

    /// The visible screen of a pane as text.
    func capture(_ target: String, history: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-J", "-t", target] + (history ? ["-S", "-500"] : []))
    }

    /// Polls until `condition` holds for the pane's text, or throws after `timeout` seconds.
    @discardableResult
    func waitFor(_ target: String, timeout: Double = Patience.seconds, history: Bool = false, _ what: String,
                 _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var text = ""
        while Date() < deadline {
            text = try capture(target, history: history)
            if condition(text) { return text }
            usleep(50_000)
        }
        throw HardeningFailure("timed out waiting for \(what); the pane shows:\n\(text)")
    }

    @discardableResult
    func waitFor(_ target: String, text needle: String, timeout: Double = Patience.seconds, history: Bool = false) throws -> String {
        try waitFor(target, timeout: timeout, history: history, "\"\(needle)\"") { $0.contains(needle) }
    }

    /// Waits until the pane shows `needle` and the frame is whole: the same on two
    /// captures in a row. A busy machine can be caught with a frame half painted.
    @discardableResult
    func waitForFrame(_ target: String, text needle: String) throws -> String {
        var previous = ""
        return try waitFor(target, "\"\(needle)\" on a whole frame") { screen in
            defer { previous = screen }
            return screen.contains(needle) && screen == previous
        }
    }

    /// Closes a window as a person closes a terminal: its pane's tty hangs up.
    func killWindow(_ target: String) throws {
        try tmux(["kill-window", "-t", target])
    }

    func resize(_ target: String, width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    func stop() {
        _ = try? tmux(["kill-server"])
    }

    deinit { stop() }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try runBlocking(URL(fileURLWithPath: "/usr/bin/tmux"), ["-L", socket, "-f", "/dev/null"] + arguments,
                                     timeout: Patience.seconds)
        if result.status != 0, arguments.first != "kill-server" {
            throw HardeningFailure("tmux \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        return result.stdout
    }
}

/// A shell-quoted word.
func hardeningQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// A program run in a pane through a small script, which records its pid (the
/// script execs it, so the pid is the program's own) and, after it ends, its
/// exit status and the terminal's mode (`stty -a`) for checking what it left.
struct HardeningPaneRun {
    let pidFile: URL
    let afterFile: URL
    let command: String

    init(in folder: URL, name: String, _ binary: URL, _ arguments: [String], environment: [String: String] = [:]) throws {
        pidFile = folder.appendingPathComponent("\(name).pid")
        afterFile = folder.appendingPathComponent("\(name).after")
        let script = folder.appendingPathComponent("\(name).sh")
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(hardeningQuoted($0.value))" }
        let line = (["exec", "env"] + assignments + ([binary.path] + arguments).map(hardeningQuoted)).joined(separator: " ")
        try "echo $$ > \(hardeningQuoted(pidFile.path))\n\(line)\n".write(to: script, atomically: true, encoding: .utf8)
        command = "sh \(hardeningQuoted(script.path)); echo \"EXIT=$?\" > \(hardeningQuoted(afterFile.path)); "
            + "stty -a >> \(hardeningQuoted(afterFile.path)); echo DONE >> \(hardeningQuoted(afterFile.path)); exec sleep 600"
    }

    var pid: pid_t { get throws { try hardeningPID(pidFile) } }

    /// Waits for the program to end and returns its exit status and `stty -a`.
    func after(timeout: Double = Patience.seconds) throws -> (status: Int?, stty: String) {
        let text = try hardeningWaitForFile(afterFile, containing: "DONE", timeout: timeout)
        return (hardeningExitStatus(text), text)
    }
}

/// Waits for a file to exist with text containing `needle`, and returns the text.
func hardeningWaitForFile(_ url: URL, containing needle: String, timeout: Double = Patience.seconds) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if let text = try? String(contentsOf: url, encoding: .utf8), text.contains(needle) { return text }
        usleep(50_000)
    }
    throw HardeningFailure("timed out waiting for \(url.lastPathComponent) to contain \(needle)")
}

/// Polls until `condition` holds (a file saved, a session in the store), or throws
/// after `timeout` seconds: what the screen shows can be drawn before it is on disk.
@discardableResult
func hardeningWaitUntil<T>(_ what: String, timeout: Double = Patience.seconds, _ condition: () throws -> T?) throws -> T {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if let value = try condition() { return value }
        usleep(20_000)
    }
    throw HardeningFailure("timed out waiting until \(what)")
}

/// Whether `stty -a` output shows the normal, cooked mode a shell expects.
func hardeningTerminalIsSane(_ stty: String) -> Bool {
    let words = Set(stty.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
    return ["icanon", "echo", "isig", "icrnl", "opost"].allSatisfy { words.contains($0) && !words.contains("-" + $0) }
}

/// The exit status recorded by `hardeningPaneCommand`.
func hardeningExitStatus(_ after: String) -> Int? {
    guard let line = after.split(separator: "\n").first(where: { $0.hasPrefix("EXIT=") }) else { return nil }
    return Int(line.dropFirst(5))
}

/// The pid written by `hardeningPaneCommand`.
func hardeningPID(_ file: URL) throws -> pid_t {
    let text = try hardeningWaitForFile(file, containing: "\n")
    guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw HardeningFailure("no pid in \(file.path)")
    }
    return pid
}
