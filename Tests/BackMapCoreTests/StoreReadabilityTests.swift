import Foundation
import Glibc
import Testing
@testable import BackMapCore

/// Issue 9, item 8: a store that cannot be read is an error, never "0 sessions".
/// The sentence `checkReadable` throws, or nil when it does not throw.
private func refusal(_ store: SessionStore) -> String? {
    do {
        try store.checkReadable()
        return nil
    } catch {
        return error.description
    }
}

@Suite struct StoreReadabilityTests {
    @Test func aStoreThatDoesNotExistYetIsEmptyAndFine() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder.appendingPathComponent("not-yet"))
            try store.checkReadable()
            #expect(!store.exists)
        }
    }

    @Test func aStoreWithoutASessionsFolderYetIsEmptyAndFine() throws {
        try withScratchFolder { folder in
            try SessionStore(root: folder).checkReadable()
        }
    }

    @Test func aFileGivenAsTheStoreIsAnError() throws {
        #expect(refusal(SessionStore(root: URL(fileURLWithPath: "/etc/passwd"))) == "The store /etc/passwd cannot be read: /etc/passwd is not a folder.")
    }

    @Test func sessionsThatIsAFileIsAnError() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            try Data("x".utf8).write(to: store.sessionsFolder)
            #expect(refusal(store) == "The store \(folder.path) cannot be read: \(store.sessionsFolder.path) is not a folder.")
        }
    }

    @Test func sessionsThatIsADanglingLinkIsAnError() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            #expect(symlink(folder.appendingPathComponent("gone").path, store.sessionsFolder.path) == 0)
            #expect(refusal(store) == "The store \(folder.path) cannot be read: \(store.sessionsFolder.path) is a link to nothing (No such file or directory).")
        }
    }

    @Test func aMessageReadsAsOneSentence() {
        let error = StoreError.unreadable(URL(fileURLWithPath: "/s"), "/s/sessions is not a folder")
        #expect(error.description == "The store /s cannot be read: /s/sessions is not a folder.")
    }

    @Test func tidyClearsTheIndexTemporariesOfAKilledWriter() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            try store.prepare()
            // A pid near 2^22 that no process has: the writer is gone.
            let dead = try #require(stride(from: pid_t(4_194_303), to: 4_194_200, by: -1).first { kill($0, 0) != 0 && errno == ESRCH })
            let stale = folder.appendingPathComponent(".sessions.index.tmp-\(dead)-0123abcd")
            let live = folder.appendingPathComponent(".sessions.index.tmp-\(getpid())-0123abcd")
            try Data("half".utf8).write(to: stale)
            try Data("half".utf8).write(to: live)

            store.tidy()

            #expect(!FileManager.default.fileExists(atPath: stale.path))
            #expect(FileManager.default.fileExists(atPath: live.path))
        }
    }

    @Test func aSessionLockLeavesNoFileBehindOnceReleased() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            let id = try sessionID("20261124-190211-a3f9")
            let lock = try store.lock(id)
            #expect(try FileManager.default.contentsOfDirectory(atPath: store.locksFolder.path) == ["\(id).lock"])
            lock.release()
            #expect(try FileManager.default.contentsOfDirectory(atPath: store.locksFolder.path) == [])
        }
    }
}
