import BackMapCore

/// What the user means by a key in the editor.
public enum EditorAction: Equatable, Sendable {
    case move(ZoneStep)
    case rate(Tightness)
    case cycle
    /// Takes back this pass's rating of the zone: an earlier pass's value shows again.
    case unrate
    /// Marks the zone as not rolled, whatever earlier passes said.
    case clear
    case noteZone
    case noteSession
    case painBefore
    case painAfter
    case tags
    case subject
    case technique
    case nextPass
    case undo
    case redo
    case toggleGuided
    /// Starts a range at the cursor, or drops the one being made.
    case toggleRange
    case back

}

/// The editor's key table: it drives both the dispatch and the help overlay,
/// so the help can never list a key that does not work.
enum EditorKeys {
    typealias Binding = KeyBinding<EditorAction>

    static let bindings: [Binding] = moves + Tightness.allCases.map { level in
        Binding(keys: [.character(Character("\(level.rawValue)"))], label: "\(level.rawValue)", action: .rate(level),
                help: "\(level.title): \(level.meaning)")
    } + actions

    private static let moves: [Binding] = [
        Binding(keys: [.up, .character("k")], label: "Up k", action: .move(.up), help: "up towards the shoulders"),
        Binding(keys: [.down, .character("j")], label: "Down j", action: .move(.down), help: "down towards the buttocks"),
        Binding(keys: [.left, .character("h")], label: "Left h", action: .move(.left), help: "the left strip"),
        Binding(keys: [.right, .character("l")], label: "Right l", action: .move(.right), help: "the right strip"),
        Binding(keys: [.home, .pageUp], label: "Home PgUp", action: .move(.top), help: "to T1"),
        Binding(keys: [.end, .pageDown], label: "End PgDn", action: .move(.bottom), help: "to S1"),
    ]

    private static let actions: [Binding] = [
        Binding(keys: [.character(" ")], label: "Space", action: .cycle, help: "cycle: 0, 1, 2, 3, 0"),
        Binding(keys: [.character("x"), .delete], label: "x Del", action: .unrate, help: "undo this pass's rating"),
        Binding(keys: [.character("X")], label: "X", action: .clear, help: "clear: not rolled"),
        Binding(keys: [.character("g")], label: "g", action: .toggleGuided, help: "guided roll: S1 up, L, R"),
        Binding(keys: [.character("v")], label: "v", action: .toggleRange, help: "range: move, then 0-3"),
        Binding(keys: [.character("p")], label: "p", action: .nextPass, help: "start the next pass"),
        Binding(keys: [.character("n")], label: "n", action: .noteZone, help: "note on this zone"),
        Binding(keys: [.character("N")], label: "N", action: .noteSession, help: "note on the session"),
        Binding(keys: [.character("b")], label: "b", action: .painBefore, help: "pain before (0-10)"),
        Binding(keys: [.character("a")], label: "a", action: .painAfter, help: "pain after (0-10)"),
        Binding(keys: [.character("t")], label: "t", action: .tags, help: "tags, separated by commas"),
        Binding(keys: [.character("s")], label: "s", action: .subject, help: "subject: whose back"),
        Binding(keys: [.character("T")], label: "T", action: .technique, help: "technique: foam-roller..."),
        Binding(keys: [.character("u")], label: "u", action: .undo, help: "undo"),
        Binding(keys: [.control("r")], label: "Ctrl-R", action: .redo, help: "redo"),
        Binding(keys: [.character("q"), .escape], label: "q Esc", action: .back, help: "back (all is saved)"),
    ]

    static let table = KeyTable(bindings)

    static var help: [KeyHelp] {
        table.help + [
            KeyHelp("click", "select a zone, cycle it"),
            KeyHelp("drag", "a range, then 0-3"),
        ]
    }
}
