import Foundation
import Glibc

/// A failure of the end-to-end machinery itself, with what a person should do about it.
struct EndToEndError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Where the package and the programs the suite drives are.
enum Programs {
    /// The package root, three folders above this file (Tests/EndToEndTests/Support).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The debug build of `backmap`. The suite drives the real binary, which
    /// `swift test` does not necessarily build, hence README's `swift build && swift test`.
    static func backmap() throws -> URL {
        let binary = packageRoot.appendingPathComponent(".build/debug/backmap")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw EndToEndError("\(binary.path) is missing; run `swift build` first (the test command is `swift build && swift test`)")
        }
        return binary
    }

    /// tmux from PATH; the suite cannot run without it.
    static func tmux() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("tmux")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw EndToEndError("tmux is not installed; the end-to-end tests drive backmap inside it (apt-get install tmux)")
    }
}

/// What a finished program left behind.
struct Finished {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program to its end with stdin from /dev/null and stdout and stderr piped.
/// A program still running after `timeout` is killed and reported, so a hang
/// fails the test instead of stalling the suite.
func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
         timeout: TimeInterval = Patience.seconds) async throws -> Finished {
    let child = try ChildProcess(executable, arguments, environment: environment)
    let deadline = Date().addingTimeInterval(timeout)
    while !child.hasExited() {
        if Date() >= deadline { throw child.killForTimeout(timeout) }
        try await Task.sleep(for: .milliseconds(5))
    }
    return child.finished()
}

/// `run` for places that cannot wait asynchronously (cleanup in deinit).
func runBlocking(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                 timeout: TimeInterval = Patience.seconds) throws -> Finished {
    let child = try ChildProcess(executable, arguments, environment: environment)
    let deadline = Date().addingTimeInterval(timeout)
    while !child.hasExited() {
        if Date() >= deadline { throw child.killForTimeout(timeout) }
        usleep(5_000)
    }
    return child.finished()
}

/// A program started with posix_spawn, its output collected from two pipes.
///
/// The child starts with no blocked and no caught signals. Threads of the test
/// runner block most signals and a spawned program inherits that mask; a tmux
/// server started so never acts on SIGTERM or SIGCHLD (`kill-server` does
/// nothing, panes never close) and the suite hangs. Foundation's `Process`
/// passes the mask on, hence posix_spawn with the mask cleared.
private final class ChildProcess {
    private let pid: pid_t
    private let description: String
    private var fds: [Int32]
    private var output = [Data(), Data()]
    private var status: Int32 = 0

    init(_ executable: URL, _ arguments: [String], environment: [String: String]) throws {
        description = ([executable.lastPathComponent] + arguments).joined(separator: " ")
        var env = ProcessInfo.processInfo.environment
        for key in ["LC_ALL", "LC_CTYPE", "NO_COLOR", "BACKMAP_HOME"] { env.removeValue(forKey: key) }
        env["LANG"] = "C.UTF-8"
        env.merge(environment) { _, new in new }

        var out: [Int32] = [-1, -1]
        var err: [Int32] = [-1, -1]
        guard pipe(&out) == 0 else { throw EndToEndError("cannot make a pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&err) == 0 else {
            close(out[0]); close(out[1])
            throw EndToEndError("cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        // No other program may inherit these ends (the dup2 below gives the child its own).
        for fd in out + err { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let devNull = Glibc.open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(devNull) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, devNull, 0)
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        sigdelset(&everySignal, SIGKILL)
        sigdelset(&everySignal, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        close(out[1])
        close(err[1])
        fds = [out[0], err[0]]
        guard spawned == 0 else {
            fds.forEach { close($0) }
            throw EndToEndError("cannot start \(executable.path): \(String(cString: strerror(spawned)))")
        }
        self.pid = pid
    }

    deinit {
        for fd in fds where fd >= 0 { close(fd) }
    }

    /// Reads what the pipes hold (waiting up to `milliseconds`); true when something arrived.
    @discardableResult
    private func drain(waiting milliseconds: Int32) -> Bool {
        var polled = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        guard fds.contains(where: { $0 >= 0 }), poll(&polled, 2, milliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var arrived = false
        for index in 0..<2 where fds[index] >= 0 && polled[index].revents != 0 {
            let count = read(fds[index], &buffer, buffer.count)
            if count > 0 {
                output[index].append(contentsOf: buffer[0..<count])
                arrived = true
            } else {
                close(fds[index])
                fds[index] = -1
            }
        }
        return arrived
    }

    /// Reads what is there and reaps the child if it has ended.
    func hasExited() -> Bool {
        drain(waiting: 0)
        return waitpid(pid, &status, WNOHANG) == pid
    }

    func killForTimeout(_ timeout: TimeInterval) -> EndToEndError {
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        return EndToEndError("\(description) did not finish within \(Int(timeout)) s")
    }

    /// The rest of the output and the exit status (128 + n for a death by signal n, as sh says).
    /// A grandchild that keeps the pipes open (a tmux server) is not waited for.
    func finished() -> Finished {
        let deadline = Date().addingTimeInterval(1)
        while fds.contains(where: { $0 >= 0 }), Date() < deadline {
            let openBefore = fds.filter { $0 >= 0 }.count
            let arrived = drain(waiting: 20)
            // Quiet for 20 ms with a pipe still open: its writer is not ours to wait for.
            if !arrived, fds.filter({ $0 >= 0 }).count == openBefore { break }
        }
        let exit: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Finished(status: exit, stdout: String(decoding: output[0], as: UTF8.self),
                        stderr: String(decoding: output[1], as: UTF8.self))
    }
}

/// A fresh folder under the system temporary folder, removed when released.
final class TemporaryFolder {
    let url: URL

    init(_ prefix: String = "backmap-e2e") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(getpid())-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func appending(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Quotes a word for /bin/sh.
func shellQuoted(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
