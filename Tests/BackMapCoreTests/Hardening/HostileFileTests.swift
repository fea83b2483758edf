import Foundation
import Glibc
import Testing
@testable import BackMapCore

/// A store in a fresh temporary folder, removed by the caller.
private func makeStore() throws -> SessionStore {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-hostile-\(UUID().uuidString)")
    let store = SessionStore(root: root)
    try store.prepare()
    return store
}

private func fileState(_ url: URL) -> (Data?, Int, Int) {
    var info = stat()
    _ = stat(url.path, &info)
    return (try? Data(contentsOf: url), info.st_mtim.tv_sec, info.st_mtim.tv_nsec)
}

private let header = #""format": "backmap.session", "version": 1, "id": "20261124-190000-beef", "startedAt": "2026-11-24T19:00:00+01:00""#
private let mark = #"{"at": "2026-11-24T19:00:00+01:00", "pass": 1, "side": "left", "segment": "T1", "tightness": 1}"#

/// How long `body` takes, in seconds.
private func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// Files people did not write with this backmap, or wrote to hurt it (SPEC 6).
@Suite("Hostile files")
struct HostileFileTests {
    static let id = SessionID("20261124-190000-beef")!

    @Test func aNewerVersionFileIsReadButNeverRewritten() throws {
        let store = try makeStore()
        defer { try? FileManager.default.removeItem(at: store.root) }
        let text = """
            {"format": "backmap.session", "version": 7, "id": "20261124-190000-beef", "startedAt": "2026-11-24T19:00:00+01:00",
             "technique": "cupping", "hologram": {"depth": [1, 2]},
             "marks": [{"at": "2026-11-24T19:00:00+01:00", "pass": 1, "side": "left", "segment": "T7", "tightness": 3, "pressure": 0.5}]}
            """
        let file = store.url(for: Self.id)
        try Data(text.utf8).write(to: file)
        let before = fileState(file)

        let session = try store.load(Self.id)
        #expect(session.isFromNewerVersion)
        #expect(session.technique == .other)
        #expect(session.map[Zone(.left, .t7)] == .veryTight)

        var changed = session
        changed.marks.append(Mark(at: session.startedAt, pass: 1, zone: Zone(.right, .s1), tightness: .mild))
        #expect(throws: StoreError.self) { try store.save(changed) }
        let after = fileState(file)
        #expect(after.0 == before.0)
        #expect(after.1 == before.1 && after.2 == before.2)
    }

