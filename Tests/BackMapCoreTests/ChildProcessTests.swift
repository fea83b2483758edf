import BackMapCore
import Foundation
import Glibc
import Testing

@Suite("ChildProcess: the one way a program is started")
struct ChildProcessTests {
    private let environment = ["PATH": "/usr/bin:/bin"]

    @Test func inputAndOutputLargerThanAPipeDoNotBlockEachOther() throws {
        // 1 MiB through cat, and as much on stderr: neither pipe may fill while the other waits.
        let input = Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 % 251) })
        let outcome = try ChildProcess.run("/bin/sh", ["-c", "tee /dev/stderr"], environment: environment, input: input)
        #expect(outcome.status == 0)
        #expect(outcome.stdout == input)
        #expect(outcome.stderr == input)
    }

    @Test func withoutInputStandardInputIsAtItsEnd() throws {
        let outcome = try ChildProcess.run("/bin/sh", ["-c", "wc -c"], environment: environment)
        #expect(outcome.stdout == Data("0\n".utf8))
    }

    @Test func theChildStartsWithNoBlockedSignalsWhateverThisThreadBlocks() throws {
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        // SigBlk in /proc: the child's own mask, in hex.
        let outcome = try ChildProcess.run("/bin/sh", ["-c", "grep SigBlk /proc/self/status"], environment: environment)
        #expect(String(decoding: outcome.stdout, as: UTF8.self).hasSuffix("0000000000000000\n"))
    }

    @Test func linesAsTheyComeThenAKillIsStatus137() throws {
        let child = try ChildProcess("/bin/sh", ["-c", "echo ready; echo saved 1; exec sleep 30"], environment: environment)
        #expect(child.readLine() == "ready\n")
        #expect(child.readLine() == "saved 1\n")
        #expect(!child.hasExited())
        child.kill(SIGKILL)
        let outcome = child.finish()
        #expect(outcome.status == 128 + SIGKILL)
        #expect(outcome.stdout == Data("ready\nsaved 1\n".utf8))
    }

    @Test func aProgramThatCannotStartSaysWhy() {
        #expect(throws: ChildProcess.SpawnError.self) {
            try ChildProcess.run("/nonexistent/program", [], environment: environment)
        }
    }
}
