import BackMapCore
import Foundation
import Glibc
import Testing

/// Issue 9, item 3: with the disk full and NOT SAVED showing, the terminal closes
/// (two SIGHUPs, 1 ms apart, the tty gone): a whole rescue copy is left, nothing
/// crashes on the dead terminal, and the next start offers the copy back.
extension UnwritableStoreTests {
    @Test func twoHangupsOneMillisecondApartLeaveAWholeRescueCopyThatTheNextStartOffers() throws {
        let setup = try Setup(.fullDisk)
        defer { setup.tearDown() }
        let store = SessionStore(root: setup.storeRoot)
        let state = setup.rescueFolder
        let tmux = try HardeningTmux()
        defer { tmux.stop() }
        // A window that stays, so the tmux server outlives the one closed below.
        try tmux.start("exec sleep 600")
        let environment = ["TMPDIR": state.path, "XDG_STATE_HOME": state.path]
        let run = try HardeningPaneRun(in: setup.scratch.url, name: "editor", try HardeningBinary.backmap,
                                       ["new", "--store", setup.storeRoot.path], environment: environment)
        // The wrapper ignores SIGHUP so that it outlives the window and records how backmap ended.
        let pane = try tmux.start("trap '' HUP; " + run.command)
        try tmux.waitFor(pane, text: "backmap · editor")
        try tmux.send(pane, "1")
        try tmux.waitFor(pane, text: "rolled 1/36")
        let id = try hardeningWaitUntil("the new session is saved") { store.scan().summaries.first?.id }
        try setup.breakStore()
        try tmux.send(pane, "k", "2", "k", "3")
        try tmux.waitFor(pane, "NOT SAVED with three marks") { $0.contains("NOT SAVED: No space left on device") && $0.contains("rolled 3/36") }

        // The window closes: the tty hangs up (SIGHUP), and a second SIGHUP follows 1 ms later.
        let pid = try run.pid
        try tmux.killWindow(pane)
        usleep(1_000)
        kill(pid, SIGHUP)
        let after = try hardeningWaitForFile(run.afterFile, containing: "DONE")
        #expect(hardeningExitStatus(after) == 128 + Int(SIGHUP), "\(after)")

        let rescueFolder = state.appendingPathComponent("backmap/rescue")
        let folders = try FileManager.default.contentsOfDirectory(atPath: rescueFolder.path)
        #expect(folders.count == 1 && folders.allSatisfy { $0.hasPrefix("backmap-rescue-") }, "\(folders)")
        let folder = rescueFolder.appendingPathComponent(try #require(folders.first))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.contains { $0.contains(".tmp-") }, "a temporary was left: \(names)")
        let rescued = try SessionCodec.decode(Data(contentsOf: folder.appendingPathComponent("\(id).json")))
        #expect(rescued.marks.count == 3)
        #expect(try store.load(id).marks.count == 1)

        // The next start, once the disk has room again, offers the copy and restores it.
        try setup.mendStore()
        let next = try HardeningPaneRun(in: setup.scratch.url, name: "next", try HardeningBinary.backmap,
                                        ["--store", setup.storeRoot.path], environment: environment)
        let nextPane = try tmux.start(next.command)
        let offer = try tmux.waitFor(nextPane, text: "[r]estore it, [d]elete it, or [k]eep it for later?")
        #expect(offer.contains("session \(id)"))
        #expect(offer.contains("its rescue copy is \(folder.path)/\(id).json"))
        try tmux.send(nextPane, "r", "Enter")
        try tmux.waitFor(nextPane, text: "backmap · sessions")
        #expect(try store.load(id).marks.count == 3)
        #expect(try store.load(id) == rescued)
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        try tmux.send(nextPane, "q")
        #expect(try next.after().status == 0)
    }
}
