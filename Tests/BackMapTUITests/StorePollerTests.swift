@testable import BackMapCore
@testable import BackMapTUI
import Foundation
import Testing

@Suite struct StorePollerTests {
    @Test func aChangeShowsAtTheNextDueCheckAndOnlyOnce() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-poller-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = SessionStore(root: root)
        try store.save(HistoryFixtures.older)
        let start = ContinuousClock.now
        var poller = StorePoller()
        // Started without a fingerprint: the first due check asks for a scan whatever happened.
        poller.start(at: start - .milliseconds(900))
        var first = poller.changed(store, at: start)
        #expect(first)
        first = poller.changed(store, at: start + .milliseconds(100))
        #expect(!first)
        poller.rebase(store, at: start)
        #expect(poller.wait(at: start) == 900)
        var seen = poller.changed(store, at: start + .milliseconds(950))
        #expect(!seen)
        try store.save(HistoryFixtures.newer)
        // Not yet due: nothing is read.
        seen = poller.changed(store, at: start + .milliseconds(1_000))
        #expect(!seen)
        seen = poller.changed(store, at: start + .milliseconds(1_900))
        #expect(seen)
        seen = poller.changed(store, at: start + .milliseconds(2_900))
        #expect(!seen)
        _ = try store.moveToTrash(HistoryFixtures.older.id)
        seen = poller.changed(store, at: start + .milliseconds(3_900))
        #expect(seen)
    }
}
