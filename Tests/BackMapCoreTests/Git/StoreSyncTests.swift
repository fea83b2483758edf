import Foundation
import Glibc
import Testing
@testable import BackMapCore

/// SPEC 8: `backmap sync` between two stores cloned from one bare repository on local disk.
@Suite("Store sync (git)")
struct StoreSyncTests {
    @Test func sessionsAddedOnBothSidesMergeWithoutAQuestion() throws {
        let machines = try GitMachines()
        let shared = try GitFixtures.session(1)
        let a = try machines.first(sessions: [shared])
        let b = try machines.clone("b")
        try a.store.save(try GitFixtures.session(2))
        try b.store.save(try GitFixtures.session(3))

        let first = try a.sync()
        #expect(first.committed == "20261102-190211-0002: new session")
        #expect(first.pushed)
        let second = try b.sync()
        #expect(second.broughtIn.map(\.rawValue) == ["20261102-190211-0002"])
        #expect(second.keptBoth.isEmpty)
        let third = try a.sync()
        #expect(third.broughtIn.map(\.rawValue) == ["20261103-190211-0003"])

        let all = ["20261101-190211-0001", "20261102-190211-0002", "20261103-190211-0003"]
        #expect(a.ids == all)
        #expect(b.ids == all)
        #expect(try a.status.isEmpty)
        #expect(try b.status.isEmpty)
        #expect(StoreCheck(a.store).isClean && StoreCheck(b.store).isClean)
    }

    @Test func theSameSessionChangedOnBothKeepsBothWholeAndSaysWhich() throws {
        let machines = try GitMachines()
        let shared = try GitFixtures.session(4, marks: 3)
        let a = try machines.first(sessions: [shared])
        let b = try machines.clone("b")
        var onA = shared
        onA.marks.append(GitFixtures.mark(10, at: shared.startedAt, pass: 2))
        onA.note = "rolled on the laptop"
        try a.store.save(onA)
        var onB = shared
        onB.marks.removeLast()
        onB.painAfter = 2
        try b.store.save(onB)

        _ = try a.sync()
        let report = try b.sync()
        let kept = try #require(report.keptBoth.first)
        #expect(report.keptBoth.count == 1)
        #expect(kept.original == shared.id)
        #expect(kept.copy != shared.id)
        #expect(report.lines.contains { $0.contains("\(shared.id)") && $0.contains("\(kept.copy)") })

        // The remote's version at the id, byte for byte; ours whole under the fresh id, its note naming the original.
        #expect(try b.bytes(shared.id) == a.bytes(shared.id))
        let copy = try b.store.load(kept.copy)
        #expect(copy.marks == onB.marks && copy.painAfter == 2 && copy.startedAt == shared.startedAt)
        #expect(copy.note?.contains(shared.id.rawValue) == true)
        #expect(StoreCheck(b.store).isClean)
        #expect(try b.status.isEmpty)
        #expect(try b.git(["ls-files", "--unmerged"]).isEmpty)

        _ = try a.sync()
        #expect(a.ids == b.ids && a.ids.count == 2)
        #expect(try a.bytes(kept.copy) == b.bytes(kept.copy))
        #expect(StoreCheck(a.store).isClean)
        #expect(try a.status.isEmpty)
    }

    @Test func changedHereAndTrashedThereKeepsOursAsACopy() throws {
        let machines = try GitMachines()
        let shared = try GitFixtures.session(5)
        let a = try machines.first(sessions: [shared])
        let b = try machines.clone("b")
        try a.store.moveToTrash(shared.id)
        var onB = shared
        onB.note = "still wanted"
        try b.store.save(onB)

        _ = try a.sync()
        let report = try b.sync()
        let kept = try #require(report.keptBoth.first)
        #expect(!FileManager.default.fileExists(atPath: b.store.url(for: shared.id).path))
        #expect(FileManager.default.fileExists(atPath: b.store.trashFolder.appendingPathComponent("\(shared.id).json").path))
        #expect(try b.store.load(kept.copy).note?.hasSuffix("still wanted") == true)
        #expect(try b.status.isEmpty)
        #expect(StoreCheck(b.store).isClean)
    }

    @Test func trashedHereAndChangedThereBringsTheirsBackAndKeepsOurTrashedCopy() throws {
        let machines = try GitMachines()
        let shared = try GitFixtures.session(6)
        let a = try machines.first(sessions: [shared])
        let b = try machines.clone("b")
        var onA = shared
        onA.note = "changed on a"
        try a.store.save(onA)
        try b.store.moveToTrash(shared.id)

        _ = try a.sync()
        _ = try b.sync()
        #expect(try b.store.load(shared.id) == onA)
        let trashed = try Data(contentsOf: b.store.trashFolder.appendingPathComponent("\(shared.id).json"))
        #expect(try SessionCodec.decode(trashed) == shared)
        #expect(try b.status.isEmpty)
    }

