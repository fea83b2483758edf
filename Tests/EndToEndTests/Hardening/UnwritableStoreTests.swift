import BackMapCore
import Foundation
import Glibc
import Testing

/// SPEC 6 and the editor's promise that every change is saved: when the store
/// cannot be written, the edit stays in memory, the status line says NOT SAVED
/// with the reason, saving resumes by itself once it can, and quitting while a
/// change is still unsaved writes a rescue copy and says where.
///
/// The faults are real: a full tmpfs (ENOSPC) and a read-only bind mount over
/// the sessions folder (EROFS) where mounting is allowed (root with CAP_SYS_ADMIN), and a
/// sessions folder without write permission for a non-root editor (EACCES),
/// run as `nobody` through setpriv when the tests run as root. A fault that
/// cannot be set up here cancels its test case with the reason.
@Suite("Unwritable store", .serialized)
struct UnwritableStoreTests {
    enum Fault: String, CaseIterable, CustomTestStringConvertible {
        case fullDisk, readOnlyMount, noPermission
        var testDescription: String { rawValue }
        var reason: String {
            switch self {
            case .fullDisk: "No space left on device"
            case .readOnlyMount: "Read-only file system"
            case .noPermission: "Permission denied"
            }
        }
    }

    /// Where the store lives and how to break it and mend it.
    final class Setup {
        let scratch: HardeningScratch
        let fault: Fault
        let storeRoot: URL
        let rescueFolder: URL
        var mountPoint: URL?
        var runAs: [String] = []

