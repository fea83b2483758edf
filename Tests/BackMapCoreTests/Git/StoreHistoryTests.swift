import Foundation
import Glibc
import Testing
@testable import BackMapCore

/// SPEC 8: each finished change is committed, by path, and every version stays within reach.
@Suite("Store history (git)")
struct StoreHistoryTests {
    @Test func initWritesAGitignoreForWhatBelongsToOneMachineAndCommitsTheSessions() throws {
        let machines = try GitMachines()
        let a = try machines.first(sessions: [try GitFixtures.session(1), try GitFixtures.session(2)])
        let ignore = try String(contentsOf: a.store.root.appendingPathComponent(".gitignore"), encoding: .utf8)
        for rule in ["/locks/", "/sessions.index", ".*.tmp-*"] { #expect(ignore.contains(rule)) }
        #expect(try a.lastSubject == "backmap: history starts (2 sessions so far)")
        // A scan writes the index, an editor takes a lock: neither is a change to commit.
        _ = a.store.scan()
        let lock = try a.store.lock(try GitFixtures.session(1).id)
        defer { lock.release() }
        #expect(try a.status.isEmpty)
        #expect(try a.git(["ls-files"]).split(separator: "\n").sorted()
                == [".gitignore", "sessions/20261101-190211-0001.json", "sessions/20261102-190211-0002.json"])
    }

    @Test func anEditorVisitIsOneCommitNamedAfterTheSessionAndNothingOutsideSessionsAndTrash() throws {
        let machines = try GitMachines()
        let a = try machines.first()
        var session = try GitFixtures.session(3, marks: 13)
        session.marks.append(GitFixtures.mark(20, at: session.startedAt, pass: 2))
        try a.store.save(session)
        // Something the user staged by hand outside sessions/ stays out of the commit.
        try Data("mine".utf8).write(to: a.store.root.appendingPathComponent("notes.txt"))
        try a.git(["add", "notes.txt"])

        let message = try a.history.commitPending(headline: StoreHistory.visitHeadline(session))
        #expect(message == "20261103-190211-0003: 14 marks, pass 2")
        #expect(try a.lastSubject == "20261103-190211-0003: 14 marks, pass 2")
        #expect(try a.git(["show", "--name-only", "--format=", "HEAD"]) == "sessions/20261103-190211-0003.json\n")
        #expect(try a.git(["diff", "--cached", "--name-only"]) == "notes.txt\n")
        // Nothing pending: no empty commit.
        #expect(try a.history.commitPending(headline: StoreHistory.visitHeadline(session)) == nil)
    }

    @Test func aMissingIdentityFallsBackToALocalOne() throws {
        let machines = try GitMachines()
        let a = try machines.first()
        #expect(try a.git(["config", "--get-regexp", "^user\\."], expectFailure: true).isEmpty)
        try a.store.save(try GitFixtures.session(4))
        try a.history.commitPending()
        let author = try a.git(["log", "-1", "--format=%an <%ae>"])
        #expect(author.contains("@"))
        #expect(try a.lastSubject == "20261104-190211-0004: new session")
    }

    @Test func aConfiguredIdentityIsUsed() throws {
        let machines = try GitMachines()
        let a = try machines.first()
        try a.git(["config", "user.name", "Ada"])
        try a.git(["config", "user.email", "ada@example.org"])
        try a.store.save(try GitFixtures.session(4))
        try a.history.commitPending()
        #expect(try a.git(["log", "-1", "--format=%an <%ae>"]) == "Ada <ada@example.org>\n")
    }

    @Test func aCommitThatFailsLosesNothingAndTheNextOneCatchesUp() throws {
        let machines = try GitMachines()
        let a = try machines.first()
        let lock = a.store.root.appendingPathComponent(".git/index.lock")
        try Data().write(to: lock)
        let first = try GitFixtures.session(5)
        try a.store.save(first)
        #expect {
            try a.history.commitPending(headline: StoreHistory.visitHeadline(first), lockWait: .zero)
        } throws: { error in
            guard case GitError.locked(let path) = error else { return false }
            return path == lock.path && (error as? GitError)?.description.contains("remove that file") == true
        }
        // The save itself stands.
        #expect(try a.store.load(first.id) == first)
        try FileManager.default.removeItem(at: lock)

