import BackMapCore
import Foundation
import Glibc
import Testing

/// SPEC 3: files written by a newer version are read if possible and never rewritten.
@Suite("A newer version's file, end to end")
struct NewerVersionEndToEndTests {
    @Test func theEditorShowsItReadOnlyAndNoKeyRewritesIt() throws {
        let scratch = try HardeningScratch("newer")
        defer { scratch.remove() }
        let store = SessionStore(root: scratch.store)
        try store.prepare()
        let file = store.sessionsFolder.appendingPathComponent("20261124-190000-beef.json")
        let text = """
            {"format": "backmap.session", "version": 9, "id": "20261124-190000-beef", "startedAt": "2026-11-24T19:00:00+01:00",
             "technique": "cupping", "future": {"x": 1},
             "marks": [{"at": "2026-11-24T19:00:00+01:00", "pass": 1, "side": "left", "segment": "S1", "tightness": 2, "depth": 3}]}
            """
        try Data(text.utf8).write(to: file)
        _ = chmod(file.path, 0o600)
        var before = stat()
        _ = stat(file.path, &before)

        let tmux = try HardeningTmux()
        defer { tmux.stop() }
        let run = try HardeningPaneRun(in: scratch.url, name: "editor", try HardeningBinary.backmap, ["edit", "last", "--store", scratch.store.path])
        let pane = try tmux.start(run.command)
        let screen = try tmux.waitFor(pane, text: "read-only: written by a newer backmap")
        #expect(screen.contains("2 tight"))
        try tmux.send(pane, "3", "Space", "x", "u", "C-r", "p", "g", "1")
        try tmux.send(pane, "n")
        try tmux.type(pane, "a note")
        try tmux.send(pane, "Enter", "q")
        #expect(try run.after().status == 0)

        #expect(try String(contentsOf: file, encoding: .utf8) == text)
        var after = stat()
        _ = stat(file.path, &after)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec && after.st_ino == before.st_ino)
    }
}
