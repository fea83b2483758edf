import Testing
@testable import BackMapCore
@testable import BackMapTUI

@Suite("Editor keys")
struct EditorUpdateTests {
    // MARK: Moving

    @Test func editorStartsAtLeftS1WherePeopleStartRolling() throws {
        let state = try editor()
        #expect(state.cursor == Zone(.left, .s1))
        #expect(state.pass == 1)
        #expect(!state.isGuided)
    }

    @Test func arrowsAndHjklMoveAndReturnNoEffect() throws {
        var state = try editor()
        #expect(state.press(.up) == [.none])
        #expect(state.cursor == Zone(.left, .l5))
        state.press(.character("k"))
        #expect(state.cursor == Zone(.left, .l4))
        state.press(.character("j"))
        #expect(state.cursor == Zone(.left, .l5))
        state.press(.down)
        #expect(state.cursor == Zone(.left, .s1))
        #expect(state.press(.right) == [.none])
        #expect(state.cursor == Zone(.right, .s1))
        state.press(.character("h"))
        #expect(state.cursor == Zone(.left, .s1))
        state.press(.character("l"))
        #expect(state.cursor == Zone(.right, .s1))
        state.press(.right)
        #expect(state.cursor == Zone(.right, .s1))
        #expect(state.session.marks.isEmpty)
    }

    @Test func movesStopAtT1AndS1() throws {
        var state = try editor()
        #expect(state.press(.down, .character("j")) == [.none, .none])
        #expect(state.cursor.segment == .s1)
        for _ in 0..<30 { state.press(.up) }
        #expect(state.cursor.segment == .t1)
        state.press(.character("k"))
        #expect(state.cursor.segment == .t1)
    }

    @Test func homeAndEndJumpToT1AndS1() throws {
        var state = try editor()
        state.press(.home)
        #expect(state.cursor == Zone(.left, .t1))
        state.press(.end)
        #expect(state.cursor == Zone(.left, .s1))
        state.press(.pageUp)
        #expect(state.cursor == Zone(.left, .t1))
        state.press(.pageDown)
        #expect(state.cursor == Zone(.left, .s1))
    }

    // MARK: Rating

    @Test(arguments: Tightness.allCases)
    func digitRatesTheZoneAndLogsAMarkWithThePass(value: Tightness) throws {
        let key = Character(String(value.rawValue))
        var state = try editor()
        state.press(.up, .up)
        let effects = state.press(.character(key))
        #expect(effects == [.save(state.session)])
        #expect(state.session.marks == [Mark(at: fixedNow, pass: 1, zone: Zone(.left, .l4), tightness: value)])
        #expect(state.map[.left, .l4] == value)
        // Outside guided mode the cursor stays put.
        #expect(state.cursor == Zone(.left, .l4))
    }

    @Test func spaceCyclesFromUnknownThroughTheLevelsBackToRelaxed() throws {
        var state = try editor()
        var seen: [Tightness?] = []
        for _ in 0..<5 {
            let effects = state.press(.character(" "))
            #expect(effects == [.save(state.session)])
            seen.append(state.map[.left, .s1])
        }
        #expect(seen == [.relaxed, .mild, .tight, .veryTight, .relaxed])
        #expect(state.session.marks.count == 5)
        #expect(state.cursor == Zone(.left, .s1))
    }

    @Test func capitalXClearsTheZoneWithANullMark() throws {
        var state = try editor()
        state.press(.character("3"))
        let effects = state.press(.character("X"))
        #expect(effects == [.save(state.session)])
        #expect(state.session.marks.last?.tightness == nil)
        #expect(state.session.marks.last?.zone == Zone(.left, .s1))
        #expect(state.map[.left, .s1] == nil)

        state.press(.character("2"), .character("X"))
        #expect(state.session.marks.count == 4)
        #expect(state.session.marks.last?.tightness == nil)
        #expect(state.map.ratedCount == 0)
    }

    @Test func everyChangeCarriesTheNewSessionToSave() throws {
        var state = try editor()
        for key in ["1", " ", "x", "3"] {
            let before = state.session
            let effect = state.update(.key(.character(Character(key))), context: context80x24)
            #expect(effect == .save(state.session))
            #expect(state.session != before)
        }
    }

