/// What the keys that work on every screen do.
enum GlobalAction: Equatable, Sendable {
    case help
    case redraw
    case suspend
    case quit
}

/// The keys the runtime keeps for itself, before any screen sees them: one table
/// for the dispatch, the help overlay and the test that no screen binds them.
enum GlobalKeys {
    typealias Binding = KeyBinding<GlobalAction>

    static let table = KeyTable([
        Binding(keys: [.character("?")], label: "?", action: .help, help: "show or hide this help"),
        Binding(keys: [.control("l")], label: "Ctrl-L", action: .redraw, help: "redraw the screen"),
        Binding(keys: [.control("z")], label: "Ctrl-Z", action: .suspend, help: "suspend (fg to come back)"),
        Binding(keys: [.control("c")], label: "Ctrl-C", action: .quit, help: "quit, everything saved"),
    ])

    /// What `key` does before the screen sees it. While a prompt is open `?` is
    /// typed like any character; the chords always work.
    static func action(for key: Key, typing: Bool) -> GlobalAction? {
        guard let action = table[key] else { return nil }
        return action == .help && typing ? nil : action
    }
}