    @Test func unknownKeysSurviveALoadAndSave() throws {
        let store = try makeStore()
        defer { try? FileManager.default.removeItem(at: store.root) }
        let text = """
            {\(header), "subject": "me", "technique": "self", "futureSession": {"a": [1, "two", null, true, 2.5]},
             "marks": [{"at": "2026-11-24T19:00:00+01:00", "pass": 1, "side": "left", "segment": "T7", "tightness": 2, "futureMark": "kept"}]}
            """
        try Data(text.utf8).write(to: store.url(for: Self.id))
        var session = try store.load(Self.id)
        session.marks.append(Mark(at: session.startedAt, pass: 1, zone: Zone(.right, .l4), tightness: .relaxed))
        try store.save(session)

        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: store.url(for: Self.id))) as? [String: Any]
        let future = object?["futureSession"] as? [String: Any]
        #expect((future?["a"] as? [Any])?.count == 5)
        let marks = object?["marks"] as? [[String: Any]]
        #expect(marks?.first?["futureMark"] as? String == "kept")
        #expect(marks?.count == 2)
        #expect(try store.load(Self.id) == session)
    }

    @Test func aPassNumberThatWouldOverflowIsRefused() throws {
        let text = "{\(header), \"marks\": [{\"at\": \"2026-11-24T19:00:00+01:00\", \"pass\": 9223372036854775807, \"side\": \"left\", \"segment\": \"T1\", \"tightness\": 1}]}"
        #expect(throws: SessionFileError.self) { try SessionCodec.decode(Data(text.utf8)) }
        do {
            _ = try SessionCodec.decode(Data(text.utf8))
        } catch {
            #expect(error.description.contains("pass 9223372036854775807, outside 1–\(SessionLimits.passes)"))
        }
    }

    /// Each oversized file is refused with a message naming the limit, fast, and is left as it was.
    @Test(arguments: [
        ("a note of megabytes", "note-3mb"),
        ("a note just under the file limit", "note-1.9mb"),
        ("a 64 MB file", "sparse-64mb"),
        ("100,000 marks", "marks-100k"),
        ("5,001 marks", "marks-5001"),
        ("a million tiny unknown values", "values-1m"),
    ])
    func oversizedFilesAreRefusedQuicklyAndLeftAlone(what: String, kind: String) throws {
        let store = try makeStore()
        defer { try? FileManager.default.removeItem(at: store.root) }
        let file = store.url(for: Self.id)
        let expected: String
        switch kind {
        case "note-3mb":
            try Data("{\(header), \"note\": \"\(String(repeating: "n", count: 3 << 20))\", \"marks\": []}".utf8).write(to: file)
            expected = "more than the 2.0 MB a session file may be"
        case "note-1.9mb":
            try Data("{\(header), \"note\": \"\(String(repeating: "n", count: 1_900_000))\", \"marks\": []}".utf8).write(to: file)
            expected = "the session note is longer than \(SessionLimits.noteCharacters) characters"
        case "sparse-64mb":
            // A sparse file: 64 MB long without taking the disk; reading it whole would take the time.
            let fd = open(file.path, O_WRONLY | O_CREAT, 0o600)
            #expect(ftruncate(fd, 64 << 20) == 0)
            close(fd)
            expected = "is 64.0 MB, more than the 2.0 MB a session file may be"
        case "marks-100k":
            try Data("{\(header), \"marks\": [\(Array(repeating: mark, count: 100_000).joined(separator: ",\n"))]}".utf8).write(to: file)
            expected = "more than the 2.0 MB a session file may be"
        case "marks-5001":
            try Data("{\(header), \"marks\": [\(Array(repeating: mark, count: 5_001).joined(separator: ","))]}".utf8).write(to: file)
            expected = "it has 5001 marks, more than the 5000 a session may have"
        default:
            try Data("{\(header), \"marks\": [], \"x\": [\(Array(repeating: "0", count: 950_000).joined(separator: ","))]}".utf8).write(to: file)
            expected = "more than \(JSONSyntax.maximumValues) values"
        }
        let before = fileState(file)
        var scan = StoreScan()
        let elapsed = seconds { scan = store.scan() }

        #expect(scan.summaries.isEmpty)
        #expect(scan.problems.count == 1)
        #expect(scan.problems.first?.reason.contains(expected) == true, "\(what): \(scan.problems.first?.reason ?? "no problem reported")")
        // Generous for a loaded machine and a debug build; measured figures are far lower.
        #expect(elapsed < 1.5, "\(what) took \(elapsed) s")
        #expect(throws: (any Error).self) { try store.load(Self.id) }
        let after = fileState(file)
        #expect(after.0 == before.0 && after.1 == before.1 && after.2 == before.2, "\(what) was changed")
        print("hostile file \(what): refused in \(String(format: "%.3f", elapsed)) s")
    }

    @Test func filesWhoseNamesNoIdCanHaveAreReportedUnreadAndLeftAlone() throws {
        let store = try makeStore()
        defer { try? FileManager.default.removeItem(at: store.root) }
        try Data("{".utf8).write(to: store.sessionsFolder.appendingPathComponent("\u{1B}]0;x\u{07}.json"))
        // Bytes that are not UTF-8: Foundation hands us a different name than the one on disk.
        let path = Array(store.sessionsFolder.path.utf8) + Array("/bad-".utf8) + [0xFF] + Array(".json".utf8) + [0]
        let fd = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o600) } }
        #expect(fd >= 0)
        close(fd)
        let scan = store.scan()
        #expect(scan.problems.count == 2)
        #expect(scan.problems.allSatisfy { $0.reason == SessionStore.badNameReason }, "\(scan.problems)")
    }

    @Test func aLinkPlantedAsALockFileIsRefusedAndItsTargetLeftAlone() throws {
        let store = try makeStore()
        defer { try? FileManager.default.removeItem(at: store.root) }
        let precious = store.root.appendingPathComponent("precious.txt")
        try Data("do not truncate me".utf8).write(to: precious)
        let lockFile = store.root.appendingPathComponent("locks/\(Self.id).lock")
        try FileManager.default.createSymbolicLink(at: lockFile, withDestinationURL: precious)

        #expect(throws: FileSystemError.self) { try store.lock(Self.id) }
        #expect(try String(contentsOf: precious, encoding: .utf8) == "do not truncate me")
        // A folder in its place is refused too, without hanging.
        try FileManager.default.removeItem(at: lockFile)
        try FileManager.default.createDirectory(at: lockFile, withIntermediateDirectories: false)
        #expect(throws: (any Error).self) { try store.lock(Self.id) }
    }

    @Test func theValueCountLimitAllowsTheLargestLegitimateSession() throws {
        // The most marks, each with a note and a key from a newer backmap, stays under the limit.
        let noted = #"{"at": "2026-11-24T19:00:00+01:00", "pass": 1, "side": "left", "segment": "T1", "tightness": 1, "note": "x", "later": [1, 2]}"#
        let text = "{\(header), \"marks\": [\(Array(repeating: noted, count: SessionLimits.marks).joined(separator: ","))]}"
        #expect(JSONSyntax.firstError(in: Data(text.utf8)) == nil)
        #expect(try SessionCodec.decode(Data(text.utf8)).marks.count == SessionLimits.marks)
    }
}