    // MARK: Guided mode

    @Test func guidedModeWalksLeftThenRightFromS1UpAndEndsItself() throws {
        var state = try editor()
        state.press(.up, .up, .right)
        #expect(state.press(.character("g")) == [.none])
        #expect(state.isGuided)
        #expect(state.cursor == Zone(.left, .s1))

        // One keystroke per zone, a different level each time.
        for (step, zone) in Zone.rollingOrder.enumerated() {
            #expect(state.cursor == zone, "step \(step)")
            let effects = state.press(.character(Character(String(step % 4))))
            #expect(effects == [.save(state.session)])
        }
        #expect(!state.isGuided)
        #expect(state.message?.contains("guided roll done") == true)
        #expect(state.cursor == Zone(.right, .t1))
        #expect(state.session.marks.map(\.zone) == Zone.rollingOrder)
        #expect(state.session.marks.allSatisfy { $0.pass == 1 })
        for (step, zone) in Zone.rollingOrder.enumerated() {
            #expect(state.map[zone]?.rawValue == step % 4)
        }
        #expect(state.map.ratedCount == 36)

        // Once it has ended, a rating no longer moves the cursor.
        state.press(.character("1"))
        #expect(state.cursor == Zone(.right, .t1))
    }

    @Test func guidedModeCrossesToTheRightStripAfterLeftT1() throws {
        var state = try editor()
        state.press(.character("g"))
        for _ in 0..<17 { state.press(.character("0")) }
        #expect(state.cursor == Zone(.left, .t1))
        state.press(.character("2"))
        #expect(state.cursor == Zone(.right, .s1))
        #expect(state.message?.contains("now the right") == true)
    }

    @Test func guidedClearAndSpaceMoveOnLikeDigitsButMovesDoNot() throws {
        var state = try editor()
        state.press(.character("g"))
        state.press(.character("X"))
        #expect(state.cursor == Zone(.left, .l5))
        #expect(state.session.marks.last?.tightness == nil)
        // Space rates the zone as a digit does, and the roll moves on up.
        state.press(.character(" "))
        #expect(state.session.marks.last?.zone == Zone(.left, .l5))
        #expect(state.session.marks.last?.tightness == .relaxed)
        #expect(state.cursor == Zone(.left, .l4))
        state.press(.character("x"))
        #expect(state.cursor == Zone(.left, .l3))
        state.press(.up)
        #expect(state.cursor == Zone(.left, .l2))
        #expect(state.isGuided)
    }

    @Test func gAgainStopsGuidedMode() throws {
        var state = try editor()
        state.press(.character("g"), .character("1"), .character("g"))
        #expect(!state.isGuided)
        state.press(.character("2"))
        #expect(state.cursor == Zone(.left, .l5))
    }

    // MARK: Passes

    @Test func pStartsTheNextPassOnlyWhenThisPassHasMarks() throws {
        var state = try editor()
        #expect(state.press(.character("p")) == [.none])
        #expect(state.pass == 1)
        #expect(state.message == "pass 1 has no marks yet")

        state.press(.character("2"))
        #expect(state.press(.character("p")) == [.none])
        #expect(state.pass == 2)
        state.press(.character("p"))
        #expect(state.pass == 2)

        state.press(.character("1"))
        #expect(state.session.marks.map(\.pass) == [1, 2])
        #expect(state.session.map(pass: 1)[.left, .s1] == .tight)
        #expect(state.map[.left, .s1] == .mild)
    }

    @Test func pInGuidedModeStartsTheRollAgainFromLeftS1() throws {
        var state = try editor()
        state.press(.character("g"), .character("1"), .character("2"), .character("p"))
        #expect(state.pass == 2)
        #expect(state.cursor == Zone(.left, .s1))
        #expect(state.isGuided)
    }

    @Test func editingASessionContinuesItsLastPass() throws {
        var session = try emptySession()
        session.marks = [
            Mark(at: fixedNow, pass: 1, zone: Zone(.left, .t1), tightness: .mild),
            Mark(at: fixedNow, pass: 2, zone: Zone(.left, .t1), tightness: .relaxed),
        ]
        #expect(EditorState(session: session).pass == 2)
    }

