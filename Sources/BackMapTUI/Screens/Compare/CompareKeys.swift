import BackMapCore

/// What the user means by a key in compare.
public enum CompareAction: Equatable, Sendable {
    case switchSide
    case pick(ComparePane)
    case previousSession
    case nextSession
    case swap
    case cyclePass
    /// Show or hide the full summary (the compact layout has one line of it).
    case details
    case back
}

/// Compare's key table: it drives both the dispatch and the help overlay.
enum CompareKeys {
    typealias Binding = KeyBinding<CompareAction>

    static let bindings: [Binding] = [
        Binding(keys: [.tab, .backTab], label: "Tab", action: .switchSide, help: "pick the side [ ] and p act on"),
        Binding(keys: [.character("a"), .left], label: "a Left", action: .pick(.a), help: "pick side A"),
        Binding(keys: [.character("b"), .right], label: "b Right", action: .pick(.b), help: "pick side B"),
        Binding(keys: [.character("[")], label: "[", action: .previousSession, help: "that side: the session before"),
        Binding(keys: [.character("]")], label: "]", action: .nextSession, help: "that side: the session after"),
        Binding(keys: [.character("p")], label: "p", action: .cyclePass, help: "that side: all passes, pass 1, pass 2, ..."),
        Binding(keys: [.character("s")], label: "s", action: .swap, help: "swap A and B"),
        Binding(keys: [.character("i")], label: "i", action: .details, help: "show or hide the full summary"),
        Binding(keys: [.character("q"), .escape], label: "q Esc", action: .back, help: "back"),
    ]

    static let table = KeyTable(bindings)

    static var help: [KeyHelp] { table.help }
}
