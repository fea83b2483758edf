import BackMapCore
import Foundation
import Glibc

/// A program running on a pseudo-terminal of a fixed size, seen the way a
/// user's terminal sees it: every byte it writes, and when.
final class PseudoTerminalProcess {
    let pid: pid_t
    private let master: Int32
    /// When the process was started (monotonic nanoseconds).
    let started: UInt64
    /// Everything read so far.
    private(set) var output: [UInt8] = []
    /// When the last byte was read.
    private(set) var lastOutput: UInt64 = 0
    private(set) var exitStatus: Int32?
    private(set) var peakKilobytes: Int?

    /// Starts `path` on a new pty of `columns` × `lines`.
    init(_ path: String, _ arguments: [String], environment: [String: String], columns: UInt16 = 80, lines: UInt16 = 24) throws {
        // Everything the child needs is made before fork: after it, only exec is called.
        let argv = CStrings([path] + arguments)
        let envp = CStrings(environment.map { "\($0.key)=\($0.value)" })
        var size = winsize(ws_row: lines, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        var master: Int32 = -1
        let start = Clock.now()
        let pid = forkpty(&master, nil, nil, &size)
        if pid == 0 {
            execve(path, argv.pointers, envp.pointers)
            _exit(127)
        }
        guard pid > 0 else { throw BenchError("forkpty failed: \(String(cString: strerror(errno)))") }
        self.pid = pid
        self.master = master
        self.started = start
        withExtendedLifetime((argv, envp)) {}
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            reap(blocking: true)
        }
        close(master)
    }

    /// Reads until the output has been quiet for `quiet` ms after the first byte (waiting
    /// up to `firstByte` ms for that one), or `limit` ms have passed in all. Returns the
    /// bytes read by this call.
    @discardableResult
    func readUntilQuiet(quiet: Int, firstByte: Int = 2_000, limit: Int = 5_000) -> Int {
        let begin = Clock.now()
        var count = 0
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while Clock.milliseconds(from: begin, to: Clock.now()) < Double(limit) {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(count == 0 ? firstByte : quiet))
            if ready == 0 { break }
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            let got = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            // EIO once the child has gone and closed its side: wait for it to be reaped.
            if got <= 0 {
                for _ in 0..<1_000 where exitStatus == nil {
                    reap(blocking: false)
                    usleep(1_000)
                }
                break
            }
            lastOutput = Clock.now()
            output.append(contentsOf: chunk[0..<got])
            count += got
        }
        reap(blocking: false)
        return count
    }

    /// Reads the first frame: from the first byte until the output pauses for `gap` ms
    /// with at least `minimumBytes` read, and returns when its last byte came (nil if the
    /// program drew nothing). A program that draws at once and redraws after checking
    /// something in the background pauses between the two; one that does not is timed
    /// to its last byte, as `readUntilQuiet` would.
    func readFirstFrame(gap: Int, minimumBytes: Int, firstByte: Int = 5_000) -> UInt64? {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(output.count < minimumBytes ? firstByte : gap))
            if ready == 0 { return output.count >= minimumBytes ? lastOutput : nil }
            if ready < 0 {
                if errno == EINTR { continue }
                return nil
            }
            let got = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard got > 0 else { return output.count >= minimumBytes ? lastOutput : nil }
            lastOutput = Clock.now()
            output.append(contentsOf: chunk[0..<got])
        }
    }

    /// CPU time and time spent waiting for a CPU so far, in milliseconds, summed over the
    /// process's threads (`/proc/<pid>/task/*/schedstat`). Wall time minus these two is
    /// time spent waiting for the disk or the terminal; a large wait means a busy machine.
    func schedulerTimes() -> (cpu: Double, waiting: Double)? {
        let tasks = "/proc/\(pid)/task"
        guard let threads = try? FileManager.default.contentsOfDirectory(atPath: tasks) else { return nil }
        var cpu = 0.0
        var waiting = 0.0
        for thread in threads {
            guard let text = try? String(contentsOfFile: "\(tasks)/\(thread)/schedstat", encoding: .utf8) else { continue }
            let fields = text.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            guard fields.count >= 2 else { continue }
            cpu += fields[0] / 1_000_000
            waiting += fields[1] / 1_000_000
        }
        return (cpu, waiting)
    }

    /// User and system CPU time of the whole process so far, in milliseconds, threads that
    /// have ended included (`/proc/<pid>/stat`, in clock ticks: 10 ms here).
    func processCPU() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // After the command's name: state is field 3, utime and stime fields 14 and 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) * 1000 / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Whether the output so far contains `text`.
    func contains(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard !needle.isEmpty, output.count >= needle.count else { return false }
        for start in 0...(output.count - needle.count) where output[start] == needle[0] {
            if Array(output[start..<start + needle.count]) == needle { return true }
        }
        return false
    }

    /// Types `text` as keystrokes.
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits up to `milliseconds` for the process to end, draining its output; kills it after that.
    func finish(within milliseconds: Int) {
        let begin = Clock.now()
        while exitStatus == nil, Clock.milliseconds(from: begin, to: Clock.now()) < Double(milliseconds) {
            readUntilQuiet(quiet: 20, firstByte: 20, limit: 100)
        }
        if exitStatus == nil {
            kill(pid, SIGKILL)
            reap(blocking: true)
        }
    }

    private func reap(blocking: Bool) {
        guard exitStatus == nil else { return }
        var status: Int32 = 0
        var usage = rusage()
        var result: pid_t
        repeat {
            result = wait4(pid, &status, blocking ? 0 : WNOHANG, &usage)
        } while result < 0 && errno == EINTR
        if result == pid {
            exitStatus = ChildProcess.exitStatus(status)
            peakKilobytes = usage.ru_maxrss
        }
    }
}
