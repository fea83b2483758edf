import Foundation
import Glibc
import Testing
@testable import BackMapCore

/// The rescue copy written when the program ends with a change the store refused.
@Suite("Rescue copy")
struct RescueCopyTests {
    static let session = Session(id: SessionID("20261124-190000-beef")!, startedAt: Timestamp(iso8601: "2026-11-24T19:00:00Z")!,
                                 marks: [Mark(at: Timestamp(iso8601: "2026-11-24T19:00:00Z")!, pass: 1, zone: Zone(.left, .t7), tightness: .tight)])

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        _ = lstat(path, &info)
        return info.st_mode & 0o777
    }

    @Test func itLandsInAFreshPrivateFolderUnderTMPDIRReadyToMoveIntoSessions() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-rescue-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }

        let first = try RescueCopy.write(Self.session, environment: ["TMPDIR": base.path])
        let second = try RescueCopy.write(Self.session, environment: ["TMPDIR": base.path])
        #expect(first.path.hasPrefix(base.path + "/backmap-rescue-"))
        #expect(first.lastPathComponent == "20261124-190000-beef.json")
        #expect(first.deletingLastPathComponent() != second.deletingLastPathComponent(), "each rescue gets its own folder")
        #expect(Self.mode(first.path) == 0o600)
        #expect(Self.mode(first.deletingLastPathComponent().path) == 0o700)
        #expect(try SessionCodec.decode(Data(contentsOf: first)) == Self.session)
    }

    @Test func anUnusableTMPDIRFallsBackToTmp() throws {
        let notAFolder = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-rescue-file-\(UUID().uuidString)")
        try Data().write(to: notAFolder)
        defer { try? FileManager.default.removeItem(at: notAFolder) }
        let copy = try RescueCopy.write(Self.session, environment: ["TMPDIR": notAFolder.path])
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        #expect(copy.path.hasPrefix("/tmp/backmap-rescue-"))
    }
}

/// Issue 9, item 3: the next start finds the rescue copies of its store and brings them back.
@Suite("Rescue copies found again")
struct RescueCopyRestoreTests {
    static let start = Timestamp(iso8601: "2026-11-24T19:00:00Z")!
    static func session(_ marks: Int, note: String? = nil) -> Session {
        let zones = Zone.rollingOrder.prefix(marks)
        return Session(id: SessionID("20261124-190000-beef")!, startedAt: start, note: note,
                       marks: zones.map { Mark(at: start, pass: 1, zone: $0, tightness: .tight) })
    }

    /// A scratch folder standing for $XDG_STATE_HOME, and a store beside it.
    private func withFolders(_ body: (SessionStore, [String: String]) throws -> Void) throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder.appendingPathComponent("store"))
            try store.prepare()
            try body(store, ["XDG_STATE_HOME": folder.appendingPathComponent("state").path, "TMPDIR": folder.path])
        }
    }

    @Test func aCopyGoesToTheKnownPlaceAndIsFoundForItsStoreOnly() throws {
        try withFolders { store, environment in
            let file = try RescueCopy.write(Self.session(2), from: store, environment: environment)
            #expect(file.path.hasPrefix(environment["XDG_STATE_HOME"]! + "/backmap/rescue/backmap-rescue-"))
            let found = RescueCopy.find(for: store, environment: environment)
            #expect(found.map(\.file) == [file])
            #expect(found.first?.session == Self.session(2))
            let other = SessionStore(root: store.root.deletingLastPathComponent().appendingPathComponent("other"))
            #expect(RescueCopy.find(for: other, environment: environment).isEmpty)
        }
    }

    @Test func aNewerVersionOfTheSameEditReplacesTheFileItWasBasedOn() throws {
        try withFolders { store, environment in
            let base = try store.save(Self.session(1), ifStill: nil)
            try RescueCopy.write(Self.session(3), from: store, base: base, environment: environment)
            let found = try #require(RescueCopy.find(for: store, environment: environment).first)

            #expect(try RescueCopy.restore(found, into: store) == .restored(Self.session(3).id))
            #expect(try store.load(Self.session(3).id) == Self.session(3))
            #expect(RescueCopy.find(for: store, environment: environment).isEmpty)
            #expect(!FileManager.default.fileExists(atPath: found.file.deletingLastPathComponent().path))
        }
    }

    @Test func aFileChangedSinceKeepsBothVersions() throws {
        try withFolders { store, environment in
            let base = try store.save(Self.session(1), ifStill: nil)
            try RescueCopy.write(Self.session(3), from: store, base: base, environment: environment)
            try store.save(Self.session(2, note: "restored from a backup meanwhile"))
            let found = try #require(RescueCopy.find(for: store, environment: environment).first)

            guard case .keptAsCopy(let original, let copy) = try RescueCopy.restore(found, into: store) else {
                Issue.record("the changed file was replaced")
                return
            }
            #expect(original == Self.session(3).id)
            #expect(try store.load(original).note == "restored from a backup meanwhile")
            let kept = try store.load(copy)
            #expect(kept.marks == Self.session(3).marks)
            #expect(kept.note?.hasPrefix("Conflict copy of session 20261124-190000-beef") == true)
        }
    }

    @Test func aCopyOfASessionOpenInAnEditorIsNotRestored() throws {
        try withFolders { store, environment in
            try RescueCopy.write(Self.session(3), from: store, environment: environment)
            let found = try #require(RescueCopy.find(for: store, environment: environment).first)
            let editor = try store.lock(Self.session(3).id)
            defer { editor.release() }
            #expect(throws: StoreError.self) { try RescueCopy.restore(found, into: store) }
            #expect(RescueCopy.find(for: store, environment: environment).count == 1)
        }
    }

    @Test func discardingDeletesTheCopyAndItsFolder() throws {
        try withFolders { store, environment in
            try RescueCopy.write(Self.session(3), from: store, environment: environment)
            let found = try #require(RescueCopy.find(for: store, environment: environment).first)
            RescueCopy.discard(found)
            #expect(RescueCopy.find(for: store, environment: environment).isEmpty)
            #expect(!FileManager.default.fileExists(atPath: found.file.deletingLastPathComponent().path))
        }
    }
}
