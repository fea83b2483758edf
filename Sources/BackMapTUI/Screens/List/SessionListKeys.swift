import BackMapCore

/// What the user means by a key in the session list.
public enum SessionListAction: Hashable, Sendable {
    case move(Int)
    case page(Int)
    case first
    case last
    case replay
    case edit
    case newSession
    case mark
    case compare
    case trash
    case trends
    case filter
    case clearFilter
    case quit
}

/// The list's key table: it drives both the dispatch and the help overlay.
enum SessionListKeys {
    typealias Binding = KeyBinding<SessionListAction>

    static let bindings: [Binding] = [
        Binding(keys: [.up, .character("k"), .scrollUp], label: "Up k", action: .move(-1), help: "the newer session"),
        Binding(keys: [.down, .character("j"), .scrollDown], label: "Down j", action: .move(1), help: "the older session"),
        Binding(keys: [.pageUp], label: "PgUp", action: .page(-1), help: "a page up"),
        Binding(keys: [.pageDown], label: "PgDn", action: .page(1), help: "a page down"),
        Binding(keys: [.home, .character("g")], label: "Home g", action: .first, help: "the newest session"),
        Binding(keys: [.end, .character("G")], label: "End G", action: .last, help: "the oldest session"),
        Binding(keys: [.enter], label: "Enter", action: .replay, help: "replay the session"),
        Binding(keys: [.character("e")], label: "e", action: .edit, help: "edit the session"),
        Binding(keys: [.character("n")], label: "n", action: .newSession, help: "new session (same subject and technique)"),
        Binding(keys: [.character("m")], label: "m", action: .mark, help: "mark this session for comparing"),
        Binding(keys: [.character("c")], label: "c", action: .compare, help: "compare this session with the marked one"),
        Binding(keys: [.character("d"), .delete], label: "d Del", action: .trash, help: "move the session to the trash (asks first)"),
        Binding(keys: [.character("t")], label: "t", action: .trends, help: "trends over the sessions"),
        Binding(keys: [.character("/")], label: "/", action: .filter, help: "filter by subject, technique, tag, date or id"),
        Binding(keys: [.escape], label: "Esc", action: .clearFilter, help: "clear the filter"),
        Binding(keys: [.character("q")], label: "q", action: .quit, help: "quit"),
    ]

    static let table = KeyTable(bindings)

    /// The moves share lines in the help, so the whole list fits on a small terminal.
    static var help: [KeyHelp] {
        let moves: Set<SessionListAction> = [.move(-1), .move(1), .page(-1), .page(1), .first, .last]
        return [
            KeyHelp("Up Down k j", "the newer or the older session"),
            KeyHelp("PgUp PgDn", "a page up or down"),
            KeyHelp("Home End g G", "the newest or the oldest session"),
        ] + bindings.filter { !moves.contains($0.action) }.map { KeyHelp($0.label, $0.help) }
    }
}
