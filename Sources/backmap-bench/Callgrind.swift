import BackMapCore
import Foundation
import Glibc

/// Counts the instructions a run executes with valgrind's callgrind: unlike wall
/// time, the count does not move with the machine's load, so it shows what a
/// change costs even on a busy machine.
struct Callgrind {
    let valgrind: String
    let environment: [String: String]

    /// A copy without debug information, which valgrind can read (Swift 6 writes DWARF 5).
    static func strippedCopy(of program: String) throws -> String {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-stripped-\(getpid())").path
        let result = try ChildProcess.timed("/usr/bin/env", ["strip", "-o", copy, program], environment: ["PATH": "/usr/bin:/bin"])
        guard result.status == 0 else {
            throw BenchError("strip failed: " + String(decoding: result.errorOutput.prefix(300), as: UTF8.self))
        }
        return copy
    }

    /// Instructions of a program that runs to its end.
    func count(_ program: String, _ arguments: [String]) throws -> UInt64 {
        let log = logFile()
        defer { unlink(log) }
        let result = try ChildProcess.timed(valgrind, options(log) + [program] + arguments, environment: environment)
        guard result.status == 0 else {
            throw BenchError("`\(program) \(arguments.joined(separator: " "))` under valgrind ended with status \(result.status)")
        }
        return try collected(log)
    }

    /// Instructions of an interactive program on a pty, from its start until it is quiet
    /// (first frame drawn, anything it checks in the background done), then a `q`.
    func countInteractive(_ program: String, _ arguments: [String]) throws -> UInt64 {
        let log = logFile()
        defer { unlink(log) }
        let process = try PseudoTerminalProcess(valgrind, options(log) + [program] + arguments, environment: environment)
        // Under valgrind everything is some fifty times slower.
        process.readUntilQuiet(quiet: 3_000, firstByte: 60_000, limit: 120_000)
        process.send("q")
        process.finish(within: 60_000)
        return try collected(log)
    }

    private func options(_ log: String) -> [String] {
        ["--tool=callgrind", "--callgrind-out-file=/dev/null", "--log-file=\(log)"]
    }

    private func logFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("backmap-callgrind-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).log").path
    }

    /// The "Collected : N" line of callgrind's log.
    private func collected(_ log: String) throws -> UInt64 {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            if let range = line.range(of: "Collected : ") {
                if let count = UInt64(line[range.upperBound...].trimmingCharacters(in: .whitespaces)) { return count }
            }
        }
        throw BenchError("callgrind reported no instruction count: \(text.suffix(300))")
    }
}
