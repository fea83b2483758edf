import BackMapCore
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
    let child = try start(executable, arguments, environment: environment)
    let deadline = Date().addingTimeInterval(timeout)
    while !child.hasExited() {
        if Date() >= deadline { throw killed(child, executable, arguments, timeout) }
        try await Task.sleep(for: .milliseconds(5))
    }
    return Finished(child.result())
}

/// `run` for places that cannot wait asynchronously (cleanup in deinit).
func runBlocking(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                 timeout: TimeInterval = Patience.seconds) throws -> Finished {
    let child = try start(executable, arguments, environment: environment)
    let deadline = Date().addingTimeInterval(timeout)
    while !child.hasExited() {
        if Date() >= deadline { throw killed(child, executable, arguments, timeout) }
        usleep(5_000)
    }
    return Finished(child.result())
}

/// Starts a program (with `ChildProcess`, as backmap and the benchmark do) in this
/// process's environment without the variables that would change backmap's output.
private func start(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> ChildProcess {
    var env = ProcessInfo.processInfo.environment
    for key in ["LC_ALL", "LC_CTYPE", "NO_COLOR", "BACKMAP_HOME"] { env.removeValue(forKey: key) }
    env["LANG"] = "C.UTF-8"
    env.merge(environment) { _, new in new }
    do {
        return try ChildProcess(executable.path, arguments, environment: env)
    } catch {
        throw EndToEndError(error.description)
    }
}

private func killed(_ child: ChildProcess, _ executable: URL, _ arguments: [String], _ timeout: TimeInterval) -> EndToEndError {
    child.kill()
    _ = child.result()
    return EndToEndError("\(([executable.lastPathComponent] + arguments).joined(separator: " ")) did not finish within \(Int(timeout)) s")
}

extension Finished {
    init(_ outcome: ChildProcess.Outcome) {
        self.init(status: outcome.status, stdout: String(decoding: outcome.stdout, as: UTF8.self),
                  stderr: String(decoding: outcome.stderr, as: UTF8.self))
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
