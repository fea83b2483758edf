import Foundation
import Glibc

/// One run of the `git` program: where it is, how it is started, what it said.
///
/// git is a child process, never a library: it is the same git the user runs
/// by hand, with their configuration, credentials and remotes. The child starts
/// with no blocked or caught signals (the terminal program blocks and catches
/// several, and a child would inherit that), with umask 077 (a checkout must
/// not make health data readable by others), and, for captured runs, with
/// stdin from /dev/null so git never waits for an answer nobody can give.
public enum GitProcess {
    /// What a captured run left behind.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data

        public var succeeded: Bool { status == 0 }
        public var text: String { String(decoding: stdout, as: UTF8.self) }
        /// The last non-empty line git wrote on stderr: usually the one that says why.
        public var reason: String {
            let lines = String(decoding: stderr, as: UTF8.self)
                .split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("hint:") }
            var line = lines.last(where: { $0.hasPrefix("fatal:") || $0.hasPrefix("error:") }) ?? lines.last ?? "exit status \(status)"
            for prefix in ["fatal: ", "error: "] where line.hasPrefix(prefix) { line.removeFirst(prefix.count) }
            return line
        }
    }

    /// The git executable on PATH, or nil when there is none.
    public static func locate(environment: [String: String] = ProcessEnvironment.current) -> String? {
        let path = environment["PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = String(folder) + "/git"
            var info = stat()
            if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }

    /// Runs git to its end, collecting stdout and stderr; `input` is written to its stdin.
    public static func capture(_ git: String, _ arguments: [String], environment: [String: String],
                               input: Data? = nil) throws(GitError) -> Output {
        do {
            let outcome = try ChildProcess.run("/bin/sh", privately(git, arguments), environment: environment, input: input)
            return Output(status: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr)
        } catch {
            throw .cannotRun(error.reason)
        }
    }

    /// Runs git on the caller's own terminal (stdin, stdout and stderr inherited) and
    /// returns its exit status: `backmap git log` pages and colours like `git log`.
    public static func attached(_ git: String, _ arguments: [String], environment: [String: String]) throws(GitError) -> Int32 {
        do {
            return try ChildProcess.attached("/bin/sh", privately(git, arguments), environment: environment)
        } catch {
            throw .cannotRun(error.reason)
        }
    }

    /// git writes objects and its index under a private umask. The umask is per process,
    /// so setting ours around the spawn would make every file another thread creates
    /// meanwhile private too; a shell sets it in the child alone, then becomes git.
    private static func privately(_ git: String, _ arguments: [String]) -> [String] {
        ["-c", "umask 077 && exec \"$0\" \"$@\"", git] + arguments
    }
}
