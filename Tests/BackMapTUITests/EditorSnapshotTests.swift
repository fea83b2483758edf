import Testing
@testable import BackMapCore
@testable import BackMapTUI

/// A session half-way through: the left strip rolled, two zones on the right,
/// a cleared zone, a zone note, a session note, pain and tags; cursor on left L4.
private func markedEditor() throws -> EditorState {
    var state = EditorState(session: try emptySession())
    state.press(.character("g"))
    for level in "1223312101100001" { state.press(.character(level)) }
    state.press(.character("g"))
    state.press(.end, .right, .character("2"), .up, .character("3"), .up, .character("1"), .character("X"))
    state.press(.left, .end, .up, .up)
    state.press(.character("n"))
    state.type("pulls away; skin glued to the hip")
    state.press(.enter)
    state.press(.character("N"))
    state.type("Stiff after a week of long drives, better after rolling.")
    state.press(.enter)
    state.press(.character("b"))
    state.type("7")
    state.press(.enter)
    state.press(.character("a"))
    state.type("4")
    state.press(.enter)
    state.press(.character("t"))
    state.type("evening, first")
    state.press(.enter)
    return state
}

/// The editor as the person sees it: with the runtime's save state on the status line.
private func render(_ state: EditorState, width: Int, height: Int, ascii: Bool, help: Bool = false) -> String {
    Frame(size: Size(width: width, height: height), theme: Theme(ascii: ascii, color: false), save: .saved,
          help: help ? HelpOverlay(title: "\(state.name) keys", keys: state.keyHelp) : nil)
        .render(state).text()
}

@Suite("Editor screen")
struct EditorSnapshotTests {
    @Test func theStateUnderTheSnapshotsIsWhatItSays() throws {
        let state = try markedEditor()
        #expect(state.cursor == Zone(.left, .l4))
        #expect(state.map.ratedCount == 18)
        #expect(state.map[.right, .l4] == nil)
        #expect(state.session.note(for: Zone(.left, .l4)) == "pulls away; skin glued to the hip")
        #expect(state.session.tags == ["evening", "first"])
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func editorInUnicodeWithoutColour(width: Int, height: Int) throws {
        expectGolden(render(try markedEditor(), width: width, height: height, ascii: false),
                     named: "editor-unicode-\(width)x\(height)")
    }

    /// A second pass over three zones of the left strip: the panel says how the back loosened.
    @Test func aSecondPassShowsTheReleaseInThePanel() throws {
        var state = try markedEditor()
        state.press(.character("p"), .character("1"), .up, .character("0"), .up, .character("3"))
        let release = try #require(state.session.release)
        // Left L4 2 → 1 and L3 3 → 0 released, L2 3 → 3 the same: before (2+3+3)/3, after (1+0+3)/3.
        #expect(release.released == 2 && release.tightened == 0 && release.zonesCompared == 3)
        let text = render(state, width: 80, height: 24, ascii: false)
        #expect(text.contains("pass 1→2: 2 released"))
        #expect(text.contains("0 tightened"))
        #expect(text.contains("mean 2.67 → 1.33"))
        let wide = render(state, width: 120, height: 40, ascii: false)
        #expect(wide.contains("pass 1→2: 2 released, 0 tightened"))
        #expect(wide.contains("mean 2.67 → 1.33 (3 zones)"))
        expectGolden(text, named: "editor-second-pass-80x24")
    }

    /// A range from left L4 up to T12 across the spine, waiting for a digit.
    @Test func aRangeIsMarkedOnTheBackAndOnTheStatusLine() throws {
        var state = try markedEditor()
        state.press(.character("v"), .up, .up, .up, .up, .right)
        let text = render(state, width: 80, height: 24, ascii: false)
        #expect(text.contains("RANGE 10"))
        #expect(text.contains("T12-L4, both sides: 0-3 rates"))
        expectGolden(text, named: "editor-range-80x24")
        var canvas = Canvas(width: 80, height: 24)
        state.draw(into: &canvas, theme: Theme(ascii: false, color: false))
        let layout = BackLayout(width: 80, height: 24, panel: EditorState.panel)
        let drawing = BackDrawing.standard(ascii: false)
        for zone in Zone.all {
            let cell = drawing.cell(for: zone)
            let style = canvas[layout.backX + cell.column, layout.backY + cell.line].style
            #expect(style.underline == state.rangeZones.contains(zone), "\(zone) is set apart exactly when in the range")
        }
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func editorInASCII(width: Int, height: Int) throws {
        let text = render(try markedEditor(), width: width, height: height, ascii: true)
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        expectGolden(text, named: "editor-ascii-\(width)x\(height)")
    }

    @Test func editorAtItsSmallestSizeAndWithoutRoomForThePanel() throws {
        let state = try markedEditor()
        let smallest = state.minimumSize
        expectGolden(render(state, width: smallest.width, height: smallest.height, ascii: false),
                     named: "editor-smallest-\(smallest.width)x\(smallest.height)")
        expectGolden(render(state, width: 64, height: 24, ascii: true), named: "editor-ascii-64x24")
    }

    @Test func emptyEditorAt80x24() throws {
        let state = EditorState(session: try emptySession())
        expectGolden(render(state, width: 80, height: 24, ascii: false), named: "editor-empty-80x24")
    }

    @Test func guidedModeAndPromptAt80x24() throws {
        var state = EditorState(session: try emptySession())
        state.press(.character("g"), .character("2"), .character("3"), .character("n"))
        state.type("knot")
        expectGolden(render(state, width: 80, height: 24, ascii: false), named: "editor-prompt-80x24")
    }

    @Test func readOnlySessionSaysSo() throws {
        var session = try emptySession(version: 2)
        session.marks = [Mark(at: fixedNow, pass: 1, zone: Zone(.left, .s1), tightness: .tight)]
        let text = render(EditorState(session: session), width: 80, height: 24, ascii: false)
        #expect(text.contains("read-only: written by a newer backmap"))
    }

    @Test func untrustedTextFromTheFileIsDrawnSafely() throws {
        var session = try emptySession()
        session.subject = "me\u{1B}[2J"
        session.note = "evil\u{1B}]0;title\u{07} note"
        session.tags = ["\u{202E}gat"]
        let text = render(EditorState(session: session), width: 120, height: 40, ascii: false)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        #expect(text.contains("me\u{FFFD}[2J"))
    }

    @Test func helpOverlayAt80x24() throws {
        let state = try markedEditor()
        expectGolden(render(state, width: 80, height: 24, ascii: false, help: true), named: "editor-help-80x24")
    }

    @Test func helpOverlayInASCIIAt80x24() throws {
        let state = try markedEditor()
        expectGolden(render(state, width: 80, height: 24, ascii: true, help: true), named: "editor-help-ascii-80x24")
    }

    @Test func tooSmallNotice() throws {
        let state = try markedEditor()
        var canvas = Canvas(width: 40, height: 12)
        Chrome.tooSmall(need: state.minimumSize, into: &canvas, theme: Theme(ascii: false, color: false))
        expectGolden(canvas.text(), named: "editor-too-small-40x12")
    }
}
