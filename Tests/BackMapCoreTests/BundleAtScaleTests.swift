import BackMapCore
import Foundation
import Glibc
import Testing

/// Issue 9, items 4 and 5: a bundle of any size restores, session by session,
/// and `export --format json` carries each file exactly as stored.
@Suite struct BundleAtScaleTests {
    /// A store folder holding these sessions, written straight to disk (the atomic
    /// writer's flushes would only slow the set-up).
    private func store(with sessions: [Session]) throws -> SessionStore {
        let store = SessionStore(root: TransferFixtures.temporaryFolder().appendingPathComponent("store"))
        try store.prepare()
        for session in sessions {
            try SessionCodec.encode(session).write(to: store.url(for: session.id))
        }
        return store
    }

    /// A folder in memory when the machine has one (/dev/shm), where the thousands
    /// of flushes of a real import cost nothing; the temporary folder otherwise.
    static func quickFolder() -> URL {
        var info = statvfs()
        if statvfs("/dev/shm", &info) == 0, UInt64(info.f_bavail) * UInt64(info.f_frsize) > 256 << 20,
           access("/dev/shm", W_OK) == 0 {
            let url = URL(fileURLWithPath: "/dev/shm/backmap-test-\(getpid())-\(UInt32.random(in: 0 ... .max))")
            if (try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)) != nil { return url }
        }
        return TransferFixtures.temporaryFolder()
    }

    private func write(_ data: Data, named name: String) throws -> URL {
        let url = TransferFixtures.temporaryFolder("backmap-bundle").appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    @Test func tenYearsOfSessionsExportAndImportIntoAnEmptyStoreWithIdenticalFiles() throws {
        let sessions = (0..<3_650).map { day in
            TransferFixtures.session(day: day, map: String(repeating: "0123", count: 9), note: "day \(day)")
        }
        let source = try store(with: sessions)
        let bundle = try write(SessionBundle.encode(files: try sessions.map { try source.loadStored($0.id).bytes }),
                               named: "year.json")
        // Far more values than the old whole-file limit of 100,000.
        #expect(try Data(contentsOf: bundle).count > 10_000_000)

        let target = SessionStore(root: Self.quickFolder().appendingPathComponent("store"))
        defer { try? FileManager.default.removeItem(at: target.root.deletingLastPathComponent()) }
        let report = SessionImport.run(files: [bundle], into: target)

        #expect(report.problems == [])
        #expect(report.added.count == 3_650)
        #expect(report.summary == "3650 added, 0 skipped (identical), 0 refused")
        let names = try FileManager.default.contentsOfDirectory(atPath: target.sessionsFolder.path).sorted()
        #expect(names == sessions.map { "\($0.id).json" }.sorted())
        for session in sessions {
            #expect(try Data(contentsOf: target.url(for: session.id)) == Data(contentsOf: source.url(for: session.id)))
        }
    }

    @Test func anEntryLargerThanASessionFileIsRefusedAloneAndTheOthersAreAdded() throws {
        let small = TransferFixtures.session(day: 0, map: "0123")
        var large = TransferFixtures.session(day: 1, map: "3210")
        large.extra["padding"] = .string(String(repeating: "x", count: SessionLimits.fileBytes))
        let last = TransferFixtures.session(day: 2, map: "1")
        let bundle = try write(try SessionBundle.encode([small, large, last]), named: "large-entry.json")

        let target = SessionStore(root: TransferFixtures.temporaryFolder().appendingPathComponent("store"))
        let report = SessionImport.run(files: [bundle], into: target)

        #expect(report.added == [small.id, last.id])
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.hasSuffix("large-entry.json: not a valid session: sessions[1] is larger than a session file may be") == true)
    }

    @Test func aLargeFileThatIsNotABundleIsTooLargeNotBadJSON() throws {
        var session = TransferFixtures.session(day: 0, map: "0123")
        session.extra["padding"] = .string(String(repeating: "x", count: SessionLimits.fileBytes))
        let file = try write(try SessionCodec.encode(session), named: "\(session.id).json")

        let report = SessionImport.run(files: [file], into: SessionStore(root: TransferFixtures.temporaryFolder()))

        #expect(report.problems.count == 1)
        let problem = try #require(report.problems.first)
        #expect(problem.contains("more than the 2.0 MB a session file that is not a bundle may be"))
        #expect(!problem.contains("bad JSON"))
    }

    @Test func brokenJSONFarIntoALargeBundleIsPlacedByLineAndColumnAndAddsNothing() throws {
        let sessions = (0..<200).map { TransferFixtures.session(day: $0, map: String(repeating: "2", count: 36)) }
        var text = String(decoding: try SessionBundle.encode(sessions), as: UTF8.self)
        // Break the last session, well past the first read of the file.
        let marker = try #require(text.range(of: "\"subject\" : \"me\"", options: .backwards))
        text.replaceSubrange(marker, with: "\"subject\" : me")
        let line = text[..<marker.lowerBound].filter { $0 == "\n" }.count + 1
        #expect(text.utf8.count > 2 * 256 * 1024)
        let bundle = try write(Data(text.utf8), named: "broken.json")

        let target = SessionStore(root: TransferFixtures.temporaryFolder().appendingPathComponent("store"))
        let report = SessionImport.run(files: [bundle], into: target)

        #expect(report.added.isEmpty)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.hasSuffix("broken.json: bad JSON at line \(line), column 19: unexpected 'm' where a value should be") == true)
        let written = (try? FileManager.default.contentsOfDirectory(atPath: target.sessionsFolder.path)) ?? []
        #expect(written.isEmpty)
    }

    @Test func aBundleWhoseVersionComesAfterTheListIsReadLikeAnyOther() throws {
        let sessions = [TransferFixtures.session(day: 0, map: "01"), TransferFixtures.session(day: 1, map: "2")]
        let entries = try sessions.map { String(decoding: try SessionCodec.encode($0), as: UTF8.self) }
        let reordered = "{\"sessions\": [\(entries.joined(separator: ","))], \"format\": \"backmap.bundle\", \"version\": 1}"
        #expect(try SessionBundle.read(Data(reordered.utf8)) == .bundle(sessions.map { .success($0) }))

        let newer = "{\"sessions\": [\(entries[0])], \"format\": \"backmap.bundle\", \"version\": 2}"
        #expect(throws: SessionFileError.invalidSession("the bundle was written by a newer backmap (version 2)")) {
            try SessionBundle.read(Data(newer.utf8))
        }
        let twice = "{\"format\": \"backmap.bundle\", \"version\": 1, \"sessions\": [], \"sessions\": [\(entries[0])]}"
        #expect(throws: SessionFileError.invalidSession("the bundle has \"sessions\" twice")) {
            try SessionBundle.read(Data(twice.utf8))
        }
    }

    /// Item 5: a file by a newer backmap travels in the bundle as it is stored.
    @Test func exportCarriesAFileOfANewerVersionExactlyAsStored() throws {
        let store = try store(with: [])
        let stored = """
        {
          "format": "backmap.session",
          "version": 2,
          "id": "20261201-080000-beef",
          "startedAt": "2026-12-01T08:00:00+01:00",
          "technique": "hot-stones",
          "stoneCount": 12345678901234567890,
          "marks": []
        }

        """
        let id = try #require(SessionID("20261201-080000-beef"))
        try Data(stored.utf8).write(to: store.url(for: id))
        let loaded = try store.loadStored(id)
        #expect(loaded.bytes == Data(stored.utf8))

        let bundle = SessionBundle.encode(files: [loaded.bytes])
        let text = String(decoding: bundle, as: UTF8.self)
        #expect(text.contains("\"technique\": \"hot-stones\""))
        #expect(text.contains("\"stoneCount\": 12345678901234567890,"))
        let object = try #require(try JSONSerialization.jsonObject(with: bundle) as? [String: Any])
        #expect(object["format"] as? String == "backmap.bundle")
        let entries = try #require(object["sessions"] as? [[String: Any]])
        #expect(entries.first?["technique"] as? String == "hot-stones")
    }

    /// Item 10: what a bundle prints escapes what a terminal would act on.
    @Test func exportedJSONEscapesControlsBidiAndInvisibleCharactersFromFiles() throws {
        var session = TransferFixtures.session(day: 0, map: "01")
        session.note = "csi\u{9B}31m osc\u{9D}0;x del\u{7F} rlo\u{202E} ls\u{2028} zw\u{200B} bom\u{FEFF}"
        for bundle in [try SessionBundle.encode([session]), SessionBundle.encode(files: [try SessionCodec.encode(session)])] {
            let text = String(decoding: bundle, as: UTF8.self)
            for raw in ["\u{9B}", "\u{9D}", "\u{7F}", "\u{202E}", "\u{2028}", "\u{200B}", "\u{FEFF}"] {
                #expect(!text.contains(raw))
            }
            #expect(text.contains("csi\\u009B31m"))
            #expect(try SessionBundle.read(bundle) == .bundle([.success(session)]))
        }
    }
}
