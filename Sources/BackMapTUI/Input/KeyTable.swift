/// One line of a screen's key table: the keys, what they mean, and the words
/// for the help overlay.
public struct KeyBinding<Action: Sendable>: Sendable {
    public var keys: [Key]
    public var label: String
    public var action: Action
    public var help: String

    public init(keys: [Key], label: String, action: Action, help: String) {
        self.keys = keys
        self.label = label
        self.action = action
        self.help = help
    }
}

/// A screen's keys, in the manner of htop's action table: one list drives both
/// the dispatch and the help overlay, so the help never lists a key that does
/// nothing, nor misses one that works.
public struct KeyTable<Action: Sendable>: Sendable {
    public let bindings: [KeyBinding<Action>]
    private let actions: [Key: Action]

    public init(_ bindings: [KeyBinding<Action>]) {
        self.bindings = bindings
        var actions: [Key: Action] = [:]
        for binding in bindings {
            for key in binding.keys where actions[key] == nil { actions[key] = binding.action }
        }
        self.actions = actions
    }

    /// What a key means on this screen, if anything.
    public subscript(key: Key) -> Action? { actions[key] }

    /// The help lines, in the table's order.
    public var help: [KeyHelp] { bindings.map { KeyHelp($0.label, $0.help) } }
}

extension KeyTable {
    /// The keys of each binding, for the test that no key is bound twice.
    public var boundKeys: [[Key]] { bindings.map(\.keys) }

    /// The opening every screen's update shares: the message of the last key goes,
    /// and a character bound to nothing says so instead of being silently dropped.
    public func action(for key: Key, message: inout String?) -> Action? {
        message = nil
        guard let action = self[key] else {
            if case .character(let c) = key { message = "\(c) does nothing here; ? lists the keys" }
            return nil
        }
        return action
    }
}
