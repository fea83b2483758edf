import Foundation
import Glibc

/// How one run of a child process went.
struct ChildResult {
    var status: Int32
    var milliseconds: Double
    /// Peak resident memory, from the kernel's accounting at exit (`ru_maxrss`).
    var peakKilobytes: Int
    /// User plus system CPU time: what the run cost, whatever else the machine was doing.
    var cpuMilliseconds: Double
    var output: Data
    var errorOutput: Data
}

/// Runs a program to completion with its output in pipes, timing it from spawn
/// to exit and taking its peak memory from `wait4`.
enum ChildProcess {
    static func run(_ path: String, _ arguments: [String], environment: [String: String]) throws -> ChildResult {
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw BenchError("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }

        let argv = CStrings([path] + arguments)
        let envp = CStrings(environment.map { "\($0.key)=\($0.value)" })
        var pid: pid_t = 0
        let start = Clock.now()
        let code = posix_spawn(&pid, path, &actions, nil, argv.pointers, envp.pointers)
        close(outPipe[1])
        close(errPipe[1])
        guard code == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            throw BenchError("could not start \(path): \(String(cString: strerror(code)))")
        }
        // Drain both pipes so a child with a lot to say never blocks on a full pipe.
        var output = Data()
        var errorOutput = Data()
        var open = [outPipe[0], errPipe[0]]
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            // No timeout: a cold scan of a huge store can be silent for a long time.
            guard poll(&fds, nfds_t(fds.count), -1) > 0 else {
                if errno == EINTR { continue }
                break
            }
            for entry in fds where entry.revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if entry.fd == outPipe[0] {
                        output.append(contentsOf: chunk[0..<count])
                    } else {
                        errorOutput.append(contentsOf: chunk[0..<count])
                    }
                } else if count == 0 || errno != EINTR {
                    close(entry.fd)
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        for fd in open { close(fd) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let end = Clock.now()
        return ChildResult(status: exitStatus(status), milliseconds: Clock.milliseconds(from: start, to: end),
                           peakKilobytes: usage.ru_maxrss, cpuMilliseconds: cpuMilliseconds(usage),
                           output: output, errorOutput: errorOutput)
    }

    static func cpuMilliseconds(_ usage: rusage) -> Double {
        func ms(_ time: timeval) -> Double { Double(time.tv_sec) * 1000 + Double(time.tv_usec) / 1000 }
        return ms(usage.ru_utime) + ms(usage.ru_stime)
    }

    /// The exit code, or 128 + the signal that ended the process.
    static func exitStatus(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}

/// NUL-terminated C strings that live as long as this value, for exec-style calls.
final class CStrings {
    private(set) var pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }
}
