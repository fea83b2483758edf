import BackMapCore
import Testing
@testable import BackMapTUI

/// The editor's side of SPEC 6: files it must not rewrite, and numbers it must not overflow.
@Suite("Editor hardening")
struct EditorHardeningTests {
    static let now = Timestamp(iso8601: "2026-11-24T19:00:00+01:00")!
    static let context = Context(now: now, width: 80, height: 24)
    static let id = SessionID("20261124-190000-beef")!

    @Test func aNewerVersionSessionAsksForNoSaveWhateverIsTyped() {
        var session = Session(id: Self.id, startedAt: Self.now, marks: [Mark(at: Self.now, pass: 1, zone: Zone(.left, .s1), tightness: .tight)])
        session.version = Session.currentVersion + 1
        var editor = EditorState(session: session)
        let keys: [Key] = [.character("3"), .character(" "), .character("x"), .character("X"), .delete, .character("n"), .character("N"),
                           .character("b"), .character("a"), .character("t"), .character("u"), .control("r"), .character("p"),
                           .character("g"), .character("2"), .click(x: 12, y: 18)]
        for key in keys {
            let effect = editor.update(.key(key), context: Self.context)
            if case .save = effect { Issue.record("\(key) asked to save a newer version's file") }
        }
        #expect(editor.session == session)
        #expect(editor.saveNote == .readOnly("written by a newer backmap"))
        var canvas = Canvas(width: 80, height: 24)
        editor.draw(into: &canvas, theme: Theme(ascii: true, color: false))
        #expect(canvas.text().contains("read-only: written by a newer backmap"))
    }

    @Test func theLastAllowedPassDoesNotStartAnother() {
        let session = Session(id: Self.id, startedAt: Self.now,
                              marks: [Mark(at: Self.now, pass: SessionLimits.passes, zone: Zone(.left, .s1), tightness: .tight)])
        var editor = EditorState(session: session)
        #expect(editor.pass == SessionLimits.passes)
        #expect(editor.update(.key(.character("p")), context: Self.context) == .none)
        #expect(editor.pass == SessionLimits.passes)
        #expect(editor.message == "pass \(SessionLimits.passes) is the last a session may have")
        // Marking still works and saves a valid session.
        guard case .save(let saved) = editor.update(.key(.character("1")), context: Self.context) else {
            Issue.record("rating a zone did not save")
            return
        }
        #expect(saved.validationProblem == nil)
    }
}