    // MARK: Notes, pain, tags

    @Test func nNotesTheZoneThroughThePrompt() throws {
        var state = try editor()
        state.press(.character("2"), .up)
        #expect(state.press(.character("n")) == [.none])
        #expect(state.isTyping)
        // While typing, q and digits are text, not commands.
        #expect(state.type("q2 knot") == Array(repeating: .none, count: 7))
        #expect(state.session.marks.count == 1)
        let effects = state.press(.enter)
        #expect(!state.isTyping)
        #expect(effects == [.save(state.session)])
        #expect(state.session.note(for: Zone(.left, .l5)) == "q2 knot")
        // The note changes no map: it repeats the zone's value (unknown here).
        #expect(state.session.marks.last?.tightness == nil)
        #expect(state.map[.left, .l5] == nil)
        #expect(state.map[.left, .s1] == .tight)
    }

    @Test func aNoteOnARatedZoneKeepsItsRating() throws {
        var state = try editor()
        state.press(.character("3"), .character("n"))
        state.type("pulls away")
        state.press(.enter)
        #expect(state.session.marks.last == Mark(at: fixedNow, pass: 1, zone: Zone(.left, .s1), tightness: .veryTight, note: "pulls away"))
        #expect(state.map[.left, .s1] == .veryTight)
    }

    @Test func escapeCancelsThePromptAndChangesNothing() throws {
        var state = try editor()
        state.press(.character("n"))
        state.type("never mind")
        #expect(state.press(.escape) == [.none])
        #expect(!state.isTyping)
        #expect(state.session.marks.isEmpty)
        // What was typed is kept as a draft, and the message says where.
        #expect(state.message == "kept as a draft, not saved: n opens it again")
        // Esc in the prompt does not leave the editor; outside it, it does.
        #expect(state.press(.escape) == [.back])
    }

    @Test func promptEditsWithBackspaceAndCursorKeys() throws {
        var state = try editor()
        state.press(.character("N"))
        state.type("tight lower bak")
        state.press(.backspace)
        state.type("ck")
        state.press(.home, .delete)
        state.type("T")
        state.press(.enter)
        #expect(state.session.note == "Tight lower back")
    }

    @Test func capitalNNotesTheSessionAndPrefillsTheOldNote() throws {
        var state = try editor()
        state.press(.character("N"))
        state.type("after gardening")
        #expect(state.press(.enter) == [.save(state.session)])
        #expect(state.session.note == "after gardening")

        state.press(.character("N"))
        #expect(state.prompt?.field.text == "after gardening")
        // Enter on an unchanged note saves nothing.
        #expect(state.press(.enter) == [.none])

        state.press(.character("N"), .control("u"), .enter)
        #expect(state.session.note == nil)
    }

    @Test func bAndASetPainFrom0To10() throws {
        var state = try editor()
        state.press(.character("b"))
        state.type("7")
        #expect(state.press(.enter) == [.save(state.session)])
        #expect(state.session.painBefore == 7)

        state.press(.character("a"))
        state.type("10")
        state.press(.enter)
        #expect(state.session.painAfter == 10)
        #expect(state.session.painBefore == 7)
    }

    @Test(arguments: ["11", "x", "-1"])
    func painOutside0To10IsRefusedAndThePromptStaysOpen(text: String) throws {
        var state = try editor()
        state.press(.character("b"))
        state.type(text)
        #expect(state.press(.enter) == [.none])
        #expect(state.session.painBefore == nil)
        #expect(state.isTyping)
        #expect(state.prompt?.field.text == text)
        #expect(state.prompt?.field.notice == "pain is a whole number from 0 to 10")
    }

    @Test func painPromptTakesAtMostTwoCharactersAndEmptyClears() throws {
        var state = try editor()
        state.press(.character("b"))
        state.type("123")
        #expect(state.prompt?.field.text == "12")
        #expect(state.press(.enter) == [.none])
        #expect(state.session.painBefore == nil)

        state.press(.backspace, .backspace)
        state.type("4")
        state.press(.enter)
        #expect(state.session.painBefore == 4)
        state.press(.character("b"), .backspace)
        #expect(state.press(.enter) == [.save(state.session)])
        #expect(state.session.painBefore == nil)
    }