    @Test func anOpenSessionTheRemoteChangedIsNeverOverwritten() throws {
        let machines = try GitMachines()
        let shared = try GitFixtures.session(7)
        let a = try machines.first(sessions: [shared])
        let b = try machines.clone("b")
        var onA = shared
        onA.note = "from a"
        try a.store.save(onA)
        _ = try a.sync()

        let before = try b.bytes(shared.id)
        let editor = try b.store.lock(shared.id)
        #expect(throws: GitError.sessionsOpen([shared.id.rawValue])) { try b.sync(editorWait: .milliseconds(200)) }
        #expect(try b.bytes(shared.id) == before)
        #expect(GitError.sessionsOpen([shared.id.rawValue]).description.contains("close it and run `backmap sync` again"))

        // An editor that closes while sync waits: sync goes on.
        nonisolated(unsafe) let held = editor
        let closing = Thread { usleep(300_000); held.release() }
        closing.start()
        _ = try b.sync(editorWait: .seconds(60))
        #expect(try b.store.load(shared.id) == onA)
    }

    @Test func noRemoteNoNetworkAndARefusedPushAreOneSentenceAndLoseNothing() throws {
        let machines = try GitMachines()
        let lonely = try machines.first("lonely")
        try lonely.git(["remote", "remove", "origin"])
        #expect(throws: GitError.noRemote) { try lonely.sync() }

        let a = try machines.first("a")
        try a.git(["remote", "set-url", "origin", machines.folder.appendingPathComponent("gone.git").path])
        let session = try GitFixtures.session(8)
        try a.store.save(session)
        #expect { try a.sync() } throws: { error in
            guard case GitError.unreachable("origin", _) = error else { return false }
            return !"\(error)".contains("\n")
        }
        // The change is committed here all the same.
        #expect(try a.lastSubject == "20261108-190211-0008: new session")

        try a.git(["remote", "set-url", "origin", machines.remote.path])
        let hook = machines.remote.appendingPathComponent("hooks/pre-receive")
        try Data("#!/bin/sh\necho 'read-only for now' >&2\nexit 1\n".utf8).write(to: hook)
        chmod(hook.path, 0o755)
        #expect { try a.sync() } throws: { error in
            guard case GitError.pushRejected("origin", _) = error else { return false }
            return "\(error)".contains("nothing was lost")
        }
        #expect(try a.store.load(session.id) == session)
        try FileManager.default.removeItem(at: hook)
        #expect(try a.sync().pushed)
    }

    @Test func aMergeLeftHalfDoneIsFinishedByTheNextSync() throws {
        let machines = try GitMachines()
        let a = try machines.first(sessions: [try GitFixtures.session(9)])
        let b = try machines.clone("b")
        try a.store.save(try GitFixtures.session(10))
        _ = try a.sync()
        try b.store.save(try GitFixtures.session(11))
        try b.history.commitPending()
        // What a sync killed in the middle of its merge leaves: MERGE_HEAD, the index half way.
        try b.git(["fetch", "-q", "origin"])
        try b.git(["-c", "user.name=t", "-c", "user.email=t@t", "merge", "--no-commit", "--no-ff", "origin/main"])
        #expect(FileManager.default.fileExists(atPath: b.store.root.appendingPathComponent(".git/MERGE_HEAD").path))

        let report = try b.sync()
        #expect(report.pushed)
        #expect(b.ids == ["20261109-190211-0009", "20261110-190211-000a", "20261111-190211-000b"])
        #expect(try b.status.isEmpty)
        _ = try a.sync()
        #expect(a.ids == b.ids)
    }

    @Test func aNewMachineWithSessionsOfItsOwnJoinsAnExistingRemote() throws {
        let machines = try GitMachines()
        let a = try machines.first(sessions: [try GitFixtures.session(12)])
        // `backmap git init`, `backmap git remote add origin …`, `backmap sync` on a store with its own history.
        let store = SessionStore(root: machines.folder.appendingPathComponent("c"))
        try store.save(try GitFixtures.session(13))
        try machines.run(["-C", store.root.path, "init", "-q", "-b", "main"])
        let c = try Machine(store: store, environment: machines.environment)
        try c.history.afterInit()
        try c.git(["remote", "add", "origin", machines.remote.path])
        let report = try c.sync()
        #expect(report.broughtIn.map(\.rawValue) == ["20261112-190211-000c"])
        #expect(report.pushed)
        _ = try a.sync()
        #expect(a.ids == c.ids && a.ids.count == 2)
        #expect(try c.status.isEmpty)
    }

    @Test func aConflictOutsideSessionsIsNamedUndoneAndLosesNothing() throws {
        let machines = try GitMachines()
        let a = try machines.first(sessions: [try GitFixtures.session(14)])
        let b = try machines.clone("b")
        for (machine, rule) in [(a, "/a-only"), (b, "/b-only")] {
            let ignore = machine.store.root.appendingPathComponent(".gitignore")
            try (String(contentsOf: ignore, encoding: .utf8) + rule + "\n").write(to: ignore, atomically: false, encoding: .utf8)
            try machine.git(["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-am", "ignore \(rule)"])
        }
        _ = try a.sync()
        let session = try GitFixtures.session(15)
        try b.store.save(session)
        #expect { try b.sync() } throws: { error in
            guard case GitError.mergeConflict(let reason) = error else { return false }
            return reason.contains(".gitignore")
        }
        #expect(!FileManager.default.fileExists(atPath: b.store.root.appendingPathComponent(".git/MERGE_HEAD").path))
        #expect(try b.store.load(session.id) == session)
        #expect(try b.lastSubject == "20261115-190211-000f: new session")
        #expect(try b.status.isEmpty)
    }
}
