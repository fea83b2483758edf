import Foundation
import Glibc
import Synchronization
import Testing
@testable import BackMapCore

/// The bytes and modification time of a file, to prove it was not touched.
private struct Fingerprint: Equatable {
    var bytes: Data
    var seconds: Int
    var nanoseconds: Int
    var inode: UInt64

    init(_ url: URL) throws {
        bytes = try Data(contentsOf: url)
        var info = stat()
        try #require(stat(url.path, &info) == 0)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
    }
}

private func writeFile(_ text: String, named name: String, in store: SessionStore) throws -> URL {
    try store.prepare()
    let url = store.sessionsFolder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
}

/// A valid file by a newer backmap: version 2 and keys this build does not know.
private let newerVersionFile = """
{
  "format": "backmap.session",
  "version": 2,
  "id": "20261201-080000-beef",
  "startedAt": "2026-12-01T08:00:00+01:00",
  "subject": "me",
  "technique": "skin-rolling",
  "pressureUnit": "kPa",
  "marks": [
    {"at": "2026-12-01T08:01:00+01:00", "pass": 1, "side": "left", "segment": "L4",
     "tightness": 2, "pressure": 31}
  ]
}
"""

@Suite("Session store")
struct StoreTests {
    @Test func saveThenLoadGivesTheSameSession() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder.appendingPathComponent("store"))
            var s = try session(marks: [mark(.left, .t7, .tight, note: "knot"), mark(.right, .s1, nil)])
            s.painBefore = 5
            s.tags = ["evening"]
            try store.save(s)
            #expect(try store.load(s.id) == s)
            #expect(FileManager.default.fileExists(atPath: store.sessionsFolder.appendingPathComponent("20261124-190211-a3f9.json").path))

            s.painAfter = 2
            try store.save(s)
            #expect(try store.load(s.id).painAfter == 2)
        }
    }

    @Test func filesAre0600AndFolders0700() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder.appendingPathComponent("deep/store"))
            let s = try session()
            try store.save(s)
            #expect(permissions(at: store.url(for: s.id)) == 0o600)
            for sub in [store.root, store.sessionsFolder, store.trashFolder, store.locksFolder] {
                #expect(permissions(at: sub) == 0o700, "\(sub.path)")
            }
        }
    }

    @Test func scanListsSessionsOldestFirst() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            try store.save(session(id: "20261110-083000-c2d4", startedAt: "2026-11-10T08:30:00+01:00"))
            try store.save(session(id: "20261101-190000-aaaa", startedAt: "2026-11-01T19:00:00+01:00"))
            try store.save(session(id: "20261103-190211-a3f9", startedAt: "2026-11-03T19:02:11+01:00"))
            let scan = store.scan()
            #expect(scan.problems.isEmpty)
            #expect(scan.summaries.map(\.id.rawValue) == ["20261101-190000-aaaa", "20261103-190211-a3f9", "20261110-083000-c2d4"])
            #expect(try store.resolve("last").id.rawValue == "20261110-083000-c2d4")
        }
    }

    @Test func aMissingStoreScansAsEmpty() throws {
        try withScratchFolder { folder in
            let scan = SessionStore(root: folder.appendingPathComponent("nothing-here")).scan()
            #expect(scan.summaries.isEmpty)
            #expect(scan.problems.isEmpty)
        }
    }

    @Test func scanSkipsHiddenTemporariesAndOtherFiles() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            try store.save(session())
            _ = try writeFile("half a file", named: ".20261124-190211-a3f9.json.tmp-1-ab", in: store)
            _ = try writeFile("notes", named: "README.txt", in: store)
            let scan = store.scan()
            #expect(scan.summaries.count == 1)
            #expect(scan.problems.isEmpty)
        }
    }

    @Test func aCorruptFileIsReportedAndLeftUntouchedWhileOthersLoad() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            let good = try session()
            try store.save(good)
            let corrupt = try writeFile("{\n  \"format\": \"backmap.session\",\n  \"version\": 1,,\n", named: "20261125-080000-dead.json", in: store)
            _ = chmod(corrupt.path, 0o644)
            let before = try Fingerprint(corrupt)
            let modeBefore = permissions(at: corrupt)

            let scan = store.scan()
            #expect(scan.summaries.map(\.id) == [good.id])
            #expect(scan.problems.count == 1)
            let problem = try #require(scan.problems.first)
            #expect(problem.file.lastPathComponent == "20261125-080000-dead.json")
            #expect(problem.reason == "bad JSON at line 3, column 16: expected a key in quotes, found ','")
            #expect(problem.description.hasPrefix(corrupt.path))

            // Loading it by id fails with the same reason.
            #expect {
                try store.load(try sessionID("20261125-080000-dead"))
            } throws: { error in
                "\(error)".contains("bad JSON at line 3, column 16")
            }
            // Everything else still works, and nothing touches the bad file.
            var edited = good
            edited.note = "still works"
            try store.save(edited)
            try store.moveToTrash(good.id)
            store.tidy()
            _ = store.scan()
            #expect(try Fingerprint(corrupt) == before)
            #expect(permissions(at: corrupt) == modeBefore)
        }
    }

    @Test func invalidSessionsAndOddFilesAreProblemsWithTheirReason() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            try store.save(session())
            _ = try writeFile(#"{"format": "backmap.session", "version": 1, "id": "20261126-080000-0001", "startedAt": "2026-11-26T08:00:00Z", "marks": [{"at": "2026-11-26T08:00:00Z", "pass": 1, "side": "left", "segment": "T1", "tightness": 7}]}"#,
                              named: "20261126-080000-0001.json", in: store)
            _ = try writeFile(String(repeating: " ", count: SessionLimits.fileBytes + 10), named: "20261127-080000-0002.json", in: store)
            try FileManager.default.createDirectory(at: store.sessionsFolder.appendingPathComponent("20261128-080000-0003.json"), withIntermediateDirectories: false)

            let scan = store.scan()
            #expect(scan.summaries.count == 1)
            let reasons = Dictionary(uniqueKeysWithValues: scan.problems.map { ($0.file.lastPathComponent, $0.reason) })
            #expect(reasons.count == 3)
            #expect(reasons["20261126-080000-0001.json"]?.contains("marks[0].tightness: 7 is not a tightness") == true)
            #expect(reasons["20261127-080000-0002.json"]?.contains("more than the 2.0 MB a session file may be") == true)
            #expect(reasons["20261128-080000-0003.json"]?.contains("a folder") == true)
        }
    }

    @Test func aFileWhoseNameDoesNotMatchItsIdIsAProblem() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            let data = try SessionCodec.encode(try session())
            try store.prepare()
            let renamed = store.sessionsFolder.appendingPathComponent("20261124-190211-ffff.json")
            try data.write(to: renamed)

            let scan = store.scan()
            #expect(scan.summaries.isEmpty)
            #expect(scan.problems.map(\.reason) == [
                "not a valid session: its id 20261124-190211-a3f9 does not match the file name (expected 20261124-190211-a3f9.json)",
            ])
            #expect(throws: (any Error).self) { try store.load(try sessionID("20261124-190211-ffff")) }
        }
    }

    @Test func aNewerVersionFileLoadsButIsNeverRewritten() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            let file = try writeFile(newerVersionFile, named: "20261201-080000-beef.json", in: store)
            let before = try Fingerprint(file)

            let scan = store.scan()
            #expect(scan.problems.isEmpty)
            #expect(scan.summaries.first?.isFromNewerVersion == true)
            var loaded = try store.load(try sessionID("20261201-080000-beef"))
            #expect(loaded.version == 2)
            #expect(loaded.extra["pressureUnit"] == .string("kPa"))
            #expect(loaded.marks.first?.extra["pressure"] == .number(31))
            #expect(loaded.map[.left, .l4] == .tight)

            loaded.note = "an edit this build must not write"
            #expect {
                try store.save(loaded)
            } throws: { error in
                guard case StoreError.newerVersion(let id, 2) = error else { return false }
                return id == loaded.id && "\(error)".contains("never rewritten")
            }
            #expect(try Fingerprint(file) == before)
        }
    }

    @Test func anInvalidSessionIsNotSaved() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            var s = try session()
            s.painBefore = 11
            #expect {
                try store.save(s)
            } throws: { error in
                "\(error)" == "Session 20261124-190211-a3f9 was not saved: painBefore is 11, outside 0–10."
            }
            #expect(!FileManager.default.fileExists(atPath: store.url(for: s.id).path))
        }
    }

    @Test func anUnwritableStoreGivesAClearErrorFromSave() throws {
        // Running as root, permissions do not stop writes; a file where a folder should be does.
        try withScratchFolder { folder in
            let blocker = folder.appendingPathComponent("not-a-folder")
            try Data("x".utf8).write(to: blocker)
            let store = SessionStore(root: blocker.appendingPathComponent("store"))
            #expect {
                try store.save(try session())
            } throws: { error in
                let message = "\(error)"
                return message.hasPrefix("Could not create folder \(blocker.path)") && message.contains("Not a directory")
            }
            #expect(try Data(contentsOf: blocker) == Data("x".utf8))
        }
    }

    @Test func aSessionsFolderThatIsAFileGivesAClearErrorFromSave() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            try Data("x".utf8).write(to: store.sessionsFolder)
            #expect {
                try store.save(try session())
            } throws: { error in
                "\(error)".contains("Could not create folder \(store.sessionsFolder.path)")
            }
        }
    }

    @Test func moveToTrashMovesTheFileIntoTrash() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            let s = try session()
            try store.save(s)
            let bytes = try Data(contentsOf: store.url(for: s.id))

            let target = try store.moveToTrash(s.id)
            #expect(target == store.trashFolder.appendingPathComponent("20261124-190211-a3f9.json"))
            #expect(!FileManager.default.fileExists(atPath: store.url(for: s.id).path))
            #expect(try Data(contentsOf: target) == bytes)
            #expect(store.scan().summaries.isEmpty)

            // Trashing a session of the same id again keeps both copies.
            try store.save(s)
            let second = try store.moveToTrash(s.id)
            #expect(second.lastPathComponent == "20261124-190211-a3f9.2.json")
            #expect(FileManager.default.fileExists(atPath: target.path))
        }
    }

    @Test func trashingTheSameSessionFromManyProgramsAtOnceNeverReplacesATrashedCopy() throws {
        try withScratchFolder { folder in
            let base = try session()
            // One trash folder shared by eight stores (their trash/ is a link to it), so
            // eight programs trash the same id at once, each its own copy of the session.
            let trash = folder.appendingPathComponent("shared-trash")
            try FileManager.default.createDirectory(at: trash, withIntermediateDirectories: true)
            // Many earlier copies in the trash make finding a free name slow, which
            // widens the gap between choosing a name and moving the file into it.
            let earlier = 400
            let old = try SessionCodec.encode(base)
            for copy in 1...earlier {
                try old.write(to: trash.appendingPathComponent(copy == 1 ? "\(base.id.rawValue).json" : "\(base.id.rawValue).\(copy).json"))
            }
            let workers = 8
            func store(_ worker: Int) -> SessionStore { SessionStore(root: folder.appendingPathComponent("store\(worker)")) }
            for worker in 0..<workers {
                try FileManager.default.createDirectory(at: store(worker).root, withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(at: store(worker).trashFolder, withDestinationURL: trash)
            }
            let rounds = 25
            let results = Mutex<[(URL, String)]>([])
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let store = SessionStore(root: folder.appendingPathComponent("store\(worker)"))
                for round in 0..<rounds {
                    var copy = base
                    copy.note = "worker \(worker) round \(round)"
                    do {
                        try store.save(copy)
                        let target = try store.moveToTrash(copy.id)
                        results.withLock { $0.append((target, copy.note ?? "")) }
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
            }
            #expect(failures.withLock { $0 }.isEmpty)
            let trashed = results.withLock { $0 }
            #expect(trashed.count == workers * rounds)
            #expect(Set(trashed.map(\.0.lastPathComponent)).count == trashed.count, "two moves reported one trash file")
            let files = try FileManager.default.contentsOfDirectory(atPath: trash.path)
            #expect(files.count == earlier + trashed.count, "the trash holds \(files.count) files after \(trashed.count) moves")
            // Every move left its own session, whole, in the file it reported; the earlier copies are untouched.
            for (target, note) in trashed {
                #expect(try SessionCodec.decode(Data(contentsOf: target)).note == note, "\(target.lastPathComponent) was replaced")
            }
            let untouched = try files.filter { name in
                try SessionCodec.decode(Data(contentsOf: trash.appendingPathComponent(name))).note == nil
            }
            #expect(untouched.count == earlier)
        }
    }

    @Test func aSessionOpenInAnEditorIsNotTrashed() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            let s = try session()
            try store.save(s)
            let before = try Fingerprint(store.url(for: s.id))
            let editor = try store.lock(s.id)

            #expect {
                try store.moveToTrash(s.id)
            } throws: { error in
                "\(error)" == "Session \(s.id) is open in an editor (process \(getpid())); not trashed."
            }
            #expect(try Fingerprint(store.url(for: s.id)) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: store.trashFolder.path).isEmpty)
            #expect(editor.isHeld)

            editor.release()
            try store.moveToTrash(s.id)
            #expect(!FileManager.default.fileExists(atPath: store.url(for: s.id).path))
        }
    }

    @Test func trashingAMissingSessionIsAnError() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            #expect(throws: StoreError.self) { try store.moveToTrash(try sessionID("20261124-190211-0000")) }
        }
    }

    @Test func aSecondEditorOfTheSameSessionIsRefused() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            let id = try sessionID("20261124-190211-a3f9")
            let first = try store.lock(id)
            #expect {
                _ = try store.lock(id)
            } throws: { error in
                "\(error)".contains("already open in another backmap")
            }
            first.release()
            let again = try store.lock(id)
            again.release()
        }
    }

    @Test func makeSessionPicksAnIdNoFileUses() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            let start = try time("2026-11-24T19:02:11+01:00")
            let s = store.makeSession(subject: "Ann", technique: .tennisBall, at: start)
            #expect(s.id.rawValue.hasPrefix("20261124-190211-"))
            #expect(s.id.rawValue.count == "20261124-190211-a3f9".count)
            #expect(s.subject == "Ann")
            #expect(s.technique == .tennisBall)
            #expect(s.marks.isEmpty)
        }
    }
}