    @Test func tTakesCommaSeparatedTagsWithoutDuplicates() throws {
        var state = try editor()
        state.press(.character("t"))
        state.type(" evening, garden ,, evening ")
        #expect(state.press(.enter) == [.save(state.session)])
        #expect(state.session.tags == ["evening", "garden"])

        state.press(.character("t"))
        #expect(state.prompt?.field.text == "evening, garden")
        state.press(.control("u"), .enter)
        #expect(state.session.tags == [])
    }

    @Test func sSetsTheSubjectAndCapitalTTheTechniqueBothUndoable() throws {
        var state = try editor()
        state.press(.character("s"))
        #expect(state.prompt?.field.text == "me")
        state.press(.control("u"))
        state.type("Anna")
        #expect(state.press(.enter) == [.save(state.session)])
        #expect(state.session.subject == "Anna")
        // An empty subject is refused: a session is always someone's.
        state.press(.character("s"), .control("u"), .enter)
        #expect(state.session.subject == "Anna")

        state.press(.character("T"))
        #expect(state.prompt?.field.text == "skin-rolling")
        state.press(.control("u"))
        state.type("FOAM")
        #expect(state.press(.enter) == [.save(state.session)])
        #expect(state.session.technique == .foamRoller)
        state.press(.character("T"), .control("u"))
        state.type("spoon")
        #expect(state.press(.enter) == [.none])
        #expect(state.message == "a technique is one of skin-rolling, self, foam-roller, tennis-ball, other")

        state.press(.character("u"))
        #expect(state.session.technique == .skinRolling)
        state.press(.character("u"))
        #expect(state.session.subject == "me")
    }

    // MARK: Undo and redo

    @Test func undoAndRedoWalkTheHistory() throws {
        var state = try editor()
        state.press(.character("1"), .character("2"), .character("b"))
        state.type("5")
        state.press(.enter)
        let full = state.session

        #expect(state.press(.character("u")) == [.save(state.session)])
        #expect(state.session.painBefore == nil)
        #expect(state.session.marks.count == 2)
        state.press(.character("u"))
        #expect(state.map[.left, .s1] == .mild)
        state.press(.character("u"))
        #expect(state.session.marks.isEmpty)
        #expect(state.press(.character("u")) == [.none])
        #expect(state.message == "nothing to undo")

        #expect(state.press(.control("r")) == [.save(state.session)])
        #expect(state.map[.left, .s1] == .mild)
        state.press(.control("r"), .control("r"))
        #expect(state.session == full)
        #expect(state.press(.control("r")) == [.none])
        #expect(state.message == "nothing to redo")
    }

    @Test func aNewChangeClearsRedo() throws {
        var state = try editor()
        state.press(.character("1"), .character("2"), .character("u"))
        state.press(.character("3"))
        #expect(state.press(.control("r")) == [.none])
        #expect(state.map[.left, .s1] == .veryTight)
        #expect(state.session.marks.map(\.tightness) == [.mild, .veryTight])
    }

    @Test func undoingTheOnlyMarkOfAPassKeepsThePassNumberSensible() throws {
        var state = try editor()
        state.press(.character("1"), .character("p"), .character("2"))
        #expect(state.pass == 2)
        state.press(.character("u"))
        // Pass 2 has no marks any more, but the user asked for it: it stays.
        #expect(state.pass == 2)
        // With no marks at all, there is no pass before this one: back to pass 1.
        state.press(.character("u"))
        #expect(state.session.marks.isEmpty)
        #expect(state.pass == 1)
    }

    // MARK: Ranges

