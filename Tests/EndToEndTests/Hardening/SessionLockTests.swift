import BackMapCore
import Foundation
import Glibc
import Testing

/// SPEC 6: "Two programs editing the same session: the second is refused, clearly."
@Suite("Two programs on one session", .serialized)
struct SessionLockTests {
    static let start = Timestamp(iso8601: "2026-11-24T19:00:00+01:00")!

    /// A store holding two sessions, A and B.
    static func makeStore(_ scratch: HardeningScratch) throws -> (SessionStore, SessionID, SessionID) {
        let store = SessionStore(root: scratch.store)
        let a = Session(id: SessionID("20261124-190000-aaaa")!, startedAt: start)
        let b = Session(id: SessionID("20261125-190000-bbbb")!, startedAt: start)
        try store.save(a)
        try store.save(b)
        return (store, a.id, b.id)
    }

    @Test func aLockHeldByAnotherProcessIsRefusedAndFreedWhenThatProcessIsKilled() throws {
        let scratch = try HardeningScratch("lock")
        defer { scratch.remove() }
        let (store, a, b) = try Self.makeStore(scratch)
        let holder = try ChildProcess(try HardeningBinary.helper.path, ["hold-lock", scratch.store.path, a.rawValue],
                                      environment: ProcessInfo.processInfo.environment)
        defer { holder.kill(SIGKILL) }
        #expect(holder.readLine() == "locked\n")

        do {
            let lock = try store.lock(a)
            lock.release()
            Issue.record("a session locked by another process was locked again")
        } catch StoreError.locked(let id, let holderPID) {
            #expect(id == a)
            #expect(holderPID == holder.pid)
        }
        // Another session is free meanwhile.
        let other = try store.lock(b)
        other.release()

        holder.kill(SIGKILL)
        _ = holder.finish()
        // The kernel dropped the dead holder's lock; the lock file left behind does not matter.
        #expect(FileManager.default.fileExists(atPath: scratch.store.appendingPathComponent("locks/\(a).lock").path))
        let again = try store.lock(a)
        again.release()
    }

    @Test func aSecondEditorIsRefusedWithOneSentenceNamingTheSessionOnASaneTerminal() throws {
        let scratch = try HardeningScratch("lock-e2e")
        defer { scratch.remove() }
        let (store, a, b) = try Self.makeStore(scratch)
        let backmap = try HardeningBinary.backmap
        let tmux = try HardeningTmux()
        defer { tmux.stop() }

        let first = try HardeningPaneRun(in: scratch.url, name: "first", backmap, ["edit", a.rawValue, "--store", scratch.store.path])
        let firstPane = try tmux.start(first.command)
        try tmux.waitFor(firstPane, text: "backmap · editor")

        let second = try HardeningPaneRun(in: scratch.url, name: "second", backmap, ["edit", a.rawValue, "--store", scratch.store.path])
        let secondPane = try tmux.start(second.command)
        let (status, stty) = try second.after()
        #expect(status == 1)
        #expect(hardeningTerminalIsSane(stty), "the refused editor left the terminal in another mode:\n\(stty)")
        let sentence = "backmap: Session \(a) is already open in another backmap (process \(try first.pid)); close that one first."
        let screen = try tmux.capture(secondPane)
        #expect(screen.components(separatedBy: sentence).count == 2, "expected the refusal once, the pane shows:\n\(screen)")

        // A different session can be edited at the same time, and both save.
        let third = try HardeningPaneRun(in: scratch.url, name: "third", backmap, ["edit", b.rawValue, "--store", scratch.store.path])
        let thirdPane = try tmux.start(third.command)
        try tmux.waitFor(thirdPane, text: "backmap · editor")
        try tmux.send(firstPane, "2")
        try tmux.send(thirdPane, "3")
        try tmux.waitFor(firstPane, text: "2 tight")
        try tmux.waitFor(thirdPane, text: "3 very tight")
        try hardeningWaitUntil("both sessions are saved") {
            try? store.load(a).map[Zone(.left, .s1)] == .tight && store.load(b).map[Zone(.left, .s1)] == .veryTight ? true : nil
        }

        // A kill -9 leaves the lock file behind, and the next editor starts anyway.
        kill(try first.pid, SIGKILL)
        #expect(try first.after().status == 128 + Int(SIGKILL))
        let fourth = try HardeningPaneRun(in: scratch.url, name: "fourth", backmap, ["edit", a.rawValue, "--store", scratch.store.path])
        let fourthPane = try tmux.start(fourth.command)
        try tmux.waitFor(fourthPane, text: "backmap · editor")
        try tmux.send(fourthPane, "q")
        #expect(try fourth.after().status == 0)
        try tmux.send(thirdPane, "q")
        #expect(try third.after().status == 0)
    }

    @Test func aNewSessionIsLockedWhileItsEditorIsOpen() throws {
        let scratch = try HardeningScratch("lock-new")
        defer { scratch.remove() }
        let store = SessionStore(root: scratch.store)
        let backmap = try HardeningBinary.backmap
        let tmux = try HardeningTmux()
        defer { tmux.stop() }

        let editor = try HardeningPaneRun(in: scratch.url, name: "new", backmap, ["new", "--store", scratch.store.path])
        let pane = try tmux.start(editor.command)
        try tmux.waitFor(pane, text: "backmap · editor")
        try tmux.send(pane, "1")
        try tmux.waitFor(pane, text: "1 mild")
        let id = try hardeningWaitUntil("the new session is saved") { store.scan().summaries.first?.id }

        let second = try HardeningPaneRun(in: scratch.url, name: "edit", backmap, ["edit", id.rawValue, "--store", scratch.store.path])
        let secondPane = try tmux.start(second.command)
        #expect(try second.after().status == 1)
        #expect(try tmux.capture(secondPane).contains("Session \(id) is already open in another backmap"))
        try tmux.send(pane, "q")
        #expect(try editor.after().status == 0)
    }
}
