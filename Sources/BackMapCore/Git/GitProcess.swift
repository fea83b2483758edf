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
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
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
        var inPipe: [Int32] = [-1, -1]
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard pipe(&inPipe) == 0 else { throw .cannotRun(String(cString: strerror(errno))) }
        guard pipe(&outPipe) == 0 else {
            closeAll(inPipe); throw .cannotRun(String(cString: strerror(errno)))
        }
        guard pipe(&errPipe) == 0 else {
            closeAll(inPipe + outPipe); throw .cannotRun(String(cString: strerror(errno)))
        }
        // No other child may inherit these ends; the dup2 below gives git its own.
        for fd in inPipe + outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        let pid: pid_t
        do {
            pid = try spawn(git, arguments, environment: environment, actions: &actions)
        } catch {
            closeAll(inPipe + outPipe + errPipe)
            throw error
        }
        close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
        // Without input, stdin is an empty pipe already at its end.
        var pending = input ?? Data()
        var inFD: Int32 = inPipe[1]
        if pending.isEmpty { close(inFD); inFD = -1 } else { _ = fcntl(inFD, F_SETFL, fcntl(inFD, F_GETFL) | O_NONBLOCK) }
        var fds = [outPipe[0], errPipe[0]]
        var collected = [Data(), Data()]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        // poll both outputs and the input together: git may fill a pipe before it reads its stdin.
        while fds.contains(where: { $0 >= 0 }) || inFD >= 0 {
            var polled = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            polled.append(pollfd(fd: inFD, events: Int16(POLLOUT), revents: 0))
            let ready = poll(&polled, nfds_t(polled.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for index in 0..<2 where fds[index] >= 0 && polled[index].revents != 0 {
                let count = read(fds[index], &buffer, buffer.count)
                if count > 0 {
                    collected[index].append(contentsOf: buffer[0..<count])
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(fds[index]); fds[index] = -1
                }
            }
            if inFD >= 0, polled[2].revents != 0 {
                let written = pending.withUnsafeBytes { write(inFD, $0.baseAddress, $0.count) }
                if written > 0 { pending.removeFirst(written) }
                if pending.isEmpty || (written < 0 && errno != EINTR && errno != EAGAIN) {
                    close(inFD); inFD = -1
                }
            }
        }
        return Output(status: wait(for: pid), stdout: collected[0], stderr: collected[1])
    }

    /// Runs git on the caller's own terminal (stdin, stdout and stderr inherited) and
    /// returns its exit status: `backmap git log` pages and colours like `git log`.
    public static func attached(_ git: String, _ arguments: [String], environment: [String: String]) throws(GitError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let pid = try spawn(git, arguments, environment: environment, actions: &actions)
        return wait(for: pid)
    }

    private static func spawn(_ git: String, _ arguments: [String], environment: [String: String],
                              actions: inout posix_spawn_file_actions_t) throws(GitError) -> pid_t {
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

        let argv = ([git] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        // umask is per process and inherited: narrow it for the child's birth only.
        let previous = umask(0o077)
        let result = posix_spawn(&pid, git, &actions, &attributes, argv, envp)
        umask(previous)
        guard result == 0 else { throw .cannotRun(String(cString: strerror(result))) }
        return pid
    }

    /// Waits for the child; 128 + n for a death by signal n, as the shell says.
    private static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return 127 }
        }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    private static func closeAll(_ fds: [Int32]) {
        for fd in fds where fd >= 0 { close(fd) }
    }
}
