import Foundation
import Testing
@testable import BackMapCore

@Suite struct StoreFingerprintTests {
    @Test func theFingerprintChangesWithEveryAddEditRemoveAndRestore() throws {
        try withScratchFolder { root in
            let store = SessionStore(root: root)
            let empty = store.fingerprint()
            #expect(empty.files == 0)
            var first = try session(id: "20261101-190000-aaaa", startedAt: "2026-11-01T19:00:00+01:00")
            try store.save(first)
            let one = store.fingerprint()
            #expect(one != empty && one.files == 1)
            // Nothing changed: the same value, so no rescan.
            #expect(store.fingerprint() == one)
            first.note = "edited elsewhere"
            try store.save(first)
            let edited = store.fingerprint()
            #expect(edited != one)
            // A file written in place, not through a rename, still shows (its size and times).
            let url = store.url(for: first.id)
            let handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(" ".utf8))
            try handle.close()
            let inPlace = store.fingerprint()
            #expect(inPlace != edited)
            let trashed = try store.moveToTrash(first.id)
            let removed = store.fingerprint()
            #expect(removed.files == 0 && removed != inPlace)
            try FileManager.default.moveItem(at: trashed, to: url)
            #expect(store.fingerprint().files == 1)
            // A bad file counts too: the list's line of unreadable files must follow it.
            try Data("{".utf8).write(to: store.sessionsFolder.appendingPathComponent("20261102-190000-bbbb.json"))
            #expect(store.fingerprint().files == 2)
        }
    }
}
