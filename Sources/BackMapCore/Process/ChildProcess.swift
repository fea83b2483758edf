import Foundation
import Glibc

/// A program started with `posix_spawn`: the one way backmap, its tests and its
/// benchmark start another program.
///
/// The child starts with no blocked and no caught signals: the terminal program
/// blocks and catches several and the test runner's threads block most, and a
/// child inherits both (a tmux server started so never acts on SIGTERM; git would
/// ignore Ctrl-C). Foundation's `Process` passes the mask on, hence posix_spawn.
/// Standard input is `input` through a pipe, or /dev/null; standard output and
/// error are collected from pipes, read together so a child with a lot to say on
/// one never blocks on the other.
public final class ChildProcess {
    /// How a finished child went.
    public struct Outcome: Sendable {
        /// The exit code, or 128 + n for a death by signal n, as the shell says.
        public var status: Int32
        public var stdout: Data
        public var stderr: Data
        /// Peak resident memory, from the kernel's accounting at exit (`ru_maxrss`).
        public var peakKilobytes: Int
        /// User plus system CPU time: what the run cost, whatever else the machine did.
        public var cpuMilliseconds: Double
    }

    /// Why a child could not be started.
    public struct SpawnError: Error, CustomStringConvertible {
        public var path: String
        /// What the system said ("No such file or directory").
        public var reason: String
        public var description: String { "cannot start \(path): \(reason)" }
    }

    public let pid: pid_t
    /// stdout, stderr; -1 once at their end.
    private var outputs: [Int32]
    private var collected = [Data(), Data()]
    /// How much of stdout `readLine` has handed out.
    private var linesRead = 0
    private var input: Int32
    private var pending: Data
    private var outcome: Outcome?