    @Test func vThenMovesThenADigitRatesEveryZoneOfTheRangeAsOneStep() throws {
        var state = try editor()
        #expect(state.press(.character("v"), .up, .up, .up) == [.none, .none, .none, .none])
        #expect(state.rangeZones == [Zone(.left, .s1), Zone(.left, .l5), Zone(.left, .l4), Zone(.left, .l3)])
        #expect(state.message == "L3-S1, left: 0-3 rates")
        let effects = state.press(.character("2"))
        #expect(effects == [.save(state.session)])
        #expect(state.rangeAnchor == nil)
        #expect(state.message == "4 zones rated 2 tight")
        // One mark per zone, in rolling order, in the current pass.
        #expect(state.session.marks.map(\.zone) == [Zone(.left, .s1), Zone(.left, .l5), Zone(.left, .l4), Zone(.left, .l3)])
        #expect(state.session.marks.allSatisfy { $0.tightness == .tight && $0.pass == 1 })
        // One undo takes the whole range back; one redo brings it again.
        #expect(state.press(.character("u")) == [.save(state.session)])
        #expect(state.session.marks.isEmpty)
        state.press(.control("r"))
        #expect(state.session.marks.count == 4)
        #expect(state.cursor == Zone(.left, .l3))
    }

    @Test func aRangeAcrossTheSpineTakesBothSides() throws {
        var state = try editor()
        state.press(.up, .up, .character("v"), .down, .right, .down)
        #expect(state.rangeZones == [Zone(.left, .s1), Zone(.left, .l5), Zone(.left, .l4),
                                     Zone(.right, .s1), Zone(.right, .l5), Zone(.right, .l4)])
        #expect(state.message == "L4-S1, both sides: 0-3 rates")
        state.press(.character("1"))
        #expect(state.map.ratedCount == 6)
        // Upwards from the anchor works the same.
        state.press(.end, .left, .character("v"), .character("k"), .character("3"))
        #expect(state.map[.left, .s1] == .veryTight && state.map[.left, .l5] == .veryTight && state.map[.left, .l4] == .mild)
    }

    @Test func capitalXClearsTheRangeAndEscQAndVDropIt() throws {
        var state = try editor()
        state.press(.character("v"), .up, .character("3"))
        state.press(.character("v"), .down, .character("X"))
        #expect(state.map[.left, .s1] == nil && state.map[.left, .l5] == nil)
        #expect(state.session.marks.count == 4)
        for drop in [Key.escape, .character("q"), .character("v")] {
            state.press(.character("v"), .up)
            #expect(state.press(drop) == [.none], "\(drop) drops the range and stays in the editor")
            #expect(state.rangeAnchor == nil)
            #expect(state.message == "range dropped")
        }
        // Space has no meaning for a range; it says what does.
        state.press(.character("v"))
        #expect(state.press(.character(" ")) == [.none])
        #expect(state.rangeAnchor != nil)
        #expect(state.session.marks.count == 4)
    }

    @Test func xOverARangeTakesBackThisPasssRatingsThereAsOneStep() throws {
        var state = try editor()
        // Pass 1 rates S1 and L5; pass 2 rates S1, L5 and L4 over them.
        state.press(.character("v"), .up, .character("1"), .character("p"))
        state.press(.end, .character("v"), .up, .up, .character("3"))
        #expect(state.map[.left, .s1] == .veryTight && state.map[.left, .l4] == .veryTight)
        state.press(.character("v"), .down, .down, .character("x"))
        // Pass 1's values show again where pass 1 rated; L4 is back to not rolled.
        #expect(state.map[.left, .s1] == .mild && state.map[.left, .l5] == .mild && state.map[.left, .l4] == nil)
        #expect(state.message == "took back pass 2's ratings of 3 zones; u brings them back")
        #expect(state.rangeAnchor == nil)
        // One undo brings all three back.
        state.press(.character("u"))
        #expect(state.map[.left, .s1] == .veryTight && state.map[.left, .l5] == .veryTight && state.map[.left, .l4] == .veryTight)
        #expect(state.cursor == Zone(.left, .s1))
        // A range this pass never rated (L3-L2) says so and changes nothing.
        let marks = state.session.marks
        state.press(.up, .up, .up, .character("v"), .up, .character("x"))
        #expect(state.session.marks == marks)
        #expect(state.message == "2 zones have no rating in pass 2; X clears them")
    }

    @Test func anotherActionDropsTheRangeAndActs() throws {
        var state = try editor()
        state.press(.character("v"), .up, .character("n"))
        #expect(state.rangeAnchor == nil)
        #expect(state.prompt?.purpose == .zoneNote(Zone(.left, .l5)))
        state.press(.escape)
        state.press(.character("g"), .character("v"))
        #expect(!state.isGuided, "a range ends guided mode")
    }

    @Test func aRangeBeyondTheMarkLimitIsRefusedWhole() throws {
        var session = try emptySession()
        let at = session.startedAt
        session.marks = (0..<(SessionLimits.marks - 2)).map { Mark(at: at, pass: 1, zone: Zone.all[$0 % 36], tightness: .mild) }
        var state = EditorState(session: session)
        #expect(state.press(.character("v"), .up, .up, .character("2")) == [.none, .none, .none, .none])
        #expect(state.session.marks.count == SessionLimits.marks - 2)
        #expect(state.message == "this session has room for 2 more marks, not 3")
    }

    @Test func dragFromAPressMakesARangeInsteadOfARating() throws {
        var state = try editor()
        let layout = BackLayout(width: 80, height: 24, panel: EditorState.panel)
        let drawing = BackDrawing.standard(ascii: false)
        func at(_ zone: Zone) -> (x: Int, y: Int) {
            let cell = drawing.cell(for: zone)
            return (layout.backX + cell.column + 1, layout.backY + cell.line)
        }
        let s1 = at(Zone(.left, .s1)), l4 = at(Zone(.left, .l4)), rightL4 = at(Zone(.right, .l4))
        // The press cycles left S1, as a click does, and saves.
        #expect(state.press(.click(x: s1.x, y: s1.y)) == [.save(state.session)])
        #expect(state.map[.left, .s1] == .relaxed)
        // Dragging on takes that rating back and makes the range.
        let effects = state.press(.drag(x: s1.x, y: s1.y), .drag(x: l4.x, y: l4.y), .drag(x: rightL4.x, y: rightL4.y))
        #expect(effects.count == 3)
        #expect(effects[0] == .none, "motion within the pressed zone is still a click")
        #expect(state.session.marks.isEmpty)
        #expect(state.rangeAnchor == Zone(.left, .s1))
        #expect(state.cursor == Zone(.right, .l4))
        #expect(state.rangeZones.count == 6)
        state.press(.character("2"))
        #expect(state.session.marks.count == 6)
        // Undo takes the range back and nothing else: the press left no step behind.
        state.press(.character("u"))
        #expect(state.session.marks.isEmpty)
        #expect(state.press(.character("u")) == [.none])
        #expect(state.message == "nothing to undo")
    }

    @Test func aDragWithoutAPressOnTheBackDoesNothing() throws {
        var state = try editor()
        let cell = BackDrawing.standard(ascii: false).cell(for: Zone(.left, .l4))
        let layout = BackLayout(width: 80, height: 24, panel: EditorState.panel)
        #expect(state.press(.drag(x: layout.backX + cell.column, y: layout.backY + cell.line)) == [.none])
        #expect(state.rangeAnchor == nil)
        state.press(.character("3"), .drag(x: layout.backX + cell.column, y: layout.backY + cell.line))
        #expect(state.rangeAnchor == nil, "a key between the press and the motion ends the gesture")
    }

    // MARK: Mouse

    @Test(arguments: [Zone(.left, .s1), Zone(.left, .t1), Zone(.right, .t7), Zone(.right, .s1), Zone(.left, .l4)])
    func aClickOnAZoneSelectsItAndCyclesIt(zone: Zone) throws {
        var state = try editor()
        let layout = BackLayout(width: 80, height: 24, panel: EditorState.panel)
        let cell = BackDrawing.standard(ascii: false).cell(for: zone)
        let first = Key.click(x: layout.backX + cell.column, y: layout.backY + cell.line)
        let last = Key.click(x: layout.backX + cell.column + cell.width - 1, y: layout.backY + cell.line)

        #expect(state.press(first) == [.save(state.session)])
        #expect(state.cursor == zone)
        #expect(state.map[zone] == .relaxed)
        state.press(last, last)
        #expect(state.map[zone] == .tight)
        #expect(state.session.marks.count == 3)
    }

    @Test func aClickOutsideTheZonesDoesNothing() throws {
        var state = try editor()
        let layout = BackLayout(width: 80, height: 24, panel: EditorState.panel)
        let cell = BackDrawing.standard(ascii: false).cell(for: Zone(.left, .t7))
        #expect(state.press(.click(x: 0, y: 0)) == [.none])
        #expect(state.press(.click(x: layout.backX + cell.column - 1, y: layout.backY + cell.line)) == [.none])
        #expect(state.press(.click(x: 79, y: 23)) == [.none])
        #expect(state.cursor == Zone(.left, .s1))
        #expect(state.session.marks.isEmpty)
    }

    @Test func clicksFollowTheLayoutAtEverySize() throws {
        for (width, height) in [(60, 22), (80, 24), (120, 40), (200, 60)] {
            var state = try editor()
            let context = Context(now: fixedNow, width: width, height: height)
            let layout = BackLayout(width: width, height: height, panel: EditorState.panel)
            let cell = BackDrawing.standard(ascii: false).cell(for: Zone(.right, .l2))
            state.press(.click(x: layout.backX + cell.column + 3, y: layout.backY + cell.line), context: context)
            #expect(state.cursor == Zone(.right, .l2), "\(width)x\(height)")
        }
    }

    // MARK: Read-only and other keys

    @Test func aSessionFromANewerVersionRefusesChanges() throws {
        var state = EditorState(session: try emptySession(version: 2))
        #expect(state.isReadOnly)
        #expect(state.saveNote == .readOnly("written by a newer backmap"))
        for key: Key in [.character("2"), .character(" "), .character("x"), .character("n"), .character("N"),
                         .character("b"), .character("a"), .character("t")] {
            #expect(state.press(key) == [.none], "\(key)")
            #expect(!state.isTyping)
        }
        #expect(state.session.marks.isEmpty)
        #expect(state.message?.hasPrefix("read-only") == true)
        // Looking around still works.
        state.press(.up)
        #expect(state.cursor == Zone(.left, .l5))
        // The runtime's "saved" never hides that it is read-only.
        #expect(state.update(.saved(state.session.id, .saved), context: context80x24) == .none)
        #expect(state.saveNote == .readOnly("written by a newer backmap"))
        #expect(Frame(size: Size(width: 80, height: 24), theme: Theme(ascii: true, color: false), save: .saved)
            .render(state).text().contains("read-only: written by a newer backmap"))
    }

    @Test func qGoesBack() throws {
        var state = try editor()
        #expect(state.press(.character("q")) == [.back])
    }

    @Test func anUnboundKeySaysHowToFindTheKeys() throws {
        var state = try editor()
        #expect(state.press(.character("z")) == [.none])
        #expect(state.message == "z does nothing here; ? lists the keys")
        // The message goes away with the next key.
        state.press(.up)
        #expect(state.message == nil)
    }

    @Test func ticksDoNothing() throws {
        var state = try editor()
        let before = state
        #expect(state.update(.tick, context: context80x24) == .none)
        #expect(state == before)
    }

    @Test func theSaveStateComesFromTheRuntime() throws {
        var state = try editor()
        let before = state
        #expect(state.update(.saved(state.session.id, .failed("disk full")), context: context80x24) == .none)
        #expect(state == before)
        let frame = Frame(size: Size(width: 80, height: 24), theme: Theme(ascii: true, color: false), save: .failed("disk full"))
        #expect(frame.render(state).text().contains("NOT SAVED: disk full"))
    }

    @Test func helpListsEveryBoundKey() throws {
        let help = try editor().keyHelp
        let text = help.map(\.keys).joined(separator: " ")
        for word in ["Up", "0", "1", "2", "3", "Space", "x", "g", "v", "p", "n", "N", "b", "a", "t", "u", "Ctrl-R", "q", "click", "drag"] {
            #expect(text.split(separator: " ").contains(Substring(word)), "\(word)")
        }
        #expect(help.count == EditorKeys.bindings.count + 2)
    }
}
