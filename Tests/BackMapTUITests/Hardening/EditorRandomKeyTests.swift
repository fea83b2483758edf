import BackMapCore
import Foundation
import Testing
@testable import BackMapTUI

/// Random key sequences on the editor: it never crashes, every session it
/// asks to save is valid and decodes to itself, and the back it draws shows
/// exactly the map derived from that saved session.
@Suite("Editor under random keys (property)")
struct EditorRandomKeyTests {
    static let seeds: [UInt64] = {
        let environment = ProcessInfo.processInfo.environment
        if let text = environment["PROPERTY_SEED"], let seed = UInt64(text) { return [seed] }
        let runs = environment["PROPERTY_RUNS"].flatMap(Int.init) ?? 36
        return (0..<UInt64(runs)).map { 0xED17_0000 &+ $0 }
    }()

    static let start = Timestamp(iso8601: "2026-11-24T19:00:00+01:00")!

    /// Sessions the editor starts from: empty, hostile text everywhere, and at the limits.
    static func startingSession(_ kind: Int) -> Session {
        let id = SessionID("20261124-190000-beef")!
        switch kind % 3 {
        case 0:
            return Session(id: id, startedAt: start)
        case 1:
            let zone = Zone(.left, .t7)
            return Session(
                id: id, startedAt: start, subject: "\u{1B}[31mme\u{202E}日本e\u{301}",
                technique: .tennisBall, painBefore: 7, note: "note \u{1B}]0;pwned\u{07} ❤️ \u{9B}2J",
                tags: ["👍🏽", "\u{2066}x", "t\u{0}"],
                marks: [Mark(at: start, pass: 1, zone: zone, tightness: .tight, note: "\u{1B}[2J wide 日本語 \u{202E}abc"),
                        Mark(at: start, pass: 2, zone: Zone(.right, .s1), tightness: nil)],
                extra: ["futureKey": .object(["a": .array([.number(1), .string("\u{1B}")])])])
        default:
            // Close to the most marks a session may have, and many passes.
            let marks = (0..<(SessionLimits.marks - 3)).map { index in
                Mark(at: start, pass: 1 + index / 200, zone: Zone.all[index % Zone.all.count], tightness: Tightness(rawValue: index % 4))
            }
            return Session(id: id, startedAt: start, marks: marks)
        }
    }

    @Test(arguments: seeds)
    func randomKeysNeverBreakTheEditorOrItsSavedFile(seed: UInt64) throws {
        let kind = Int(seed % 3)
        let initial = Self.startingSession(kind)
        var lastSaved: Session?
        var harness = RandomKeyHarness(seed: seed)
        let final = harness.run(EditorState(session: initial), steps: kind == 2 ? 60 : 250, start: Self.start) { step in
            for case .save(let session) in step.effects {
                #expect(session.validationProblem == nil, "seed \(seed) step \(step.index): the editor asked to save an invalid session")
                #expect(session == step.screen.session, "seed \(seed) step \(step.index): saved a session the screen does not show")
                lastSaved = session
            }
            if step.size.width >= step.screen.minimumSize.width, step.size.height >= step.screen.minimumSize.height {
                let drawn = Self.drawnMap(step.canvas, theme: step.theme)
                #expect(drawn == step.screen.map, "seed \(seed) step \(step.index): the back shows another map than the session's")
            }
        }
        guard let saved = lastSaved else {
            #expect(final.session == initial, "seed \(seed): the session changed without a save")
            return
        }
        #expect(final.session == saved, "seed \(seed): the session changed after its last save")
        let decoded = try SessionCodec.decode(try SessionCodec.encode(saved))
        #expect(decoded == saved, "seed \(seed): the saved file does not decode to the saved session")
        #expect(decoded.map == final.map, "seed \(seed): the file's map differs from the screen's")
    }

    /// Reads the map back off a drawn editor (or any screen placing the back
    /// with `BackLayout` and this panel): the middle cell of each zone holds its digit.
    static func drawnMap(_ canvas: Canvas, theme: Theme, panel: ClosedRange<Int> = EditorState.panel) -> BackMap? {
        let layout = BackLayout(width: canvas.width, height: canvas.height, panel: panel)
        let drawing = theme.drawing
        var map = BackMap()
        for zone in Zone.all {
            let cell = drawing.cell(for: zone)
            let character = canvas[layout.backX + cell.column + cell.width / 2, layout.backY + cell.line].character
            if let digit = character.wholeNumberValue {
                guard let value = Tightness(rawValue: digit) else { return nil }
                map[zone] = value
            } else if character != theme.cellText(nil, width: cell.width).dropFirst(cell.width / 2).first {
                return nil
            }
        }
        return map
    }
}