        init(_ fault: Fault) throws {
            self.fault = fault
            scratch = try HardeningScratch("unwritable")
            rescueFolder = scratch.url.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: rescueFolder, withIntermediateDirectories: true)
            switch fault {
            case .fullDisk, .readOnlyMount:
                let mount = scratch.url.appendingPathComponent("mnt")
                try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
                let result = try runBlocking(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", mount.path])
                guard result.status == 0 else {
                    scratch.remove()
                    try Test.cancel("cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
                }
                mountPoint = mount
                storeRoot = mount.appendingPathComponent("store")
            case .noPermission:
                storeRoot = scratch.store
                if getuid() == 0 {
                    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                          let probe = try? runBlocking(URL(fileURLWithPath: "/usr/bin/setpriv"),
                                                        ["--reuid=65534", "--regid=65534", "--clear-groups", "--", try HardeningBinary.backmap.path, "--version"]),
                          probe.status == 0 else {
                        scratch.remove()
                        try Test.cancel("running as root, and backmap cannot be run as nobody here (setpriv missing or the build folder unreadable)")
                    }
                    runAs = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
                }
            }
            try SessionStore(root: storeRoot).prepare()
            if !runAs.isEmpty {
                for url in [storeRoot, rescueFolder] { _ = try runBlocking(URL(fileURLWithPath: "/bin/chown"), ["-R", "65534:65534", url.path]) }
            }
        }

        var filler: URL { storeRoot.appendingPathComponent("filler") }

        func breakStore() throws {
            switch fault {
            case .fullDisk:
                // Fill every page of the tmpfs.
                let fd = open(filler.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
                defer { close(fd) }
                var block = [UInt8](repeating: 0x55, count: 4096)
                while block.withUnsafeMutableBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
                #expect(errno == ENOSPC)
            case .readOnlyMount:
                // A read-only bind mount over the sessions folder: the editor's open lock
                // file would make remounting the whole tmpfs read-only fail with EBUSY.
                let sessions = storeRoot.appendingPathComponent("sessions").path
                try run("/bin/mount", ["--bind", sessions, sessions])
                try run("/bin/mount", ["-o", "remount,bind,ro", sessions])
            case .noPermission:
                #expect(chmod(storeRoot.appendingPathComponent("sessions").path, 0o500) == 0)
            }
        }

        func mendStore() throws {
            switch fault {
            case .fullDisk: try FileManager.default.removeItem(at: filler)
            case .readOnlyMount: try run("/bin/umount", [storeRoot.appendingPathComponent("sessions").path])
            case .noPermission: #expect(chmod(storeRoot.appendingPathComponent("sessions").path, 0o700) == 0)
            }
        }

        private func run(_ program: String, _ arguments: [String]) throws {
            let result = try runBlocking(URL(fileURLWithPath: program), arguments)
            guard result.status == 0 else { throw HardeningFailure("\(program) \(arguments): \(result.stderr)") }
        }

        func tearDown() {
            if let mountPoint {
                if fault == .readOnlyMount {
                    _ = try? runBlocking(URL(fileURLWithPath: "/bin/umount"), [storeRoot.appendingPathComponent("sessions").path])
                }
                _ = try? runBlocking(URL(fileURLWithPath: "/bin/umount"), ["-l", mountPoint.path])
            }
            _ = chmod(storeRoot.appendingPathComponent("sessions").path, 0o700)
            scratch.remove()
        }
    }

    @Test(arguments: Fault.allCases)
    func theEditStaysInMemorySavingResumesAndQuittingWritesARescueCopy(fault: Fault) throws {
        let setup = try Setup(fault)
        defer { setup.tearDown() }
        let store = SessionStore(root: setup.storeRoot)
        let tmux = try HardeningTmux()
        defer { tmux.stop() }
        let backmap = try HardeningBinary.backmap
        let program = setup.runAs.isEmpty ? backmap : URL(fileURLWithPath: setup.runAs[0])
        let arguments = Array(setup.runAs.dropFirst()) + (setup.runAs.isEmpty ? [] : [backmap.path]) + ["new", "--store", setup.storeRoot.path]
        let run = try HardeningPaneRun(in: setup.scratch.url, name: "editor", program, arguments,
                                       environment: ["TMPDIR": setup.rescueFolder.path])
        let pane = try tmux.start(run.command)
        try tmux.waitFor(pane, text: "backmap · editor")
        try tmux.send(pane, "1")
        try tmux.waitFor(pane, text: "rolled 1/36")
        let id = try #require(store.scan().summaries.first?.id)

        // Broken: the change is shown, kept, and the status line says why it is not saved.
        try setup.breakStore()
        try tmux.send(pane, "k", "2")
        let failed = try tmux.waitFor(pane, text: "NOT SAVED: \(fault.reason)")
        #expect(failed.contains("rolled 2/36"))
        #expect(try store.load(id).marks.count == 1)

        // Mended: within a few seconds the pending change reaches the disk unasked.
        try setup.mendStore()
        try tmux.waitFor(pane, timeout: 8, "the status to say saved") { !$0.contains("NOT SAVED") && $0.contains(" saved\n") }
        #expect(try store.load(id).marks.count == 2)

        // Broken again and quit: a rescue copy holds the last change, and stderr says where.
        try setup.breakStore()
        try tmux.send(pane, "k", "3")
        try tmux.waitFor(pane, text: "NOT SAVED: \(fault.reason)")
        try tmux.send(pane, "q")
        let (status, stty) = try run.after()
        #expect(status == 1)
        #expect(hardeningTerminalIsSane(stty))
        let shown = try tmux.capture(pane)
        let prefix = "backmap: session \(id) could not be saved in \(store.sessionsFolder.path) (\(fault.reason)); a copy of it is in "
        let line = try #require(shown.split(separator: "\n").first { $0.hasPrefix(prefix) }, "\(shown)")
        let path = try #require(line.dropFirst(prefix.count).split(separator: ":").first.map(String.init))
        #expect(path.hasPrefix(setup.rescueFolder.path + "/backmap-rescue-") && path.hasSuffix("/\(id).json"))
        let rescued = try SessionCodec.decode(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(rescued.marks.count == 3)
        #expect(rescued.map[Zone(.left, .l4)] == .veryTight)
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(stat(URL(fileURLWithPath: path).deletingLastPathComponent().path, &info) == 0 && info.st_mode & 0o777 == 0o700)
        try setup.mendStore()
        #expect(try store.load(id).marks.count == 2)
    }

    /// The save state is the program's, not the editor's: leave an editor whose save
    /// failed and every screen (list, replay, trends, compare) still says NOT SAVED,
    /// then "saved" once the retry lands.
    @Test func everyScreenShowsAPendingSaveUntilItLands() throws {
        let setup = try Setup(.fullDisk)
        defer { setup.tearDown() }
        let store = SessionStore(root: setup.storeRoot)
        let start = Timestamp(iso8601: "2026-11-24T19:00:00+01:00")!
        var older = Session(id: SessionID("20261124-190000-aaaa")!, startedAt: start)
        older.marks.append(Mark(at: start, pass: 1, zone: Zone(.left, .l4), tightness: .mild))
        var newer = Session(id: SessionID("20261125-190000-bbbb")!, startedAt: Timestamp(iso8601: "2026-11-25T19:00:00+01:00")!)
        newer.marks.append(Mark(at: newer.startedAt, pass: 1, zone: Zone(.left, .l4), tightness: .tight))
        try store.save(older)
        try store.save(newer)
        let tmux = try HardeningTmux()
        defer { tmux.stop() }
        let run = try HardeningPaneRun(in: setup.scratch.url, name: "app", try HardeningBinary.backmap,
                                       ["--store", setup.storeRoot.path], environment: ["TMPDIR": setup.rescueFolder.path])
        let pane = try tmux.start(run.command)
        try tmux.waitFor(pane, text: "backmap · sessions")
        try tmux.send(pane, "e")
        try tmux.waitFor(pane, text: "backmap · editor")
        try setup.breakStore()
        try tmux.send(pane, "3")
        try tmux.waitFor(pane, text: "NOT SAVED: No space left on device")
        /// Waits for a screen by its title, and checks its status line tells of the pending save.
        func expectNotSaved(on title: String) throws {
            let shown = try tmux.waitFor(pane, "\(title) saying NOT SAVED") { $0.contains(title) && $0.contains("NOT SAVED: No space left") }
            let status = shown.split(separator: "\n").last.map(String.init) ?? ""
            #expect(status.contains("NOT SAVED: No space left"), "\(title): \(status)")
        }
        try tmux.send(pane, "q")
        try expectNotSaved(on: "backmap · sessions")
        try tmux.send(pane, "Enter")
        try expectNotSaved(on: "backmap · replay")
        try tmux.send(pane, "q")
        try tmux.waitFor(pane, text: "backmap · sessions")
        try tmux.send(pane, "t")
        try expectNotSaved(on: "backmap · trends")
        try tmux.send(pane, "q")
        try tmux.waitFor(pane, text: "backmap · sessions")
        try tmux.send(pane, "m", "j", "c")
        try expectNotSaved(on: "backmap · compare")
        #expect(try store.load(newer.id).marks.count == 1)

        // Mended: the retry lands while compare is on screen, and it says so.
        try setup.mendStore()
        let saved = try tmux.waitFor(pane, timeout: 10, "compare to say saved") { $0.contains("backmap · compare") && !$0.contains("NOT SAVED") }
        #expect(saved.split(separator: "\n").last?.hasSuffix(" saved") == true, "\(saved)")
        #expect(try store.load(newer.id).marks.count == 2)
        try tmux.send(pane, "q")
        try tmux.waitFor(pane, text: "backmap · sessions")
        try tmux.send(pane, "q")
        #expect(try run.after().status == 0)
    }

    /// Two editors opened one after the other on a full disk: the first one's
    /// pending change is not dropped when the second one's save fails too.
    @Test func everySessionWithAPendingChangeGetsItsOwnRescueCopy() throws {
        let setup = try Setup(.fullDisk)
        defer { setup.tearDown() }
        let store = SessionStore(root: setup.storeRoot)
        let start = Timestamp(iso8601: "2026-11-24T19:00:00+01:00")!
        let a = Session(id: SessionID("20261124-190000-aaaa")!, startedAt: start)
        let b = Session(id: SessionID("20261125-190000-bbbb")!, startedAt: start)
        try store.save(a)
        try store.save(b)
        let tmux = try HardeningTmux()
        defer { tmux.stop() }
        let run = try HardeningPaneRun(in: setup.scratch.url, name: "app", try HardeningBinary.helper,
                                       ["screen", setup.storeRoot.path, a.id.rawValue, b.id.rawValue],
                                       environment: ["TMPDIR": setup.rescueFolder.path])
        let pane = try tmux.start(run.command)
        try tmux.waitFor(pane, text: "TROUBLE SCREEN")
        try setup.breakStore()
        try tmux.send(pane, "1")
        try tmux.waitFor(pane, text: "backmap · editor")
        try tmux.send(pane, "3")
        try tmux.waitFor(pane, text: "NOT SAVED: No space left on device")
        try tmux.send(pane, "q")
        try tmux.waitFor(pane, text: "TROUBLE SCREEN")
        try tmux.send(pane, "2")
        try tmux.waitFor(pane, text: "backmap · editor")
        try tmux.send(pane, "k", "2")
        try tmux.waitFor(pane, text: "NOT SAVED: No space left on device")
        try tmux.send(pane, "q")
        try tmux.waitFor(pane, text: "TROUBLE SCREEN")
        try tmux.send(pane, "q")
        #expect(try run.after().status == 1)

        let shown = try tmux.capture(pane)
        for (session, zone, value) in [(a, Zone(.left, .s1), Tightness.veryTight), (b, Zone(.left, .l5), .tight)] {
            let prefix = "backmap: session \(session.id) could not be saved in \(store.sessionsFolder.path) (No space left on device); a copy of it is in "
            let line = try #require(shown.split(separator: "\n").first { $0.hasPrefix(prefix) }, "\(shown)")
            let path = try #require(line.dropFirst(prefix.count).split(separator: ":").first.map(String.init))
            let rescued = try SessionCodec.decode(Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(rescued.id == session.id && rescued.marks.count == 1 && rescued.map[zone] == value)
        }
    }
}
