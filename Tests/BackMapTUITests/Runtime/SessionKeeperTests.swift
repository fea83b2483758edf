import Foundation
import Testing
@testable import BackMapCore
@testable import BackMapTUI

@Suite("Session keeper")
struct SessionKeeperTests {
    @Test func aFailedSaveIsKeptAndRetriedWhenDueUntilItLands() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        let clock = FakeClock()
        let keeper = SessionKeeper(store: scratch.store) { clock.now }
        var session = try keeper.beginEditing(try scratch.session(minutes: 0).id)
        try scratch.breakDisk()
        session.marks.append(Mark(at: session.startedAt, pass: 1, zone: Zone(.right, .t7), tightness: .veryTight))
        guard case .failed = keeper.save(session) else { Issue.record("a save on a broken disk landed"); return }
        guard case .failed = keeper.status else { Issue.record("the status hides a failed save"); return }
        #expect(keeper.unsaved == [session.id])
        #expect(keeper.retryWait == 2_000)
        // Not due yet: nothing is tried.
        clock.now += .seconds(1)
        #expect(keeper.retryIfDue().isEmpty)
        // Due, still broken: tried, still pending.
        clock.now += .seconds(1)
        #expect(keeper.retryIfDue().map(\.1).allSatisfy { if case .failed = $0 { true } else { false } })
        #expect(keeper.unsaved == [session.id])
        // Mended: the next try lands, and the status says so.
        try scratch.mendDisk()
        clock.now += .seconds(2)
        let outcomes = keeper.retryIfDue()
        #expect(outcomes.map(\.0) == [session.id])
        #expect(outcomes.map(\.1) == [.saved])
        #expect(keeper.status == .saved)
        #expect(keeper.retryWait == nil)
        #expect(try scratch.store.load(session.id) == session)
    }

    @Test func aSessionKeepsItsLockAfterItsEditorClosesUntilItsChangeLands() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        let keeper = SessionKeeper(store: scratch.store)
        var session = try keeper.beginEditing(try scratch.session(minutes: 0).id)
        #expect(!scratch.isFree(session.id))
        try scratch.breakDisk()
        session.note = "written while the disk was full"
        _ = keeper.save(session)
        guard case .failed = keeper.endEditing(session.id) else { Issue.record("the last try on leaving landed on a broken disk"); return }
        #expect(!scratch.isFree(session.id), "another editor could open a session this program still means to write")
        // Opened again before it lands: the editor gets the change in memory, not the older file.
        #expect(try keeper.beginEditing(session.id) == session)
        try scratch.mendDisk()
        #expect(keeper.endEditing(session.id) == .saved)
        #expect(scratch.isFree(session.id))
        #expect(try scratch.store.load(session.id).note == "written while the disk was full")
    }

    @Test func theEndWritesARescueCopyOfWhatNeverLandedAndLetsTheLocksGo() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        let keeper = SessionKeeper(store: scratch.store)
        var session = try keeper.beginEditing(try scratch.session(minutes: 0).id)
        try scratch.breakDisk()
        session.painAfter = 2
        _ = keeper.save(session)
        let notes = keeper.finish()
        #expect(notes.count == 1)
        #expect(notes.first?.contains("session \(session.id) could not be saved in \(scratch.store.sessionsFolder.path)") == true)
        #expect(try takeRescueCopy(from: notes.first ?? "") == session)
        try scratch.mendDisk()
        #expect(scratch.isFree(session.id))
    }

    @Test func aLockHeldElsewhereRefusesTheEditorAndLeavesNothingHeld() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        let id = try scratch.session(minutes: 0).id
        let other = try scratch.store.lock(id)
        let keeper = SessionKeeper(store: scratch.store)
        #expect {
            _ = try keeper.beginEditing(id)
        } throws: { error in
            if case StoreError.locked(id, _) = error { true } else { false }
        }
        other.release()
        #expect(scratch.isFree(id))
        #expect(keeper.finish().isEmpty)
    }

    @Test func aSessionThatCannotBeReadIsNotLocked() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        let id = try scratch.session(minutes: 0).id
        try Data("{".utf8).write(to: scratch.store.url(for: id))
        let keeper = SessionKeeper(store: scratch.store)
        #expect(throws: (any Error).self) { _ = try keeper.beginEditing(id) }
        #expect(scratch.isFree(id))
    }
}
