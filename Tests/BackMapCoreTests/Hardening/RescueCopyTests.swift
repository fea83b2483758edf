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
