import BackMapCore
import Foundation
import Glibc
import Testing

/// Issue 9, items 1 and 2: an open editor never overwrites a change made on disk
/// meanwhile, and a session open in an editor is not trashed from another backmap.
@Suite("Never a lost update")
struct LostUpdateTests {
    /// A stored session with one mark, and the store.
    private func storeWithASession(_ scratch: HardeningScratch) throws -> (SessionStore, Session) {
        let store = SessionStore(root: scratch.store)
        let start = Timestamp(iso8601: "2026-11-24T19:00:00+01:00")!
        let session = Session(id: SessionID("20261124-190000-aaaa")!, startedAt: start, note: "first",
                              marks: [Mark(at: start, pass: 1, zone: Zone(.left, .s1), tightness: .mild)])
        try store.save(session)
        return (store, session)
    }

    @Test func aFileChangedUnderAnOpenEditorSurvivesAndTheEditorsVersionIsKeptBeside() throws {
        let scratch = try HardeningScratch("lost-update")
        defer { scratch.remove() }
        let (store, session) = try storeWithASession(scratch)
        let tmux = try HardeningTmux()
        defer { tmux.stop() }
        let run = try HardeningPaneRun(in: scratch.url, name: "editor", try HardeningBinary.backmap,
                                       ["edit", session.id.rawValue, "--store", scratch.store.path])
        let pane = try tmux.start(run.command)
        try tmux.waitFor(pane, text: "backmap · editor")

        // A restore from backup, a sync tool or a hand edit changes the file meanwhile.
        var theirs = session
        theirs.note = "restored from a backup"
        theirs.marks.append(Mark(at: session.startedAt, pass: 1, zone: Zone(.right, .s1), tightness: .veryTight))
        try SessionCodec.encode(theirs).write(to: store.url(for: session.id))
        let theirBytes = try Data(contentsOf: store.url(for: session.id))

        try tmux.send(pane, "3")
        let shown = try tmux.waitFor(pane, text: "changed on disk")
        #expect(shown.contains("\(session.id) changed on disk; your version is now session 20261124-190000-"))
        try tmux.send(pane, "k", "2")
        try tmux.waitFor(pane, text: "rolled 2/36")
        try tmux.send(pane, "q")
        #expect(try run.after().status == 0)

        // Both versions whole: theirs untouched, ours as a new session naming the original.
        #expect(try Data(contentsOf: store.url(for: session.id)) == theirBytes)
        let scan = store.scan()
        #expect(scan.problems.isEmpty)
        #expect(scan.summaries.count == 2)
        let copyID = try #require(scan.summaries.map(\.id).first { $0 != session.id })
        let ours = try store.load(copyID)
        #expect(ours.note == "Conflict copy of session \(session.id): the file changed on disk while it was open.\nfirst")
        #expect(ours.map[Zone(.left, .s1)] == .veryTight)
        #expect(ours.map[Zone(.left, .l5)] == .tight)
        #expect(ours.map[Zone(.right, .s1)] == nil)
    }

    @Test func aSessionOpenInAnEditorIsNotTrashedFromAnotherBackmap() throws {
        let scratch = try HardeningScratch("trash-locked")
        defer { scratch.remove() }
        let (store, session) = try storeWithASession(scratch)
        let before = try Data(contentsOf: store.url(for: session.id))
        let tmux = try HardeningTmux()
        defer { tmux.stop() }
        let backmap = try HardeningBinary.backmap
        let editor = try HardeningPaneRun(in: scratch.url, name: "editor", backmap, ["edit", session.id.rawValue, "--store", scratch.store.path])
        let editorPane = try tmux.start(editor.command)
        try tmux.waitFor(editorPane, text: "backmap · editor")

        let list = try HardeningPaneRun(in: scratch.url, name: "list", backmap, ["--store", scratch.store.path])
        let listPane = try tmux.start(list.command)
        try tmux.waitFor(listPane, text: "backmap · sessions")
        try tmux.send(listPane, "d")
        try tmux.send(listPane, "y")
        let refused = try tmux.waitFor(listPane, text: "; not trashed")
        #expect(refused.contains("Session \(session.id) is open in an editor"))
        #expect(try Data(contentsOf: store.url(for: session.id)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.trashFolder.path).isEmpty)

        // The editor goes on saving into the one and only file.
        try tmux.send(editorPane, "3")
        try hardeningWaitUntil("the editor's change is saved") { try? store.load(session.id).map[Zone(.left, .s1)] == .veryTight ? true : nil }
        try tmux.send(editorPane, "q")
        #expect(try editor.after().status == 0)
        try tmux.send(listPane, "q")
        #expect(try list.after().status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.trashFolder.path).isEmpty)
    }
}