    /// Starts `path` with `arguments` (argv[0] is `path`) and exactly `environment`.
    public init(_ path: String, _ arguments: [String], environment: [String: String], input: Data? = nil) throws(SpawnError) {
        var inPipe: [Int32] = [-1, -1], outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        func fail(_ what: String, _ code: Int32) -> SpawnError {
            for fd in inPipe + outPipe + errPipe where fd >= 0 { close(fd) }
            return SpawnError(path: path, reason: "\(what): \(String(cString: strerror(code)))")
        }
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw fail("pipe", errno) }
        let stdinSource: Int32
        if input?.isEmpty == false {
            guard pipe(&inPipe) == 0 else { throw fail("pipe", errno) }
            stdinSource = inPipe[0]
        } else {
            stdinSource = Glibc.open("/dev/null", O_RDONLY | O_CLOEXEC)
            guard stdinSource >= 0 else { throw fail("/dev/null", errno) }
            inPipe = [stdinSource, -1]
        }
        // No other child may inherit these ends; the dup2 below gives this one its own.
        for fd in inPipe + outPipe + errPipe where fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinSource, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)

        let pid: pid_t
        do {
            pid = try Self.spawn(path, arguments, environment: environment, actions: &actions)
        } catch {
            for fd in inPipe + outPipe + errPipe where fd >= 0 { close(fd) }
            throw error
        }
        close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
        self.pid = pid
        outputs = [outPipe[0], errPipe[0]]
        self.input = inPipe[1]
        pending = input ?? Data()
        if self.input >= 0 { _ = fcntl(self.input, F_SETFL, fcntl(self.input, F_GETFL) | O_NONBLOCK) }
    }

    deinit {
        for fd in outputs + [input] where fd >= 0 { close(fd) }
    }

    /// Runs a program to its end: its output, status and cost.
    public static func run(_ path: String, _ arguments: [String], environment: [String: String],
                           input: Data? = nil) throws(SpawnError) -> Outcome {
        try ChildProcess(path, arguments, environment: environment, input: input).finish()
    }

    /// Runs a program on this process's own terminal (stdin, stdout and stderr
    /// inherited) to its end, and returns its status: `backmap git log` pages like `git log`.
    public static func attached(_ path: String, _ arguments: [String], environment: [String: String]) throws(SpawnError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let pid = try spawn(path, arguments, environment: environment, actions: &actions)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return 127 }
        }
        return exitStatus(status)
    }

    /// posix_spawn with the signal mask cleared and every signal at its default.
    private static func spawn(_ path: String, _ arguments: [String], environment: [String: String],
                              actions: inout posix_spawn_file_actions_t) throws(SpawnError) -> pid_t {
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

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw SpawnError(path: path, reason: String(cString: strerror(spawned))) }
        return pid
    }

    /// The exit code in a `wait` status, or 128 + n for a death by signal n.
    public static func exitStatus(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// Reads what the child wrote and feeds it input, waiting up to `milliseconds`
    /// (-1: until something happens). True when any pipe moved.
    @discardableResult
    public func drain(waiting milliseconds: Int32) -> Bool {
        var polled = outputs.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        polled.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0))
        guard polled.contains(where: { $0.fd >= 0 }) else { return false }
        let ready = poll(&polled, nfds_t(polled.count), milliseconds)
        guard ready > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        for index in 0..<2 where outputs[index] >= 0 && polled[index].revents != 0 {
            let count = read(outputs[index], &buffer, buffer.count)
            if count > 0 {
                collected[index].append(contentsOf: buffer[0..<count])
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                close(outputs[index])
                outputs[index] = -1
            }
        }
        if input >= 0, polled[2].revents != 0 {
            let written = pending.withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
            if written > 0 { pending.removeFirst(written) }
            if pending.isEmpty || (written < 0 && errno != EINTR && errno != EAGAIN) {
                close(input)
                input = -1
            }
        }
        return true
    }

    /// The next line the child wrote on stdout, newline included, waiting for it;
    /// what is left when stdout ends first. For helpers that report as they go.
    public func readLine() -> String {
        while true {
            let rest = collected[0][(collected[0].startIndex + linesRead)...]
            if let newline = rest.firstIndex(of: 0x0A) ?? (outputs[0] < 0 ? rest.indices.last : nil) {
                let line = collected[0][rest.startIndex...newline]
                linesRead += line.count
                return String(decoding: line, as: UTF8.self)
            }
            if outputs[0] < 0 { return "" }
            drain(waiting: -1)
        }
    }

    /// Sends the child a signal.
    public func kill(_ signal: Int32 = SIGKILL) {
        if outcome == nil { _ = Glibc.kill(pid, signal) }
    }

    /// Reaps the child if it has ended, reading what is there first; never waits.
    public func hasExited() -> Bool {
        drain(waiting: 0)
        return reap(options: WNOHANG)
    }

    /// Reads stdout and stderr to their end, then waits for the child.
    public func finish() -> Outcome {
        while outputs.contains(where: { $0 >= 0 }) || input >= 0 { drain(waiting: -1) }
        _ = reap(options: 0)
        return result()
    }

    /// What the child left once it has exited. A grandchild that keeps the pipes open
    /// (a tmux server) is not waited for: output stops at 20 ms of quiet after exit.
    public func result() -> Outcome {
        if outcome == nil { _ = reap(options: 0) }
        while outputs.contains(where: { $0 >= 0 }) || input >= 0, drain(waiting: 20) {}
        var finished = outcome!
        finished.stdout = collected[0]
        finished.stderr = collected[1]
        return finished
    }

    private func reap(options: Int32) -> Bool {
        guard outcome == nil else { return true }
        var status: Int32 = 0
        var usage = rusage()
        while true {
            let reaped = wait4(pid, &status, options, &usage)
            if reaped == pid { break }
            if reaped == 0 || errno != EINTR { return false }
        }
        func ms(_ time: timeval) -> Double { Double(time.tv_sec) * 1000 + Double(time.tv_usec) / 1000 }
        outcome = Outcome(status: Self.exitStatus(status), stdout: Data(), stderr: Data(),
                          peakKilobytes: usage.ru_maxrss, cpuMilliseconds: ms(usage.ru_utime) + ms(usage.ru_stime))
        return true
    }
}
