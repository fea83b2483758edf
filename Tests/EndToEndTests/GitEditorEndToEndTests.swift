import BackMapCore
import Foundation
import Glibc
import Testing

/// The editor in a store that is a git repository: one commit per editing visit, and a
/// repository that cannot take the commit never stands in the way of editing.
@Suite("End to end: the editor commits to git", .serialized)
struct GitEditorEndToEndTests {
    /// A store with one session of one mark, made a repository by `backmap git init`.
    static func repositoryStore(_ folder: TemporaryFolder) async throws -> (URL, Session) {
        let root = folder.appending("store")
        let start = try #require(Timestamp(iso8601: "2026-11-24T19:02:11+01:00"))
        var session = Session(id: try #require(SessionID("20261124-190211-a3f9")), startedAt: start)
        session.marks = [Mark(at: start, pass: 1, zone: Zone(.right, .t1), tightness: .mild)]
        try SessionStore(root: root).save(session)
        let made = try await run(try Programs.backmap(), ["git", "init", "-q"], environment: ["BACKMAP_HOME": root.path])
        #expect(made.status == 0, "\(made.stderr)")
        return (root, session)
    }

    static func git(_ root: URL, _ arguments: [String]) async throws -> String {
        let finished = try await run(URL(fileURLWithPath: try #require(GitProcess.locate())), ["-C", root.path] + arguments)
        #expect(finished.status == 0, "\(finished.stderr)")
        return finished.stdout
    }

    @Test func leavingTheEditorIsOneCommitNamingTheSession() async throws {
        let folder = try TemporaryFolder("backmap-e2e-gitedit")
        let (root, session) = try await Self.repositoryStore(folder)
        let tmux = try await TmuxSession(["edit", "last"], store: root)
        defer { tmux.close() }
        try await tmux.waitFor("rolled 1/36")
        try await tmux.send("3")
        try await tmux.waitFor("rolled 2/36")
        try await tmux.send("k", "2")
        try await tmux.waitFor("rolled 3/36")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)

        let log = try await Self.git(root, ["log", "--format=%s"])
        #expect(log == "\(session.id): 3 marks, pass 1\nbackmap: history starts (1 session so far)\n")
        #expect(try await Self.git(root, ["status", "--porcelain", "--untracked-files=all"]).isEmpty)
    }

    @Test func aLockedRepositoryLeavesEditingWorkingAndSaysHistoryIsBehind() async throws {
        let folder = try TemporaryFolder("backmap-e2e-gitlock")
        let (root, session) = try await Self.repositoryStore(folder)
        let lock = root.appendingPathComponent(".git/index.lock")
        try Data().write(to: lock)
        let tmux = try await TmuxSession([], store: root)
        defer { tmux.close() }
        try await tmux.waitFor("20261124")
        try await tmux.send("e")
        try await tmux.waitFor("rolled 1/36")
        try await tmux.send("3")
        try await tmux.waitFor("rolled 2/36")
        try await tmux.send("q")
        try await tmux.waitFor("history is behind")
        // The save stands whatever git said.
        #expect(try SessionStore(root: root).load(session.id).marks.count == 2)

        // With the lock gone, the next visit's commit takes the earlier change along.
        try FileManager.default.removeItem(at: lock)
        try await tmux.send("e")
        try await tmux.waitFor("rolled 2/36")
        try await tmux.send("q")
        try await tmux.waitFor("20261124")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
        let committed = try await Self.git(root, ["show", "HEAD:sessions/\(session.id).json"])
        #expect(try SessionCodec.decode(Data(committed.utf8)).marks.count == 2)
        #expect(try await Self.git(root, ["status", "--porcelain", "--untracked-files=all"]).isEmpty)
    }
}
