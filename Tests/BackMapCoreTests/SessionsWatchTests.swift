import Foundation
import Glibc
import Testing
@testable import BackMapCore
import TestSupport

/// Runs `body` with a fresh store folder on a watchable file system, removed afterwards.
func withWatchableStore<T>(_ body: (SessionStore) throws -> T) throws -> T {
    let parent = try #require(watchableScratchParent)
    let root = parent.appendingPathComponent("backmap-watch-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    return try body(SessionStore(root: root))
}

@Suite(.enabled(if: watchableScratchParent != nil, "no local file system to watch on"))
struct SessionsWatchTests {
    let first = try! session(id: "20261101-190000-aaaa", startedAt: "2026-11-01T19:00:00+01:00")
    let second = try! session(id: "20261102-190000-bbbb", startedAt: "2026-11-02T19:00:00+01:00")

    @Test func everyChangeToASessionFileIsNewsAndTheIndexAndLocksBesideItAreNot() throws {
        try withWatchableStore { store in
            try store.save(first)
            let watch = try #require(SessionsWatch(root: store.root))
            #expect(!watch.hasNews())

            // The index and the lock files live next to `sessions/` and change all the time.
            try Data("index".utf8).write(to: store.root.appendingPathComponent("sessions.index"))
            try FileManager.default.createDirectory(at: store.root.appendingPathComponent("locks"), withIntermediateDirectories: true)
            try Data().write(to: store.root.appendingPathComponent("locks/\(first.id.rawValue).lock"))
            #expect(!watch.hasNews())

            // Content changed in place, size and modification time kept: the stamp alone
            // shows it only through the change time; the watch hears the write itself.
            try rewriteInPlaceKeepingSizeAndTime(store.url(for: first.id)) { $0.replacingOccurrences(of: "19:00:00", with: "19:00:01") }
            #expect(watch.hasNews())
            // Each event is news once.
            #expect(!watch.hasNews())

            try store.save(second)
            #expect(watch.hasNews())
            _ = try store.moveToTrash(second.id)
            #expect(watch.hasNews())
            #expect(!watch.hasNews())
        }
    }

    @Test func aSessionsFolderReplacedWholeIsNewsAndTheNewFolderIsWatched() throws {
        try withWatchableStore { store in
            try store.save(first)
            let watch = try #require(SessionsWatch(root: store.root))
            // As a sync tool or a restore from a backup does: the old folder out, a new one in.
            let old = store.root.appendingPathComponent("sessions.old")
            try FileManager.default.moveItem(at: store.sessionsFolder, to: old)
            try FileManager.default.createDirectory(at: store.sessionsFolder, withIntermediateDirectories: false)
            #expect(watch.hasNews())
            #expect(!watch.hasNews())

            try store.save(second)
            #expect(watch.hasNews())
            // The folder that moved away is no longer the store's.
            try Data("{}".utf8).write(to: old.appendingPathComponent("20261103-190000-cccc.json"))
            #expect(!watch.hasNews())
        }
    }

    @Test func aStoreWithoutASessionsFolderYetHearsItCreated() throws {
        try withWatchableStore { store in
            let watch = try #require(SessionsWatch(root: store.root))
            #expect(!watch.hasNews())
            try store.save(first)
            #expect(watch.hasNews())
            try rewriteInPlaceKeepingSizeAndTime(store.url(for: first.id)) { $0.replacingOccurrences(of: "19:00:00", with: "19:00:01") }
            #expect(watch.hasNews())
        }
    }

    @Test func aStoreFolderThatGoesSaysYesUntilItIsBack() throws {
        try withWatchableStore { store in
            try store.save(first)
            let watch = try #require(SessionsWatch(root: store.root))
            let aside = store.root.deletingLastPathComponent().appendingPathComponent(store.root.lastPathComponent + ".aside")
            try FileManager.default.moveItem(at: store.root, to: aside)
            defer { try? FileManager.default.removeItem(at: aside) }
            #expect(watch.hasNews())
            // Nothing to watch at the store's path: every call says yes, as polling would.
            #expect(watch.hasNews())
            try FileManager.default.moveItem(at: aside, to: store.root)
            #expect(watch.hasNews())
            #expect(!watch.hasNews())
            try store.save(second)
            #expect(watch.hasNews())
        }
    }

    @Test func aSessionsFolderLinkedToAnotherFileSystemIsNotWatched() throws {
        try withWatchableStore { store in
            // /proc stands for a network folder: a file system whose changes a watch does not see.
            try FileManager.default.createSymbolicLink(at: store.sessionsFolder, withDestinationURL: URL(fileURLWithPath: "/proc"))
            #expect(SessionsWatch(root: store.root) == nil)

            try FileManager.default.removeItem(at: store.sessionsFolder)
            try store.save(first)
            let watch = try #require(SessionsWatch(root: store.root))
            #expect(!watch.hasNews())
            // Replaced by such a link later: news at every call from then on, as polling would.
            try FileManager.default.moveItem(at: store.sessionsFolder, to: store.root.appendingPathComponent("sessions.old"))
            try FileManager.default.createSymbolicLink(at: store.sessionsFolder, withDestinationURL: URL(fileURLWithPath: "/proc"))
            #expect(watch.hasNews())
            #expect(watch.hasNews())
            #expect(watch.hasNews())
        }
    }

    @Test func filesOtherMachinesWriteToAreNeverWatched() throws {
        // NFS, SMB, FUSE (sshfs, virtiofs), 9p and overlays: a watch there hears only this machine.
        for type: Int64 in [0x6969, 0xFF53_4D42, 0xFE53_4D42, 0x6573_5546, 0x0102_1997, 0x794C_7630] {
            #expect(!SessionsWatch.localTypes.contains(type))
        }
        #expect(SessionsWatch(root: URL(fileURLWithPath: "/proc")) == nil)
        #expect(SessionsWatch(root: URL(fileURLWithPath: "/no/such/store")) == nil)
    }
}
