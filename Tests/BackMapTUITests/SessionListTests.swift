@testable import BackMapCore
@testable import BackMapTUI
import Testing

@Suite struct SessionListTests {
    typealias F = HistoryFixtures

    private func list(_ scan: StoreScan = F.scan()) -> SessionListState { SessionListState(scan: scan) }

    private func press(_ keys: [Key], on state: inout SessionListState, context: Context = F.context()) -> [Effect] {
        keys.map { state.update(.key($0), context: context) }
    }

    private func type(_ text: String, on state: inout SessionListState) {
        _ = press(text.map { Key.character($0) }, on: &state)
    }

    @Test func showsTheNewestSessionFirst() {
        let state = list()
        #expect(state.rows.map(\.id) == [F.newer.id, F.middle.id, F.partner.id, F.older.id])
        #expect(state.selected?.id == F.newer.id)
    }

    @Test func arrowsAndVimKeysMoveTheCursorWithinTheList() {
        var state = list()
        _ = press([.down, .character("j")], on: &state)
        #expect(state.selected?.id == F.partner.id)
        _ = press([.down, .down, .down], on: &state)
        #expect(state.selected?.id == F.older.id)
        _ = press([.up], on: &state)
        #expect(state.selected?.id == F.partner.id)
        _ = press([.home], on: &state)
        #expect(state.cursor == 0)
        _ = press([.end], on: &state)
        #expect(state.cursor == 3)
    }

    @Test func theListScrollsToKeepTheCursorInView() {
        let many = (0..<30).map { index in
            F.session("20261001-1000\(index < 10 ? "0" : "")\(index)-x", at: "2026-10-01T10:00:\(index < 10 ? "0" : "")\(index)Z", marks: [])
        }
        var state = list(F.scan(many))
        // 12 lines: title, headings, 8 rows, detail line, status line.
        let small = F.context(80, 12)
        _ = press(Array(repeating: .down, count: 12), on: &state, context: small)
        #expect(state.cursor == 12)
        #expect(state.scrollTop == 5)
        _ = press([.pageUp], on: &state, context: small)
        #expect(state.cursor == 5)
        #expect(state.scrollTop == 5)
        _ = press([.up], on: &state, context: small)
        #expect(state.scrollTop == 4)
    }

    @Test func slashFiltersAsYouTypeOnSubjectTagsTechniqueDateAndID() {
        var state = list()
        _ = press([.character("/")], on: &state)
        #expect(state.isTyping)
        type("sam", on: &state)
        #expect(state.rows.map(\.id) == [F.partner.id])
        _ = press([.enter], on: &state)
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
        _ = press([.character("/")], on: &state)
        type("zzz", on: &state)
        #expect(state.rows.isEmpty)
        _ = press([.escape], on: &state)
        #expect(!state.isTyping)
        #expect(state.filter.isEmpty)
        #expect(state.rows.count == 4)

        state.setFilter("sam")
        _ = press([.escape], on: &state)
        #expect(state.rows.count == 4)
    }

    @Test func enterReplaysAndEEditsTheSelectedSession() {
        var state = list()
        _ = press([.down], on: &state)
        #expect(press([.enter], on: &state) == [.open(.replay(F.middle.id))])
        #expect(press([.character("e")], on: &state) == [.open(.editor(F.middle.id))])
    }

    @Test func nStartsASessionLikeTheSelectedOne() {
        var state = list()
        _ = press([.down, .down], on: &state)
        // Two subjects in the store: n asks whose back, starting from the selected session's.
        #expect(press([.character("n")], on: &state) == [.none])
        #expect(state.subjectPrompt?.text == "sam")
        #expect(press([.enter], on: &state) == [.open(.newSession(subject: "sam", technique: .tennisBall))])
        let empty = list(F.scan([]))
        var fresh = empty
        #expect(press([.character("n")], on: &fresh) == [.open(.newSession(subject: "me", technique: .skinRolling))])
    }

    @Test func mMarksAndCComparesTheOlderAsAWithTheNewerAsB() {
        var state = list()
        #expect(press([.character("c")], on: &state) == [.none])
        #expect(state.message?.contains("m marks") == true)
        _ = press([.character("m")], on: &state)
        #expect(state.marked == F.newer.id)
        #expect(press([.character("c")], on: &state) == [.none])
        _ = press([.end], on: &state)
        #expect(press([.character("c")], on: &state) == [.open(.compare(F.older.id, F.newer.id))])
        // Marking the older one and comparing from the newer gives the same order.
        _ = press([.character("m"), .home], on: &state)
        #expect(press([.character("c")], on: &state) == [.open(.compare(F.older.id, F.newer.id))])
        _ = press([.end, .character("m")], on: &state)
        #expect(state.marked == nil)
    }

