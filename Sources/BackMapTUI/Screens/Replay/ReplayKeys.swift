import BackMapCore

/// What the user means by a key in replay.
public enum ReplayAction: Equatable, Sendable {
    case playPause
    case step(Int)
    case faster
    case slower
    case start
    case end
    case previousSession
    case nextSession
    case back
}

/// Replay's key table: it drives both the dispatch and the help overlay.
enum ReplayKeys {
    typealias Binding = KeyBinding<ReplayAction>

    static let bindings: [Binding] = [
        Binding(keys: [.character(" ")], label: "Space", action: .playPause, help: "play or pause"),
        Binding(keys: [.left, .character("h")], label: "Left h", action: .step(-1), help: "one mark back"),
        Binding(keys: [.right, .character("l")], label: "Right l", action: .step(1), help: "one mark on"),
        Binding(keys: [.character("+"), .character("=")], label: "+", action: .faster, help: "faster (up to 8x)"),
        Binding(keys: [.character("-"), .character("_")], label: "-", action: .slower, help: "slower (down to 0.25x)"),
        Binding(keys: [.home], label: "Home", action: .start, help: "the empty map, before the first mark"),
        Binding(keys: [.end], label: "End", action: .end, help: "the final map"),
        Binding(keys: [.character("[")], label: "[", action: .previousSession, help: "the session before"),
        Binding(keys: [.character("]")], label: "]", action: .nextSession, help: "the session after"),
        Binding(keys: [.character("q"), .escape], label: "q Esc", action: .back, help: "back"),
    ]

    static let table = KeyTable(bindings)

    static var help: [KeyHelp] { table.help }
}
