import BackMapCore
import Foundation
import Testing

/// The export, import, check and trends commands, run as the built `backmap`
/// binary (`swift build` first) against stores in temporary folders.
@Suite final class TransferCommandTests {
    /// The folders this test made, removed when it ends (a suite instance is one test).
    private var folders: [URL] = []

    deinit {
        for folder in folders { try? FileManager.default.removeItem(at: folder) }
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary: URL = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/backmap")
    }()

    func run(_ arguments: [String]) throws -> Run {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build backmap first: swift build")
        let finished = try runBlocking(Self.binary, arguments, environment: ["NO_COLOR": "1"])
        return Run(status: finished.status, stdout: finished.stdout, stderr: finished.stderr)
    }

    func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("backmap-e2e-transfer-\(getpid())-\(UInt32.random(in: 0 ... .max))", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        folders.append(url)
        return url
    }

    /// A store with three sessions a week apart.
    func makeStore() throws -> SessionStore {
        let store = SessionStore(root: temporaryFolder().appendingPathComponent("store"))
        for week in 0..<3 {
            let start = 1_788_800_400 + week * 7 * 86_400
            let startedAt = Timestamp(date: Date(timeIntervalSince1970: TimeInterval(start)), utcOffset: 3_600)
            let marks = Zone.rollingOrder.enumerated().map { offset, zone in
                Mark(at: Timestamp(date: Date(timeIntervalSince1970: TimeInterval(start + 60 + offset)), utcOffset: 3_600),
                     pass: 1, zone: zone, tightness: Tightness(rawValue: (offset + week) % 4))
            }
            try store.save(Session(id: SessionID.make(at: startedAt, random: { UInt16(week + 10) }), startedAt: startedAt,
                                   note: "week \(week)", marks: marks))
        }
        return store
    }

    func files(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            result[name] = try? Data(contentsOf: folder.appendingPathComponent(name))
        }
        return result
    }

    @Test func exportJSONThenImportIntoANewStoreGivesTheSameFiles() throws {
        let source = try makeStore()
        let bundle = temporaryFolder().appendingPathComponent("all.json")
        let export = try run(["export", "last~2", "last~1", "last", "--format", "json", "-o", bundle.path, "--store", source.root.path])
        #expect(export.status == 0)
        #expect(export.stdout.isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: bundle.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let target = temporaryFolder().appendingPathComponent("store")
        let first = try run(["import", bundle.path, "--store", target.path])
        #expect(first.status == 0)
        #expect(first.stdout == "3 added, 0 skipped (identical), 0 refused\n")
        #expect(files(target.appendingPathComponent("sessions")) == files(source.sessionsFolder))

        let again = try run(["import", bundle.path, "--store", target.path])
        #expect(again.status == 0)
        #expect(again.stdout == "0 added, 3 skipped (identical), 0 refused\n")
    }

    @Test func importRefusesADifferentSessionWithAStoredIdAndExitsNonZero() throws {
        let store = try makeStore()
        let id = try store.resolve("last").id
        var changed = try store.load(id)
        changed.note = "changed on another machine"
        let file = temporaryFolder().appendingPathComponent("\(id).json")
        try SessionCodec.encode(changed).write(to: file)
        let before = files(store.sessionsFolder)

        let result = try run(["import", file.path, "--store", store.root.path])

        #expect(result.status != 0)
        #expect(result.stdout == "0 added, 0 skipped (identical), 1 refused (different session with the same id: \(id))\n")
        #expect(result.stderr.contains("refused \(id)"))
        #expect(files(store.sessionsFolder) == before)
    }

    @Test func checkNamesABadFileWithLineAndColumnAndExitsNonZero() throws {
        let store = try makeStore()
        let healthy = try run(["check", "--store", store.root.path])
        #expect(healthy.status == 0)
        #expect(healthy.stdout == "3 sessions, all valid.\n")

        let bad = store.sessionsFolder.appendingPathComponent("20260101-000000-beef.json")
        try Data("{\n  \"format\": \"backmap.session\",\n  oops\n}\n".utf8).write(to: bad)
        let broken = try run(["check", "--store", store.root.path])
        #expect(broken.status != 0)
        #expect(broken.stdout == "\(bad.path): bad JSON at line 3, column 3: expected a key in quotes, found 'o'\n3 sessions, 1 file with problems.\n")
    }

    @Test func exportWritesEachFormatToStandardOutput() throws {
        let store = try makeStore()
        for (format, start) in [("svg", "<?xml"), ("html", "<!DOCTYPE html>"), ("csv", "id,date,subject,side,segment,tightness\r\n"),
                                ("md", "# Skin-rolling record"), ("json", "{")] {
            let result = try run(["export", "last", "last~1", "--format", format, "--store", store.root.path])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(result.stdout.hasPrefix(start), "\(format)")
        }
        let tooMany = try run(["export", "last", "last~1", "last~2", "--format", "svg", "--store", store.root.path])
        #expect(tooMany.status != 0)
        let unknown = try run(["export", "nope", "--format", "md", "--store", store.root.path])
        #expect(unknown.status != 0)
        #expect(unknown.stderr == "backmap: No session matches \"nope\"; `backmap list` shows them all.\n")
    }

    @Test func trendsPrintsThePictureWithoutATerminalAndJSONOnRequest() throws {
        let store = try makeStore()
        let printed = try run(["trends", "--store", store.root.path])
        #expect(printed.status == 0)
        // One subject in the store: its name heads the picture.
        #expect(printed.stdout.hasPrefix("backmap · trends · me · all 3 sessions"))
        #expect(printed.stdout.contains("Mean tightness per session"))
        let json = try run(["trends", "--last", "2", "--json", "--store", store.root.path])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["sessions"] as? [Any])?.count == 2)
        #expect(object["matchingSessions"] as? Int == 3)
    }
}
