@testable import BackMapCore
@testable import BackMapTUI
import Testing

@Suite struct SessionListTests {
    typealias F = HistoryFixtures

    private func list(_ scan: StoreScan = F.scan()) -> SessionListState { SessionListState(scan: scan) }

    @Test func theSaveStateOverTheHintLeavesAnEllipsisWhereItCutIt() throws {
        // The list's hint runs the width of the line; "saved", which the runtime puts over
        // every screen, cuts it, and a cut always says so.
        let canvas = Frame(size: Size(width: 80, height: 24), theme: F.plain, save: .saved).render(list())
        let status = try #require(canvas.text().components(separatedBy: "\n").dropLast().last)
        #expect(status.hasSuffix("saved"))
        let before = status.dropLast("saved".count).trimmingCharacters(in: .whitespaces)
        #expect(before.hasSuffix("…"), "\(status)")
        #expect(status.contains("… saved") || status.contains("…  saved"), "\(status)")
    }

    @Test func showsTheNewestSessionFirst() {
        let state = list()
        #expect(state.rows.map(\.id) == [F.newer.id, F.middle.id, F.partner.id, F.older.id])
        #expect(state.selected?.id == F.newer.id)
    }

    @Test func rowsFromTheIndexAreMarkedUntilTheCheckedScanReplacesThemWhole() {
        // The index's view: the two newest of four, one of them since changed on disk.
        var stale = F.newer
        stale.subject = "old name"
        let unchecked = F.scan([F.middle, stale]).summaries
        var state = SessionListState(unchecked: unchecked, total: 4)
        #expect(state.isChecking)
        #expect(state.rows.map(\.id) == [F.newer.id, F.middle.id])
        let before = F.text(state, 80, 24)
        #expect(before.contains("4 sessions · checking…"))
        #expect(before.contains("old name"))
        #expect(before.contains("1/4"))
        #expect(F.text(state, 80, 24, theme: F.ascii).contains("4 sessions | checking..."))
        state.press([.down], context: F.context())

        state.reload(F.scan())
        #expect(!state.isChecking)
        #expect(state.rows.map(\.id) == [F.newer.id, F.middle.id, F.partner.id, F.older.id])
        #expect(state.selected?.id == F.middle.id)
        let after = F.text(state, 80, 24)
        #expect(!after.contains("checking"))
        #expect(!after.contains("old name"))
        #expect(after.contains("4 sessions"))
    }

    @Test func aStoreBeingReadWithoutAnIndexSaysSoAndNothingElseUntilTheScanComes() {
        var state = SessionListState.reading
        #expect(state.isChecking && state.isReading)
        for (width, height) in [(80, 24), (40, 8)] {
            let text = F.text(state, width, height)
            #expect(text.contains("reading…"), "\(text)")
            #expect(text.contains("Reading every session…"), "\(text)")
            #expect(text.contains("The list comes when they are read."), "\(text)")
            // Not "0 sessions", not "no sessions yet": nothing is known of them yet.
            #expect(!text.contains("0 sessions") && !text.contains("No sessions"), "\(text)")
        }
        #expect(F.text(state, 80, 24, theme: F.ascii).contains("reading..."))
        state.reload(F.scan())
        #expect(!state.isChecking && !state.isReading)
        let after = F.text(state, 80, 24)
        #expect(after.contains("4 sessions") && !after.contains("reading"))
    }

    @Test func arrowsAndVimKeysMoveTheCursorWithinTheList() {
        var state = list()
        state.press([.down, .character("j")], context: F.context())
        #expect(state.selected?.id == F.partner.id)
        state.press([.down, .down, .down], context: F.context())
        #expect(state.selected?.id == F.older.id)
        state.press([.up], context: F.context())
        #expect(state.selected?.id == F.partner.id)
        state.press([.home], context: F.context())
        #expect(state.cursor == 0)
        state.press([.end], context: F.context())
        #expect(state.cursor == 3)
    }

    @Test func theListScrollsToKeepTheCursorInView() {
        let many = (0..<30).map { index in
            F.session("20261001-1000\(index < 10 ? "0" : "")\(index)-x", at: "2026-10-01T10:00:\(index < 10 ? "0" : "")\(index)Z", marks: [])
        }
        var state = list(F.scan(many))
        // 12 lines: title, headings, 8 rows, detail line, status line.
        let small = F.context(80, 12)
        state.press(Array(repeating: .down, count: 12), context: small)
        #expect(state.cursor == 12)
        #expect(state.scrollTop == 5)
        state.press([.pageUp], context: small)
        #expect(state.cursor == 5)
        #expect(state.scrollTop == 5)
        state.press([.up], context: small)
        #expect(state.scrollTop == 4)
    }

