import BackMapCore
import Foundation
import Testing

@Suite struct ImportTests {
    static let sessions = [
        TransferFixtures.session(day: 0, map: "0123", note: "first"),
        TransferFixtures.session(day: 1, map: "3210", tags: ["x"]),
        TransferFixtures.session(day: 2, map: "....2", painBefore: 4, painAfter: 2),
    ]

    func store() throws -> SessionStore {
        let store = SessionStore(root: TransferFixtures.temporaryFolder().appendingPathComponent("store"))
        try store.prepare()
        return store
    }

    func write(_ data: Data, named name: String) throws -> URL {
        let url = TransferFixtures.temporaryFolder("backmap-import-file").appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    @Test func aJSONBundleRoundTripsIntoANewStoreWithIdenticalSessions() throws {
        let source = try store()
        for session in Self.sessions { try source.save(session) }
        let exported = try Self.sessions.map { try source.load($0.id) }
        let bundle = try write(try SessionBundle.encode(exported), named: "bundle.json")

        let target = try store()
        let report = SessionImport.run(files: [bundle], into: target)
        #expect(report.added == Self.sessions.map(\.id))
        #expect(report.isClean)
        #expect(report.summary == "3 added, 0 skipped (identical), 0 refused")
        for session in Self.sessions {
            #expect(try target.load(session.id) == session)
            // The files themselves are the same bytes as in the first store.
            #expect(try Data(contentsOf: target.url(for: session.id)) == Data(contentsOf: source.url(for: session.id)))
            let mode = try FileManager.default.attributesOfItem(atPath: target.url(for: session.id).path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        // Importing the same bundle again changes nothing and says so.
        let again = SessionImport.run(files: [bundle], into: target)
        #expect(again.summary == "0 added, 3 skipped (identical), 0 refused")
        #expect(again.isClean)
    }

    @Test func singleSessionFilesAreAcceptedToo() throws {
        let file = try write(try SessionCodec.encode(Self.sessions[0]), named: "\(Self.sessions[0].id).json")
        let target = try store()
        let report = SessionImport.run(files: [file], into: target)
        #expect(report.added == [Self.sessions[0].id])
        #expect(try target.load(Self.sessions[0].id) == Self.sessions[0])
    }

    @Test func aDifferentSessionWithAStoredIdIsRefusedAndTheStoreStaysByteForByteTheSame() throws {
        let target = try store()
        for session in Self.sessions { try target.save(session) }
        var changed = Self.sessions[1]
        changed.note = "edited elsewhere"
        let bundle = try write(try SessionBundle.encode([changed]), named: "conflict.json")
        let single = try write(try SessionCodec.encode(changed), named: "conflict-single.json")
        let before = TransferFixtures.snapshot(target.root)

        let report = SessionImport.run(files: [bundle, single], into: target)

        #expect(TransferFixtures.snapshot(target.root) == before)
        #expect(report.conflicts == [changed.id, changed.id])
        #expect(!report.isClean)
        #expect(report.summary == "0 added, 0 skipped (identical), 2 refused (different session with the same id: \(changed.id), \(changed.id))")
        #expect(report.problems.first?.contains("refused \(changed.id)") == true)
        #expect(try target.load(changed.id) == Self.sessions[1])
    }

    @Test func aMixedImportAddsSkipsAndRefusesEachSessionOnItsOwn() throws {
        let target = try store()
        try target.save(Self.sessions[0])
        try target.save(Self.sessions[1])
        var different = Self.sessions[1]
        different.painAfter = 1
        var invalid = String(decoding: try SessionBundle.encode([Self.sessions[0], different, Self.sessions[2]]), as: UTF8.self)
        invalid = invalid.replacingOccurrences(of: "\n  ],\n  \"version\"", with: ", {\"format\": \"backmap.session\"}],\n  \"version\"")
        let bundle = try write(Data(invalid.utf8), named: "mixed.json")
        let broken = try write(Data("{\"format\": \"backmap.session\",\n \"id\": }".utf8), named: "broken.json")

        let report = SessionImport.run(files: [bundle, broken], into: target)

        #expect(report.added == [Self.sessions[2].id])
        #expect(report.identical == [Self.sessions[0].id])
        #expect(report.conflicts == [different.id])
        #expect(report.invalid.count == 2)
        #expect(report.summary == "1 added, 1 skipped (identical), 1 refused (different session with the same id: \(different.id)), 2 invalid (see above)")
        #expect(report.problems.contains { $0.hasSuffix("broken.json: bad JSON at line 2, column 8: unexpected '}' where a value should be") })
        #expect(report.problems.contains { $0.contains("mixed.json: not a valid session: sessions[3]: version: missing") })
        #expect(try target.load(Self.sessions[1].id) == Self.sessions[1])
    }

    @Test func aSessionOfANewerVersionIsNotAddedRatherThanRewritten() throws {
        var newer = Self.sessions[0]
        newer.version = 2
        let target = try store()
        let outcome = SessionImport.add(newer, to: target)
        guard case .failed(let id, let reason) = outcome else {
            Issue.record("expected a refusal, got \(outcome)")
            return
        }
        #expect(id == newer.id)
        #expect(reason.contains("newer backmap"))
        #expect(!FileManager.default.fileExists(atPath: target.url(for: newer.id).path))
    }

    @Test func aFileThatIsNotThereIsInvalidWithItsReason() {
        let report = SessionImport.run(files: [URL(fileURLWithPath: "/nonexistent/x.json")], into: SessionStore(root: TransferFixtures.temporaryFolder()))
        #expect(report.invalid.count == 1)
        #expect(report.problems == ["/nonexistent/x.json: Could not read /nonexistent/x.json: No such file or directory"])
    }
}

@Suite struct StoreCheckTests {
    @Test func checkNamesEveryBadFileWithItsReason() throws {
        let store = SessionStore(root: TransferFixtures.temporaryFolder().appendingPathComponent("store"))
        let good = TransferFixtures.session(day: 0, map: "012")
        try store.save(good)
        try store.save(TransferFixtures.session(day: 1, map: "3"))
        let folder = store.sessionsFolder
        try Data("{\n  \"format\": \"backmap.session\",\n  \"id\" \"x\"\n}".utf8).write(to: folder.appendingPathComponent("20260101-bad.json"))
        var wrongName = String(decoding: try SessionCodec.encode(good), as: UTF8.self)
        wrongName = wrongName.replacingOccurrences(of: "\"painBefore\"", with: "\"x\"")
        try Data(wrongName.utf8).write(to: folder.appendingPathComponent("elsewhere.json"))
        try Data("notes".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let before = TransferFixtures.snapshot(store.root)

        let check = StoreCheck(store)

        #expect(check.sessionCount == 2)
        #expect(!check.isClean)
        #expect(check.problems.map(\.file.lastPathComponent) == ["20260101-bad.json", "elsewhere.json", "notes.txt"])
        #expect(check.problems[0].reason == "bad JSON at line 3, column 8: expected ':' after a key")
        #expect(check.problems[1].reason.contains("does not match the file name"))
        #expect(check.summary == "2 sessions, 3 files with problems.")
        #expect(TransferFixtures.snapshot(store.root) == before)
    }

    @Test func aHealthyStoreIsAllValid() throws {
        let store = SessionStore(root: TransferFixtures.temporaryFolder().appendingPathComponent("store"))
        try store.save(TransferFixtures.session(day: 0, map: "012"))
        let check = StoreCheck(store)
        #expect(check.isClean)
        #expect(check.storeExists)
        #expect(check.summary == "1 session, all valid.")
    }
}
