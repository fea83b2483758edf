import Foundation
import Testing
@testable import BackMapCore

@Suite("Completing REFs from the store")
struct RefCompletionTests {
    func store() throws -> SessionStore {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-complete-\(UUID().uuidString)")
        let store = SessionStore(root: root)
        try store.prepare()
        return store
    }

    @Test func offersLastIdsAndTheDaysThatHaveSessions() throws {
        let store = try store()
        defer { try? FileManager.default.removeItem(at: store.root) }
        var first = store.makeSession(at: Timestamp(iso8601: "2026-11-03T19:02:11+01:00")!)
        first.subject = "me"
        try store.save(first)
        try store.save(store.makeSession(at: Timestamp(iso8601: "2026-11-24T08:00:00+01:00")!))
        _ = store.scan() // writes the summary index, as any list or start does

        let all = RefCompletion.candidates(storeRoot: store.root, prefix: "")
        #expect(all.contains("last"))
        #expect(all.contains("2026-11-03"))
        #expect(all.contains("2026-11-24"))
        #expect(all.contains(first.id.rawValue))
        #expect(RefCompletion.candidates(storeRoot: store.root, prefix: "2026-11-2") == ["2026-11-24"])
    }

    /// Tab never decodes a session: a file the index does not know yet is offered by its
    /// name alone, even when its content is not a session at all.
    @Test func aFileTheIndexDoesNotKnowIsOfferedByNameWithoutReadingIt() throws {
        let store = try store()
        defer { try? FileManager.default.removeItem(at: store.root) }
        try Data("not json".utf8).write(to: store.sessionsFolder.appendingPathComponent("20250102-030405-abcd.json"))
        let offered = RefCompletion.candidates(storeRoot: store.root, prefix: "2025")
        #expect(offered == ["2025-01-02", "20250102-030405-abcd"])
    }

    @Test func anEmptyOrMissingStoreOffersNothing() {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-none-\(UUID().uuidString)")
        #expect(RefCompletion.candidates(storeRoot: missing, prefix: "").isEmpty)
    }
}