    @Test func dAsksBeforeMovingToTheTrash() {
        var state = list()
        _ = press([.down], on: &state)
        #expect(press([.character("d")], on: &state) == [.none])
        #expect(state.confirmingTrash == F.middle.id)
        #expect(state.isTyping)
        #expect(F.text(state, 80, 24).contains("move 2026-11-17 19:00 (me) to the trash? y/n"))
        #expect(press([.character("y")], on: &state) == [.trash(F.middle.id)])
        #expect(state.confirmingTrash == nil)
    }

    @Test func anyOtherKeyKeepsTheSession() {
        var state = list()
        _ = press([.character("d")], on: &state)
        #expect(press([.character("q")], on: &state) == [.none])
        #expect(state.confirmingTrash == nil)
        #expect(state.message == "kept")
        #expect(state.rows.count == 4)
    }

    @Test func aRefreshAfterTheTrashKeepsThePlaceInTheList() {
        var state = list()
        _ = press([.down, .character("m")], on: &state)
        _ = state.update(.storeChanged(F.scan([F.older, F.partner, F.newer])), context: F.context())
        #expect(state.rows.count == 3)
        #expect(state.cursor == 1)
        #expect(state.selected?.id == F.partner.id)
        #expect(state.marked == nil)
    }

    @Test func tOpensTrendsAndQQuits() {
        var state = list()
        // The trends of the selected session's subject, never two people pooled.
        #expect(press([.character("t")], on: &state) == [.open(.trends(TrendFilter(subject: "me")))])
        #expect(press([.character("q")], on: &state) == [.back])
    }

    @Test func tOpensTheTrendsOfTheSelectedSessionsSubject() {
        var state = list()
        _ = press([.down, .down], on: &state)
        #expect(state.selected?.subject == "sam")
        #expect(press([.character("t")], on: &state) == [.open(.trends(TrendFilter(subject: "sam")))])
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
        #expect(press([.character("n")], on: &state) == [.none])
        #expect(state.subjectPrompt?.text == "me")
        #expect(state.isTyping)
        let text = F.text(state, 80, 24)
        #expect(text.contains("Tab: me, sam"))
        expectGolden(text, named: "list-new-subject-80x24")
        _ = press([.tab], on: &state)
        #expect(state.subjectPrompt?.text == "sam")
        _ = press([.tab], on: &state)
        #expect(state.subjectPrompt?.text == "me")
        _ = press([.backTab], on: &state)
        // A known person typed in another case keeps the store's spelling and their technique.
        _ = press([.control("u"), .character("S"), .character("A"), .character("M")], on: &state)
        #expect(press([.enter], on: &state) == [.open(.newSession(subject: "sam", technique: .tennisBall))])
        #expect(state.subjectPrompt == nil)
        // A new name is taken as typed.
        _ = press([.character("n"), .control("u")] + "Carla".map { Key.character($0) }, on: &state)
        #expect(press([.enter], on: &state) == [.open(.newSession(subject: "Carla", technique: .foamRoller))])
    }

    @Test func nOpensTheEditorAtOnceWhenTheStoreHasOneSubject() {
        var state = list(F.scan([F.older, F.newer]))
        #expect(press([.character("n")], on: &state) == [.open(.newSession(subject: "me", technique: .foamRoller))])
    }

    @Test func aClickSelectsTheRowUnderIt() {
        var state = list()
        _ = press([.click(x: 10, y: 4)], on: &state)
        #expect(state.selected?.id == F.partner.id)
        _ = press([.click(x: 10, y: 30)], on: &state)
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
        _ = press([.down, .character("m"), .down], on: &state)
        expectGolden(F.text(state, 120, 40), named: "list-120x40")
    }

    @Test func listAtTheSmallestSize() {
        var state = list()
        let size = state.minimumSize
        _ = press([.down], on: &state, context: F.context(size.width, size.height))
        expectGolden(F.text(state, size.width, size.height), named: "list-\(size.width)x\(size.height)")
    }

    @Test func listInASCII() {
        let state = list()
        expectGolden(F.text(state, 80, 24, theme: F.ascii), named: "list-80x24-ascii")
    }

    @Test func listAtADefaultTerminal() {
        var state = list(F.scan(F.all, problems: [F.brokenFile]))
        _ = press([.down, .character("m")], on: &state)
        expectGolden(F.text(state, 80, 24), named: "list-80x24")
    }

    @Test func anEmptyStoreSaysHowToStart() {
        let state = list(F.scan([]))
        #expect(F.text(state, 80, 24).contains("No sessions yet."))
    }
}
