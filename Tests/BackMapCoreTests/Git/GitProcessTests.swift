import Foundation
import Glibc
import Testing
@testable import BackMapCore

@Suite("Running git")
struct GitProcessTests {
    /// This process's umask, read without changing it (umask(2) can only swap).
    static func currentUmask() -> String? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        return status.split(separator: "\n").first { $0.hasPrefix("Umask:") }.map { String($0.dropFirst(6)).trimmingCharacters(in: .whitespaces) }
    }

    /// git writes its objects under a private umask, but the umask is per process: setting
    /// ours around the spawn made every folder another thread created meanwhile private too
    /// (a test running backmap as another user then could not enter its scratch folder).
    @Test func gitRunsUnderAPrivateUmaskWithoutChangingThisProcesses() throws {
        let git = try #require(GitProcess.locate(), "git is not installed")
        let before = try #require(Self.currentUmask())
        let child = try GitProcess.capture(git, ["-c", "alias.show-umask=!umask;:", "show-umask"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(String(decoding: child.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "0077")

        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            for _ in 0..<40 { _ = try? GitProcess.capture(git, ["--version"], environment: ["PATH": "/usr/bin:/bin"]) }
            finished.signal()
        }
        thread.start()
        var seen = Set<String>()
        while finished.wait(timeout: .now()) == .timedOut {
            if let mask = Self.currentUmask() { seen.insert(mask) }
        }
        #expect(seen.isEmpty || seen == [before], "this process's umask changed while git ran: \(seen.sorted())")
    }
}
