import Foundation
import Glibc
import Testing
@testable import BackMapCore

@Suite("Directory names by prefix")
struct DirectoryNamesTests {
    @Test func keepsEveryNameWithThePrefixAndNothingElse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A crowded folder, as /tmp is: most names share no prefix, some share part of it.
        for index in 0..<500 { FileManager.default.createFile(atPath: folder.appendingPathComponent("other-\(index)").path, contents: nil) }
        for name in ["backmap-rescu", "backmap-rescue", "xbackmap-rescue-1", "backmap-rescue-é2", "backmap-rescue-3"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: false)
        }
        // A name that is not UTF-8 after the prefix is still found (and shown with a replacement character).
        let raw: [UInt8] = Array("backmap-rescue-".utf8) + [0xFF, 0x41, 0]
        let rawPath = Array(folder.path.utf8) + [UInt8(ascii: "/")] + raw
        #expect(rawPath.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { mkdir($0.baseAddress!, 0o700) } } == 0)

        let found = DirectoryNames.starting(with: "backmap-rescue-", in: folder.path).sorted()
        #expect(found == ["backmap-rescue-3", "backmap-rescue-é2", "backmap-rescue-\u{FFFD}A"].sorted())
    }

    @Test func aMissingFolderHasNoNames() {
        #expect(DirectoryNames.starting(with: "backmap-rescue-", in: "/nonexistent/backmap-\(UUID().uuidString)").isEmpty)
    }
}