        let second = try GitFixtures.session(6)
        try a.store.save(second)
        let message = try #require(try a.history.commitPending(headline: StoreHistory.visitHeadline(second)))
        #expect(message.hasPrefix("20261106-190211-0006: 2 marks, pass 1\n\n"))
        #expect(message.contains("- 20261105-190211-0005: new session"))
        #expect(try a.status.isEmpty)
    }

    @Test func aTrashIsCommittedAsAMoveToTheTrash() throws {
        let machines = try GitMachines()
        let session = try GitFixtures.session(7)
        let a = try machines.first(sessions: [session])
        try a.store.moveToTrash(session.id)
        try a.history.commitPending()
        #expect(try a.lastSubject == "20261107-190211-0007: moved to the trash")
        #expect(try a.status.isEmpty)
    }

    @Test func historyListsEveryVersionAndRestoreBringsOneBackCommitted() throws {
        let machines = try GitMachines()
        var session = try GitFixtures.session(8, marks: 1)
        let a = try machines.first(sessions: [session])
        let original = try a.bytes(session.id)
        session.marks.append(GitFixtures.mark(5, at: session.startedAt))
        try a.store.save(session)
        try a.history.commitPending(headline: StoreHistory.visitHeadline(session))
        session.note = "better"
        try a.store.save(session)
        try a.history.commitPending(headline: StoreHistory.visitHeadline(session))

        let versions = try a.history.versions(of: session.id)
        #expect(versions.map(\.number) == [1, 2, 3])
        #expect(versions.map(\.change) == ["new: 1 mark, pass 1", "2 marks, pass 1 (+1 mark)", "2 marks, pass 1 (note)"])
        #expect(versions[0].content == original)
        #expect(try a.history.session(session.id, version: 1).marks.count == 1)

        let message = try #require(try a.history.restore(session.id, version: 1, in: a.store))
        #expect(message.hasPrefix("20261108-190211-0008: restored version 1 of "))
        #expect(try a.bytes(session.id) == original)
        #expect(try a.history.versions(of: session.id).count == 4)
        #expect(try a.status.isEmpty)
        // Restoring what is already there changes nothing.
        #expect(try a.history.restore(session.id, version: 1, in: a.store) == nil)
        #expect { try a.history.restore(session.id, version: 9, in: a.store) } throws: { error in
            (error as? HistoryError)?.description == "session 20261108-190211-0008 has no version 9; its versions are 1 to 4 (see `backmap history 20261108-190211-0008`)"
        }
    }

    @Test func aTrashedSessionIsReachedByItsFullIdAndRestoreBringsItBack() throws {
        let machines = try GitMachines()
        let session = try GitFixtures.session(9)
        let a = try machines.first(sessions: [session])
        try a.store.moveToTrash(session.id)
        try a.history.commitPending()
        #expect(try a.history.sessionID(for: session.id.rawValue, in: a.store) == session.id)
        let versions = try a.history.versions(of: session.id)
        #expect(versions.map(\.change) == ["new: 2 marks, pass 1", "moved to the trash"])
        #expect { try a.history.session(session.id, version: 2) } throws: { _ in true }
        try a.history.restore(session.id, version: 1, in: a.store)
        #expect(try a.store.load(session.id) == session)
    }

    @Test func restoreRefusesASessionOpenInAnEditor() throws {
        let machines = try GitMachines()
        var session = try GitFixtures.session(10)
        let a = try machines.first(sessions: [session])
        session.note = "later"
        try a.store.save(session)
        try a.history.commitPending()
        let editor = try a.store.lock(session.id)
        defer { editor.release() }
        #expect(throws: StoreError.self) { try a.history.restore(session.id, version: 1, in: a.store) }
        #expect(try a.store.load(session.id).note == "later")
    }

    @Test func withoutGitNothingChanges() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            try store.save(try GitFixtures.session(11))
            // Not a repository: no history, not even a look for git.
            #expect(try StoreHistory.of(root: folder, environment: ["PATH": "/nonexistent"]) == nil)
            #expect(throws: GitError.missing) { try StoreHistory.required(root: folder, environment: ["PATH": "/nonexistent"]) }
            #expect(GitError.missing.description.hasPrefix("git is not installed"))
            #expect(throws: GitError.notARepository(folder.path)) { try StoreHistory.required(root: folder) }
        }
    }

    @Test func aBrokenRepositoryIsAClearMessageAndSavingStillWorks() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            // A .git that is not a repository at all (an interrupted copy, say).
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
            let session = try GitFixtures.session(12)
            try store.save(session)
            let history = try #require(try StoreHistory.of(root: folder))
            #expect { try history.commitPending() } throws: { error in
                let text = (error as? GitError)?.description ?? ""
                return text.contains("not a git repository") && !text.contains("\n")
            }
            #expect(try store.load(session.id) == session)
        }
    }
}

extension Machine {
    /// git whose failure is expected (the output of a failed run is its stdout, usually empty).
    func git(_ arguments: [String], expectFailure: Bool) throws -> String {
        try history.repository.attempt(arguments).text
    }
}