@Suite("Store location")
struct StoreLocationTests {
    @Test func explicitStoreWinsOverEverything() {
        let url = StoreLocation.resolve(explicit: "/data/backs", environment: [
            "BACKMAP_HOME": "/bm", "XDG_DATA_HOME": "/xdg", "HOME": "/home/ann",
        ])
        #expect(url.path == "/data/backs")
    }

    @Test func explicitStoreExpandsTilde() {
        #expect(StoreLocation.resolve(explicit: "~/backs", environment: ["HOME": "/home/ann"]).path == "/home/ann/backs")
    }

    @Test func backmapHomeComesNext() {
        let url = StoreLocation.resolve(explicit: nil, environment: [
            "BACKMAP_HOME": "/bm", "XDG_DATA_HOME": "/xdg", "HOME": "/home/ann",
        ])
        #expect(url.path == "/bm")
        #expect(StoreLocation.resolve(explicit: "", environment: ["BACKMAP_HOME": "/bm"]).path == "/bm")
    }

    @Test func xdgDataHomeIsUsedOnlyWhenAbsolute() {
        #expect(StoreLocation.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "/xdg", "HOME": "/home/ann"]).path == "/xdg/backmap")
        #expect(StoreLocation.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "relative/data", "HOME": "/home/ann"]).path
            == "/home/ann/.local/share/backmap")
    }

    @Test func emptyVariablesAreIgnored() {
        let url = StoreLocation.resolve(explicit: nil, environment: ["BACKMAP_HOME": "", "XDG_DATA_HOME": "", "HOME": "/home/ann"])
        #expect(url.path == "/home/ann/.local/share/backmap")
    }

    @Test func defaultIsUnderHome() {
        #expect(StoreLocation.resolve(explicit: nil, environment: ["HOME": "/home/ann"]).path == "/home/ann/.local/share/backmap")
    }
}
