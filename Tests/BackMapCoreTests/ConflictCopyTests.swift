import Foundation
import Testing
@testable import BackMapCore

/// A random source that gives these values in turn, then repeats the last.
private final class Sequence16 {
    private var values: [UInt16]
    init(_ values: [UInt16]) { self.values = values }
    func next() -> UInt16 { values.count > 1 ? values.removeFirst() : values[0] }
}

@Suite("Conflict copy")
struct ConflictCopyTests {
    @Test func ourVersionBecomesANewSessionAndTheOriginalFileIsUntouched() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            var theirs = try session(marks: [mark(.left, .t7, .tight)])
            theirs.note = "theirs"
            try store.save(theirs)
            let before = try Data(contentsOf: store.url(for: theirs.id))

            var ours = try session(marks: [mark(.left, .t7, .mild), mark(.right, .l4, .veryTight)])
            ours.note = "evening session"
            ours.tags = ["desk"]
            let copy = try ConflictCopy.save(ours, in: store, reason: "the file changed on disk")

            #expect(copy.id != ours.id)
            #expect(try Data(contentsOf: store.url(for: theirs.id)) == before)
            let loaded = try store.load(copy.id)
            #expect(loaded == copy)
            #expect(loaded.marks == ours.marks)
            #expect(loaded.tags == ours.tags)
            #expect(loaded.startedAt == ours.startedAt)
            #expect(loaded.note == "Conflict copy of session 20261124-190211-a3f9: the file changed on disk.\nevening session")
            // The id is made from the start, so the copy sorts beside the original.
            #expect(copy.id.rawValue.hasPrefix("20261124-190211-"))
            #expect(permissions(at: store.url(for: copy.id)) == 0o600)
        }
    }

    @Test func aNameAlreadyTakenIsNeverReplaced() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            let ours = try session()
            let taken = try session(id: "20261124-190211-0001", marks: [mark(.right, .s1, .tight)])
            try store.save(taken)
            let before = try Data(contentsOf: store.url(for: taken.id))

            let random = Sequence16([0x0001, 0x0002])
            let copy = try ConflictCopy.save(ours, in: store, random: random.next)

            #expect(copy.id.rawValue == "20261124-190211-0002")
            #expect(try Data(contentsOf: store.url(for: taken.id)) == before)
        }
    }

    @Test func theNoteNamingTheOriginalFitsUnderTheNoteLimit() throws {
        var ours = try session()
        ours.note = String(repeating: "n", count: SessionLimits.noteCharacters)
        let copy = ConflictCopy.session(keeping: ours, as: try sessionID("20261124-190211-0003"))
        #expect(copy.validationProblem == nil)
        #expect(copy.note?.hasPrefix("Conflict copy of session 20261124-190211-a3f9.\nnnn") == true)
        #expect(copy.note?.hasSuffix("n…") == true)
        #expect(copy.note?.count == SessionLimits.noteCharacters)
    }

    @Test func aSessionWithoutANoteGetsOnlyTheLineNamingTheOriginal() throws {
        let copy = ConflictCopy.session(keeping: try session(), as: try sessionID("20261124-190211-0004"))
        #expect(copy.note == "Conflict copy of session 20261124-190211-a3f9.")
    }

    @Test func aSessionFromANewerVersionIsNotRewrittenAsACopy() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            var ours = try session()
            ours.version = Session.currentVersion + 1
            #expect(throws: StoreError.self) { try ConflictCopy.save(ours, in: store) }
            let written = (try? FileManager.default.contentsOfDirectory(atPath: store.sessionsFolder.path)) ?? []
            #expect(written.isEmpty)
        }
    }

    @Test func writeNewRefusesAnExistingFileAndLeavesNoTemporary() throws {
        try withScratchFolder { folder in
            let file = folder.appendingPathComponent("a.json")
            try Data("old".utf8).write(to: file)
            #expect(throws: AtomicFile.Exists.self) { try AtomicFile.writeNew(Data("new".utf8), to: file) }
            #expect(try Data(contentsOf: file) == Data("old".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.json"])

            let fresh = folder.appendingPathComponent("b.json")
            try AtomicFile.writeNew(Data("new".utf8), to: fresh)
            #expect(try Data(contentsOf: fresh) == Data("new".utf8))
            #expect(permissions(at: fresh) == 0o600)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.json", "b.json"])
        }
    }
}