    @Test func slashFiltersAsYouTypeOnSubjectTagsTechniqueDateAndID() {
        var state = list()
        state.press([.character("/")], context: F.context())
        #expect(state.isTyping)
        state.type("sam", context: F.context())
        #expect(state.rows.map(\.id) == [F.partner.id])
        state.press([.enter], context: F.context())
        #expect(!state.isTyping)
        #expect(state.filter == "sam")

        state.setFilter("after work")
        #expect(state.rows.map(\.id) == [F.older.id])
        state.setFilter("FOAM")
        #expect(state.rows.map(\.id) == [F.newer.id])
        state.setFilter("2026-11-17")
        #expect(state.rows.map(\.id) == [F.middle.id])
        state.setFilter("dddd")
        #expect(state.rows.map(\.id) == [F.middle.id])
        state.setFilter("me 2026-11-1")
        #expect(state.rows.map(\.id) == [F.middle.id, F.older.id])
    }

    @Test func escapeClearsTheFilter() {
        var state = list()
        state.press([.character("/")], context: F.context())
        state.type("zzz", context: F.context())
        #expect(state.rows.isEmpty)
        state.press([.escape], context: F.context())
        #expect(!state.isTyping)
        #expect(state.filter.isEmpty)
        #expect(state.rows.count == 4)

        state.setFilter("sam")
        state.press([.escape], context: F.context())
        #expect(state.rows.count == 4)
    }

    @Test func enterReplaysAndEEditsTheSelectedSession() {
        var state = list()
        state.press([.down], context: F.context())
        #expect(state.press([.enter], context: F.context()) == [.open(.replay(F.middle.id))])
        #expect(state.press([.character("e")], context: F.context()) == [.open(.editor(F.middle.id))])
    }

    @Test func nStartsASessionLikeTheSelectedOne() {
        var state = list()
        state.press([.down, .down], context: F.context())
        // Two subjects in the store: n asks whose back, starting from the selected session's.
        #expect(state.press([.character("n")], context: F.context()) == [.none])
        #expect(state.subjectPrompt?.text == "sam")
        #expect(state.press([.enter], context: F.context()) == [.open(.newSession(subject: "sam", technique: .tennisBall))])
        let empty = list(F.scan([]))
        var fresh = empty
        #expect(fresh.press([.character("n")], context: F.context()) == [.open(.newSession(subject: "me", technique: .skinRolling))])
    }

    @Test func mMarksAndCComparesTheOlderAsAWithTheNewerAsB() {
        var state = list()
        #expect(state.press([.character("c")], context: F.context()) == [.none])
        #expect(state.message?.contains("m marks") == true)
        state.press([.character("m")], context: F.context())
        #expect(state.marked == F.newer.id)
        #expect(state.press([.character("c")], context: F.context()) == [.none])
        state.press([.end], context: F.context())
        #expect(state.press([.character("c")], context: F.context()) == [.open(.compare(F.older.id, F.newer.id))])
        // Marking the older one and comparing from the newer gives the same order.
        state.press([.character("m"), .home], context: F.context())
        #expect(state.press([.character("c")], context: F.context()) == [.open(.compare(F.older.id, F.newer.id))])
        state.press([.end, .character("m")], context: F.context())
        #expect(state.marked == nil)
    }

    @Test func dAsksBeforeMovingToTheTrash() {
        var state = list()
        state.press([.down], context: F.context())
        #expect(state.press([.character("d")], context: F.context()) == [.none])
        #expect(state.confirmingTrash == F.middle.id)
        #expect(state.isTyping)
        #expect(F.text(state, 80, 24).contains("move 2026-11-17 19:00 (me) to the trash? y/n"))
        #expect(state.press([.character("y")], context: F.context()) == [.trash(F.middle.id)])
        #expect(state.confirmingTrash == nil)
    }

    @Test func anyOtherKeyKeepsTheSession() {
        var state = list()
        state.press([.character("d")], context: F.context())
        #expect(state.press([.character("q")], context: F.context()) == [.none])
        #expect(state.confirmingTrash == nil)
        #expect(state.message == "kept")
        #expect(state.rows.count == 4)
    }

    @Test func aRefreshAfterTheTrashKeepsThePlaceInTheList() {
        var state = list()
        state.press([.down, .character("m")], context: F.context())
        _ = state.update(.storeChanged(F.scan([F.older, F.partner, F.newer])), context: F.context())
        #expect(state.rows.count == 3)
        #expect(state.cursor == 1)
        #expect(state.selected?.id == F.partner.id)
        #expect(state.marked == nil)
    }

