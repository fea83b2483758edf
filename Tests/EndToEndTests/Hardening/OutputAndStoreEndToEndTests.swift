import BackMapCore
import Foundation
import Glibc
import Testing

/// Issue 9, items 6, 7 and 8 through the built `backmap`: where output goes when
/// it cannot be written, `-o` to devices, and stores that cannot be read.
@Suite struct OutputAndStoreEndToEndTests {
    /// A store with one session whose notes make its export larger than a pipe holds (64 KB).
    private func storeWithALargeSession(in scratch: HardeningScratch) throws -> (SessionStore, SessionID) {
        let store = SessionStore(root: scratch.store)
        let startedAt = Timestamp(date: Date(timeIntervalSince1970: 1_788_800_400), utcOffset: 3_600)
        let note = String(repeating: "long note ", count: 190)
        let marks = Zone.rollingOrder.prefix(36).enumerated().map { offset, zone in
            Mark(at: startedAt, pass: 1, zone: zone, tightness: .tight, note: note + "\(offset)")
        }
        let session = Session(id: SessionID.make(at: startedAt, random: { 0xabcd }), startedAt: startedAt, marks: marks)
        try store.save(session)
        return (store, session.id)
    }

    /// Runs a bash command line with `$B` set to the backmap binary.
    private func bash(_ script: String) async throws -> Finished {
        try await run(URL(fileURLWithPath: "/bin/bash"), ["-c", script],
                      environment: ["B": try HardeningBinary.backmap.path])
    }

    @Test func listToAFullDeviceIsOneSentenceAndAFailureNotACrash() async throws {
        let scratch = try HardeningScratch("full-stdout")
        defer { scratch.remove() }
        let (store, _) = try storeWithALargeSession(in: scratch)
        let result = try await bash("\"$B\" list --store \(shellQuoted(store.root.path)) > /dev/full")
        #expect(result.status == 1)
        #expect(result.stderr == "backmap: could not write to standard output: No space left on device.\n")
    }

    @Test func listWithStandardOutputClosedIsOneSentenceAndAFailure() async throws {
        let scratch = try HardeningScratch("closed-stdout")
        defer { scratch.remove() }
        let (store, id) = try storeWithALargeSession(in: scratch)
        let before = try Data(contentsOf: store.url(for: id))
        let result = try await bash("\"$B\" list --store \(shellQuoted(store.root.path)) >&-")
        #expect(result.status == 1)
        #expect(result.stderr == "backmap: could not write to standard output: it is closed.\n")
        #expect(try Data(contentsOf: store.url(for: id)) == before)
    }

    @Test func aReaderThatLeavesEndsTheProgramQuietlyEvenWithSIGPIPEIgnored() async throws {
        let scratch = try HardeningScratch("epipe")
        defer { scratch.remove() }
        let (store, id) = try storeWithALargeSession(in: scratch)
        let status = scratch.url.appendingPathComponent("status").path
        let result = try await bash("""
            trap '' PIPE
            "$B" export \(id) --format json --store \(shellQuoted(store.root.path)) | head -c 10 > /dev/null
            echo "${PIPESTATUS[0]}" > \(shellQuoted(status))
            """)
        #expect(result.stderr == "")
        #expect(try String(contentsOfFile: status, encoding: .utf8) == "141\n")
    }

    @Test func exportToDevStdoutWritesThroughAndDevNullStaysADevice() async throws {
        let scratch = try HardeningScratch("dev-stdout")
        defer { scratch.remove() }
        let (store, id) = try storeWithALargeSession(in: scratch)
        let result = try await bash("\"$B\" export \(id) --format csv -o /dev/stdout --store \(shellQuoted(store.root.path)) | head -n 1")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("id,"))

        let null = try await bash("\"$B\" export \(id) --format json -o /dev/null --store \(shellQuoted(store.root.path))")
        #expect(null.status == 0)
        var info = stat()
        #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func exportToASymbolicLinkIsRefusedInOneSentence() async throws {
        let scratch = try HardeningScratch("link-output")
        defer { scratch.remove() }
        let (store, id) = try storeWithALargeSession(in: scratch)
        let target = scratch.url.appendingPathComponent("target.csv")
        try Data("kept".utf8).write(to: target)
        let link = scratch.url.appendingPathComponent("link.csv")
        #expect(symlink(target.path, link.path) == 0)
        let result = try await bash("\"$B\" export \(id) --format csv -o \(shellQuoted(link.path)) --store \(shellQuoted(store.root.path))")
        #expect(result.status == 1)
        #expect(result.stderr == "backmap: Did not write \(link.path): it is a symbolic link; give the path of the file itself.\n")
        #expect(try Data(contentsOf: target) == Data("kept".utf8))
    }

    @Test(arguments: ["sessions-file", "sessions-dangling", "store-is-a-file", "empty-store-option"])
    func anUnreadableStoreIsAnErrorForCheckAndList(kind: String) async throws {
        let scratch = try HardeningScratch("unreadable-\(kind)")
        defer { scratch.remove() }
        var storePath = scratch.store.path
        switch kind {
        case "sessions-file":
            try FileManager.default.createDirectory(at: scratch.store, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: scratch.store.appendingPathComponent("sessions"))
        case "sessions-dangling":
            try FileManager.default.createDirectory(at: scratch.store, withIntermediateDirectories: true)
            #expect(symlink(scratch.url.appendingPathComponent("gone").path, scratch.store.appendingPathComponent("sessions").path) == 0)
        case "store-is-a-file":
            storePath = "/etc/passwd"
        default:
            storePath = ""
        }
        for command in ["check", "list"] {
            let result = try await bash("\"$B\" \(command) --store \(shellQuoted(storePath))")
            #expect(result.status == 1, "\(command)")
            #expect(result.stdout == "", "\(command)")
            #expect(result.stderr.hasPrefix("backmap: "), "\(command)")
            #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains(kind == "empty-store-option" ? "--store needs a folder" : "cannot be read"), "\(command)")
        }
    }

    @Test func aStoreOfMode000IsAnErrorForAnotherUser() async throws {
        guard getuid() == 0 else { return }
        let scratch = try HardeningScratch("mode-000")
        defer { scratch.remove() }
        let (store, _) = try storeWithALargeSession(in: scratch)
        // root reads any folder; `nobody` is the person for whom mode 000 means something.
        _ = chmod(scratch.url.path, 0o755)
        _ = chown(store.root.path, 65534, 65534)
        _ = chmod(store.root.path, 0o000)
        defer { _ = chmod(store.root.path, 0o700) }
        let binary = try HardeningBinary.backmap.path
        // nobody must be able to run the binary where it was built (a copy made here can
        // be "busy" when a test running alongside forks while it is being written).
        guard access(binary, R_OK | X_OK) == 0,
              try await run(URL(fileURLWithPath: "/usr/bin/setpriv"),
                            ["--reuid=65534", "--regid=65534", "--clear-groups", binary, "--version"]).status == 0 else { return }
        let result = try await run(URL(fileURLWithPath: "/usr/bin/setpriv"),
                                   ["--reuid=65534", "--regid=65534", "--clear-groups", binary, "check", "--store", store.root.path],
                                   environment: ["HOME": "/tmp"])
        #expect(result.status == 1)
        #expect(result.stderr == "backmap: The store \(store.root.path) cannot be read: \(store.root.path): Permission denied.\n")
    }
}
