@testable import BackMapCore
@testable import BackMapTUI
import Foundation
import Glibc
import Testing
import TestSupport

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

@Suite(.enabled(if: watchableScratchParent != nil, "no local file system to watch on"))
struct WatchedStorePollerTests {
    @Test func aWatchedStoreIsListedOnlyWhenTheWatchHasNewsOrAfterTheLongInterval() throws {
        let root = try #require(watchableScratchParent).appendingPathComponent("backmap-poller-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = SessionStore(root: root)
        try store.save(HistoryFixtures.older)
        let start = ContinuousClock.now
        let watch = try #require(SessionsWatch(root: root))
        var poller = StorePoller()
        poller.start(at: start - .milliseconds(900), watch: watch)
        var seen = poller.changed(store, at: start)
        #expect(seen && poller.fingerprints == 1)
        poller.rebase(store, at: start)
        #expect(poller.fingerprints == 2)
        // Due checks with no news read nothing.
        var now = start
        for _ in 0..<5 {
            now += StorePoller.interval
            seen = poller.changed(store, at: now)
            #expect(!seen)
        }
        #expect(poller.fingerprints == 2)

        // Another program saves: the next due check lists the store and says so.
        try store.save(HistoryFixtures.newer)
        now += StorePoller.interval
        seen = poller.changed(store, at: now)
        #expect(seen && poller.fingerprints == 3)
        let listed = now

        // A write through a hard link in another folder reaches the file but not the
        // watch: it shows when the long interval has passed, without news.
        let link = root.appendingPathComponent("elsewhere.json")
        #expect(Glibc.link(store.url(for: HistoryFixtures.older.id).path, link.path) == 0)
        let handle = try FileHandle(forWritingTo: link)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(" ".utf8))
        try handle.close()
        now += StorePoller.interval
        seen = poller.changed(store, at: now)
        #expect(!seen && poller.fingerprints == 3)
        seen = poller.changed(store, at: listed + StorePoller.watchedInterval)
        #expect(seen && poller.fingerprints == 4)
    }
}

@Suite struct StoreFollowerTests {
    /// A clock the test moves by hand.
    final class Clock: @unchecked Sendable {
        var now = ContinuousClock.now
    }

    @Test func theCheckBehindTheHomeScreenComesFirstThenOtherProgramsChanges() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-follower-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = SessionStore(root: root)
        try store.save(HistoryFixtures.older)
        let clock = Clock()
        var follower = StoreFollower(store: store, now: { clock.now })
        // Nothing follows the store before start: no wait, no news.
        #expect(follower.wait(followingStore: false) == nil)
        follower.start(checking: true)
        // While the check runs the loop looks for it often, whatever is on top.
        #expect(follower.wait(followingStore: false) == 10)
        var news = follower.news(followingStore: true)
        while news == nil {
            try await Task.sleep(for: .milliseconds(5))
            news = follower.news(followingStore: true)
        }
        guard case .checked(let scan)? = news else {
            Issue.record("the first news is the check, got \(String(describing: news))")
            return
        }
        #expect(scan.summaries.map(\.id) == [HistoryFixtures.older.id])
        // The check's fingerprint is the poller's: nothing new until another program writes.
        #expect(follower.wait(followingStore: true) == 900)
        clock.now += .milliseconds(900)
        #expect(follower.news(followingStore: true) == nil)
        try store.save(HistoryFixtures.newer)
        clock.now += .milliseconds(900)
        // A screen that does not show the store hears nothing of it.
        #expect(follower.news(followingStore: false) == nil)
        guard case .changed(let changed)? = follower.news(followingStore: true) else {
            Issue.record("a session another program wrote is news")
            return
        }
        #expect(Set(changed.summaries.map(\.id)) == [HistoryFixtures.older.id, HistoryFixtures.newer.id])
        #expect(follower.rescan().summaries.count == 2)
    }
}
