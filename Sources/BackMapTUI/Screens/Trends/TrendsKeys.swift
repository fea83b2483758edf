import BackMapCore

/// What the user means by a key on the trends screen.
public enum TrendsAction: Equatable, Sendable {
    case move(ZoneStep)
    case moreSessions
    case fewerSessions
    /// The next subject of the store, then all pooled.
    case nextSubject
    case back
}

/// The trends key table: it drives both the dispatch and the help overlay.
enum TrendsKeys {
    typealias Binding = KeyBinding<TrendsAction>

    static let bindings: [Binding] = [
        Binding(keys: [.up, .character("k")], label: "Up k", action: .move(.up), help: "zone above"),
        Binding(keys: [.down, .character("j")], label: "Down j", action: .move(.down), help: "zone below"),
        Binding(keys: [.left, .character("h")], label: "Left h", action: .move(.left), help: "the left strip"),
        Binding(keys: [.right, .character("l")], label: "Right l", action: .move(.right), help: "the right strip"),
        Binding(keys: [.character("]"), .character("+")], label: "] +", action: .moreSessions, help: "more sessions (a longer window)"),
        Binding(keys: [.character("["), .character("-")], label: "[ -", action: .fewerSessions, help: "fewer sessions (a shorter window)"),
        Binding(keys: [.character("s")], label: "s", action: .nextSubject, help: "next subject (then all pooled)"),
        Binding(keys: [.character("q"), .escape], label: "q Esc", action: .back, help: "back"),
    ]

    static let table = KeyTable(bindings)

    static var help: [KeyHelp] {
        table.help + [
            KeyHelp("click", "show the figures of a zone"),
            KeyHelp("", ""),
            KeyHelp("", "Fill: how often the zone was tight (2 or more)"),
            KeyHelp("", "in the sessions where it was rolled."),
            KeyHelp("", "Arrow: least-squares slope of its tightness per"),
            KeyHelp("", "session where rolled (3 or more): below -0.05"),
            KeyHelp("", "easier, above +0.05 tighter, else steady (=);"),
            KeyHelp("", "the figure after it: how many sessions."),
        ]
    }

    /// The windows `[` and `]` step through; "all" is simply the largest that is needed.
    static let windows = [5, 10, 20, 30, 50, 100, 200, 365, 1_000, 3_650, 36_500]
}
