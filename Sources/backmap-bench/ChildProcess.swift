import BackMapCore
import Foundation
import Glibc

/// How one timed run of a child process went.
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

extension ChildProcess {
    /// Runs a program to completion (stdin from /dev/null, output in pipes), timed
    /// from spawn to exit, with its peak memory and CPU time from `wait4`.
    static func timed(_ path: String, _ arguments: [String], environment: [String: String]) throws -> ChildResult {
        let start = Clock.now()
        let outcome = try ChildProcess.run(path, arguments, environment: environment)
        let end = Clock.now()
        return ChildResult(status: outcome.status, milliseconds: Clock.milliseconds(from: start, to: end),
                           peakKilobytes: outcome.peakKilobytes, cpuMilliseconds: outcome.cpuMilliseconds,
                           output: outcome.stdout, errorOutput: outcome.stderr)
    }
}

/// NUL-terminated C strings that live as long as this value, for the exec after forkpty.
final class CStrings {
    private(set) var pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }
}
