import Foundation
import Testing
@testable import BackMapCore
@testable import BackMapTUI

/// The loop and the keeper together, through the fake terminal: what a person
/// would see, frame by frame, with a real store underneath.
@Suite("Runtime loop")
struct AppLoopTests {
    /// Runs the program on `scratch` from `destination` with a scripted terminal.
    /// A store without a summary index is read whole before the first frame, however long
    /// that takes, unless `readingWait` says otherwise.
    private func run(_ scratch: ScratchStore, opening destination: Destination? = nil, readingWait: Duration? = .seconds(60),
                     _ terminal: FakeTerminal) throws -> (status: Int32, notes: [String]) {
        var notes: [String] = []
        let keeper = SessionKeeper(store: scratch.store) { terminal.clock.now }
        let app = App(keeper: keeper, theme: Theme(ascii: true, color: false), terminal: terminal) { notes.append($0) }
        app.readingWait = readingWait
        let status = try app.run(opening: destination)
        #expect(terminal.started && terminal.stopped)
        return (status, notes)
    }

    @Test func aFailedSaveShowsOnEveryScreenUntilARetryLandsIt() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        _ = try scratch.session(minutes: 0)
        let edited = try scratch.session(minutes: 60)
        var seen: [String: String] = [:]
        var terminal: FakeTerminal!
        func look(_ name: String) -> FakeTerminal.Step { .run { seen[name] = terminal.statusLine } }
        terminal = FakeTerminal([
            // The newest session is on top: edit it, and its writes start failing.
            .character("e"), look("editor before"),
            .run { try? scratch.blockSession(edited.id) },
            .character("3"), look("editor"),
            // Back on the list the other session is selected: replay it, then trends.
            .character("q"), look("list"),
            .input(.key(.enter)), look("replay"), .character("q"),
            .character("t"), look("trends"), .character("q"),
            .run { try? scratch.unblockSession(edited.id) },
            // The list also wakes every 0.9 s to look at the store: the retry is due at the third wake.
            .input(.timeout), .input(.timeout), .input(.timeout), look("list mended"),
            .character("q"),
        ])
        let result = try run(scratch, terminal)
        #expect(result.status == 0)
        #expect(result.notes.isEmpty)
        #expect(seen["editor before"]?.hasSuffix(" saved") == true, "\(seen["editor before"] ?? "")")
        for screen in ["editor", "list", "replay", "trends"] {
            #expect(seen[screen]?.contains("NOT SAVED: ") == true, "\(screen): \(seen[screen] ?? "nothing")")
        }
        #expect(seen["replay"]?.hasPrefix("mark ") == true, "\(seen["replay"] ?? "")")
        #expect(seen["trends"]?.hasPrefix("trends") == true, "\(seen["trends"] ?? "")")
        #expect(seen["list mended"]?.hasSuffix(" saved") == true, "\(seen["list mended"] ?? "")")
        #expect(try scratch.store.load(edited.id).marks.count == 2)
        #expect(scratch.isFree(edited.id))
    }

    @Test func theListFollowsTheStoreWithoutAKeyAndCtrlLRescansAtOnce() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        _ = try scratch.session(minutes: 0)
        var seen: [String: String] = [:]
        var terminal: FakeTerminal!
        func look(_ name: String) -> FakeTerminal.Step { .run { seen[name] = terminal.screen } }
        let bad = scratch.store.sessionsFolder.appendingPathComponent("20261101-100000-bad0.json")
        terminal = FakeTerminal([
            look("start"),
            // Another program adds a session; no time passes, no key: not yet seen.
            .run { _ = try? scratch.session(minutes: 60) },
            .key(.down), look("before the poll"),
            // The loop's wait runs out: the store is looked at and the list follows.
            .input(.timeout), look("after the poll"),
            // A bad file and another session; Ctrl-L reads the store at once, clock standing still.
            .run {
                try? Data("{".utf8).write(to: bad)
                _ = try? scratch.session(minutes: 120)
            },
            .key(.control("l")), look("after ctrl-l"),
            .run { try? FileManager.default.removeItem(at: bad) },
            .input(.timeout), look("bad file gone"),
            .character("q"),
        ])
        let result = try run(scratch, terminal)
        #expect(result.status == 0)
        #expect(seen["start"]?.contains("1 session") == true, "\(seen["start"] ?? "")")
        #expect(seen["before the poll"]?.contains("1 session") == true, "\(seen["before the poll"] ?? "")")
        #expect(seen["after the poll"]?.contains("2 sessions") == true, "\(seen["after the poll"] ?? "")")
        #expect(seen["after ctrl-l"]?.contains("3 sessions") == true, "\(seen["after ctrl-l"] ?? "")")
        #expect(seen["after ctrl-l"]?.contains("1 file could not be read: 20261101-100000-bad0.json") == true)
        #expect(terminal.redraws == 1)
        #expect(seen["bad file gone"]?.contains("could not be read") == false, "\(seen["bad file gone"] ?? "")")
    }

    @Test func aHomeScreenFromTheIndexIsMarkedUntilTheCheckBehindItReplacesItsRows() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        _ = try scratch.session(minutes: 0)
        let gone = try scratch.session(minutes: 60)
        // A scan writes the summary index (as if a minute later: files just written are
        // left out of it, their times may still change); then another program removes one.
        _ = scratch.store.indexedScan(now: Date().addingTimeInterval(60))
        try FileManager.default.removeItem(at: scratch.store.url(for: gone.id))
        #expect(scratch.store.preview()?.total == 2)
        var seen: [String: String] = [:]
        var terminal: FakeTerminal!
        func look(_ name: String) -> FakeTerminal.Step { .run { seen[name] = terminal.screen } }
        terminal = FakeTerminal([
            look("first"),
            .waitUntil { !$0.contains("checking") }, look("checked"),
            // The poller follows from the fingerprint taken before the check's scan: nothing new.
            .input(.timeout), look("after the poll"),
            .character("q"),
        ])
        let result = try run(scratch, terminal)
        #expect(result.status == 0)
        #expect(seen["first"]?.contains("2 sessions | checking...") == true, "\(seen["first"] ?? "")")
        #expect(seen["checked"]?.contains("1 session") == true, "\(seen["checked"] ?? "")")
        #expect(seen["checked"]?.contains("2 sessions") == false, "\(seen["checked"] ?? "")")
        #expect(seen["after the poll"]?.contains("1 session") == true, "\(seen["after the poll"] ?? "")")
        #expect(seen["after the poll"]?.contains("checking") == false, "\(seen["after the poll"] ?? "")")
    }

    @Test func aStoreWithoutAnIndexSaysItIsBeingReadUntilTheReadingBringsTheList() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        let older = try scratch.session(minutes: 0)
        _ = try scratch.session(minutes: 60)
        #expect(scratch.store.preview() == nil)
        var seen: [String: String] = [:]
        var terminal: FakeTerminal!
        func look(_ name: String) -> FakeTerminal.Step { .run { seen[name] = terminal.screen } }
        terminal = FakeTerminal([
            look("first"),
            .waitUntil { !$0.contains("reading") }, look("read"),
            // Another program removes a session: the list follows, as after any check.
            .run { try? FileManager.default.removeItem(at: scratch.store.url(for: older.id)) },
            .input(.timeout), look("after the poll"),
            .character("q"),
        ])
        // The first frame does not wait for the reading at all.
        let result = try run(scratch, readingWait: nil, terminal)
        #expect(result.status == 0)
        let first = try #require(seen["first"])
        #expect(first.contains("reading..."), "\(first)")
        #expect(first.contains("Reading every session..."), "\(first)")
        #expect(!first.contains("No sessions yet"), "\(first)")
        #expect(!first.contains("0 sessions"), "\(first)")
        #expect(seen["read"]?.contains("2 sessions") == true, "\(seen["read"] ?? "")")
        #expect(seen["read"]?.contains("checking") == false, "\(seen["read"] ?? "")")
        #expect(seen["after the poll"]?.contains("1 session") == true, "\(seen["after the poll"] ?? "")")
    }

    /// Closing the last screen leaves: nothing is left to show a fresh scan, and at tens of
    /// thousands of sessions one more would cost a tenth of a second and double the memory.
    @Test func quittingTheLastScreenReadsTheStoreNoMore() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        _ = try scratch.session(minutes: 0)
        let removed = try scratch.session(minutes: 60)
        // The index takes both (as it would two seconds later: see `isRacy`).
        _ = scratch.store.indexedScan(now: Date().addingTimeInterval(10))
        #expect(SummaryIndex(contentsOf: scratch.store.indexFile).entries.count == 2)
        let terminal = FakeTerminal([
            .run { try? FileManager.default.removeItem(at: scratch.store.url(for: removed.id)) },
            .character("q"),
        ])
        let result = try run(scratch, opening: .trends(TrendFilter()), terminal)
        #expect(result.status == 0)
        // A scan after the last screen closed would have dropped the removed file from the index.
        #expect(SummaryIndex(contentsOf: scratch.store.indexFile).entries.count == 2)
    }

    @Test func quittingWithAPendingSaveWritesARescueCopyAndFails() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        let session = try scratch.session(minutes: 0)
        let terminal = FakeTerminal([
            .run { try? scratch.breakDisk() },
            .character("1"),
            .key(.control("c")),
        ])
        let result = try run(scratch, opening: .editor(session.id), terminal)
        #expect(result.status == 1)
        #expect(result.notes.count == 1)
        let rescued = try takeRescueCopy(from: result.notes.first ?? "")
        #expect(rescued.marks.count == 2)
        #expect(rescued.marks.last?.tightness == .mild)
        try scratch.mendDisk()
        #expect(scratch.isFree(session.id))
    }

    @Test func aSignalTriesThePendingSaveOnceMoreBeforeLeaving() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        let session = try scratch.session(minutes: 0)
        let terminal = FakeTerminal([
            .run { try? scratch.breakDisk() },
            .character("2"),
            .run { try? scratch.mendDisk() },
            .input(.quitSignal(SIGTERM)),
        ])
        let result = try run(scratch, opening: .editor(session.id), terminal)
        #expect(result.status == 128 + SIGTERM)
        #expect(result.notes.isEmpty)
        #expect(try scratch.store.load(session.id).marks.count == 2)
    }

    @Test func aSessionThatCannotBeReadReachesTheScreenThatAskedForIt() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        let older = try scratch.session(minutes: 0)
        let newer = try scratch.session(minutes: 60)
        var afterLoad = ""
        var afterTitle = ""
        var terminal: FakeTerminal!
        terminal = FakeTerminal([
            .run { try? Data("{ broken".utf8).write(to: scratch.store.url(for: newer.id)) },
            .character("]"),
            .run {
                // A message too long for the status line takes the line above it too.
                let lines = terminal.screen.split(separator: "\n").map(String.init)
                afterLoad = terminal.statusLine + " " + (lines.dropLast().last ?? "")
                afterTitle = terminal.screen.split(separator: "\n").first.map(String.init) ?? ""
            },
            .character("q"),
        ])
        let result = try run(scratch, opening: .replay(older.id), terminal)
        #expect(result.status == 0)
        // The replay that asked says why, and still shows the session it had.
        #expect(afterLoad.hasPrefix("mark 0/1"), "\(afterLoad)")
        #expect(afterLoad.contains(scratch.store.sessionsFolder.path.prefix(20)), "the replay does not say which file failed: \(afterLoad)")
        #expect(afterTitle.contains(older.startedAt.clock), "\(afterTitle)")
    }

    @Test func aRefusedLockLeavesTheListAndSaysWhy() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        let session = try scratch.session(minutes: 0)
        let other = try scratch.store.lock(session.id)
        defer { other.release() }
        var afterEdit = ""
        var terminal: FakeTerminal!
        terminal = FakeTerminal([
            .character("e"),
            .run { afterEdit = terminal.screen },
            .character("q"),
        ])
        let result = try run(scratch, terminal)
        #expect(result.status == 0)
        let lines = afterEdit.split(separator: "\n").map(String.init)
        let status = lines.last ?? ""
        #expect(status.hasPrefix("sessions"), "the editor opened on a session locked elsewhere: \(status)")
        // Too long for the status line, the message takes the line above, whole.
        let message = lines.dropLast().last ?? ""
        #expect((status + message).contains("already open in another backmap"), "\(status)\n\(message)")
    }

    @Test func theGlobalKeysWorkOnEveryScreenAndHelpClosesWithAnyKey() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        var withHelp = ""
        var afterHelp = ""
        var terminal: FakeTerminal!
        terminal = FakeTerminal([
            .character("?"), .run { withHelp = terminal.screen },
            .character("j"), .run { afterHelp = terminal.screen },
            .key(.control("l")),
            .key(.control("c")),
        ])
        let result = try run(scratch, terminal)
        #expect(result.status == 0)
        #expect(withHelp.contains("sessions keys"))
        for help in GlobalKeys.table.help { #expect(withHelp.contains(help.action), "\(help.action)") }
        #expect(!afterHelp.contains("sessions keys"))
        #expect(terminal.redraws == 1)
    }
}
