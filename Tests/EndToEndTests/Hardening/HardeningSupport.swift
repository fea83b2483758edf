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

/// Runs a program to the end and returns its status and output.
///
/// Started with posix_spawn, an empty signal mask and default signal actions:
/// a process started from a test's worker thread would otherwise inherit a
/// mask blocking SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT and SIGWINCH, and a
/// tmux server started so passes that mask to every pane. Output goes through
/// files, not pipes, because a daemon such as the tmux server keeps inherited
/// pipes open and a reader would wait for ever.
@discardableResult
func hardeningRun(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws
    -> (status: Int32, stdout: String, stderr: String) {
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    let folder = FileManager.default.temporaryDirectory
    let outURL = folder.appendingPathComponent("backmap-run-\(UUID().uuidString).out")
    let errURL = folder.appendingPathComponent("backmap-run-\(UUID().uuidString).err")
    defer {
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
    guard result == 0 else {
        throw HardeningFailure("could not start \(executable.path): \(String(cString: strerror(result)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    return (exitStatus, out, err)
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
    func waitFor(_ target: String, timeout: Double = 10, history: Bool = false, _ what: String,
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
    func waitFor(_ target: String, text needle: String, timeout: Double = 10, history: Bool = false) throws -> String {
        try waitFor(target, timeout: timeout, history: history, "\"\(needle)\"") { $0.contains(needle) }
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
        let result = try hardeningRun(URL(fileURLWithPath: "/usr/bin/tmux"), ["-L", socket, "-f", "/dev/null"] + arguments)
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
    func after(timeout: Double = 10) throws -> (status: Int?, stty: String) {
        let text = try hardeningWaitForFile(afterFile, containing: "DONE", timeout: timeout)
        return (hardeningExitStatus(text), text)
    }
}

/// Waits for a file to exist with text containing `needle`, and returns the text.
func hardeningWaitForFile(_ url: URL, containing needle: String, timeout: Double = 10) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if let text = try? String(contentsOf: url, encoding: .utf8), text.contains(needle) { return text }
        usleep(50_000)
    }
    throw HardeningFailure("timed out waiting for \(url.lastPathComponent) to contain \(needle)")
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