    @Test func tOpensTrendsAndQQuits() {
        var state = list()
        // The trends of the selected session's subject, never two people pooled.
        #expect(state.press([.character("t")], context: F.context()) == [.open(.trends(TrendFilter(subject: "me")))])
        #expect(state.press([.character("q")], context: F.context()) == [.back])
    }

    @Test func tOpensTheTrendsOfTheSelectedSessionsSubject() {
        var state = list()
        state.press([.down, .down], context: F.context())
        #expect(state.selected?.subject == "sam")
        #expect(state.press([.character("t")], context: F.context()) == [.open(.trends(TrendFilter(subject: "sam")))])
    }

    @Test func theListShowsTheMeanBesideTheScoreAndADashWhenNothingWasRolled() {
        let empty = F.session("20261126-080000-ffff", at: "2026-11-26T08:00:00+01:00", marks: [])
        let state = SessionListState(scan: F.scan(F.all + [empty]))
        let lines = F.text(state, 80, 24).components(separatedBy: "\n")
        #expect(lines[1].contains("SCORE  MEAN"))
        // Newest first: the empty session has neither score nor mean, never 0.
        #expect(lines[2].contains("0/36      –     –"))
        #expect(lines[3].contains("6/36      8  1.33"))
    }

    @Test func nOffersTheKnownSubjectsWhenTheStoreHoldsSeveral() {
        var state = list()
        // The selected session is me's: the prompt starts there; Tab steps to sam and back.
        #expect(state.press([.character("n")], context: F.context()) == [.none])
        #expect(state.subjectPrompt?.text == "me")
        #expect(state.isTyping)
        let text = F.text(state, 80, 24)
        #expect(text.contains("Tab: me, sam"))
        expectGolden(text, named: "list-new-subject-80x24")
        state.press([.tab], context: F.context())
        #expect(state.subjectPrompt?.text == "sam")
        state.press([.tab], context: F.context())
        #expect(state.subjectPrompt?.text == "me")
        state.press([.backTab], context: F.context())
        // A known person typed in another case keeps the store's spelling and their technique.
        state.press([.control("u"), .character("S"), .character("A"), .character("M")], context: F.context())
        #expect(state.press([.enter], context: F.context()) == [.open(.newSession(subject: "sam", technique: .tennisBall))])
        #expect(state.subjectPrompt == nil)
        // A new name is taken as typed.
        state.press([.character("n"), .control("u")] + "Carla".map { Key.character($0) }, context: F.context())
        #expect(state.press([.enter], context: F.context()) == [.open(.newSession(subject: "Carla", technique: .foamRoller))])
    }

    @Test func nOpensTheEditorAtOnceWhenTheStoreHasOneSubject() {
        var state = list(F.scan([F.older, F.newer]))
        #expect(state.press([.character("n")], context: F.context()) == [.open(.newSession(subject: "me", technique: .foamRoller))])
    }

    @Test func aClickSelectsTheRowUnderIt() {
        var state = list()
        state.press([.click(x: 10, y: 4)], context: F.context())
        #expect(state.selected?.id == F.partner.id)
        state.press([.click(x: 10, y: 30)], context: F.context())
        #expect(state.selected?.id == F.partner.id)
    }

    @Test func unreadableFilesAreNamedAboveTheStatusLine() {
        let state = list(F.scan(problems: [F.brokenFile]))
        let text = F.text(state, 120, 40)
        #expect(text.contains("1 file could not be read: 20261101-100000-eeee.json (bad JSON at line 3, column 5"))
        #expect(state.rows.count == 4)
    }

    @Test func listAt120x40() {
        var state = list(F.scan(problems: [F.brokenFile]))
        state.press([.down, .character("m"), .down], context: F.context())
        expectGolden(F.text(state, 120, 40), named: "list-120x40")
    }

    @Test func listAtTheSmallestSize() {
        var state = list()
        let size = state.minimumSize
        state.press([.down], context: F.context(size.width, size.height))
        expectGolden(F.text(state, size.width, size.height), named: "list-\(size.width)x\(size.height)")
    }

    @Test func listInASCII() {
        let state = list()
        expectGolden(F.text(state, 80, 24, theme: F.ascii), named: "list-80x24-ascii")
    }

    @Test func listAtADefaultTerminal() {
        var state = list(F.scan(F.all, problems: [F.brokenFile]))
        state.press([.down, .character("m")], context: F.context())
        expectGolden(F.text(state, 80, 24), named: "list-80x24")
    }

    @Test func anEmptyStoreSaysHowToStart() {
        let state = list(F.scan([]))
        #expect(F.text(state, 80, 24).contains("No sessions yet."))
    }
}
