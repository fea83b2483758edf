import BackMapCore

/// A full-screen view: a value holding its state, a pure `update`, and a `draw`.
///
/// The runtime owns the terminal and performs the effects `update` returns; their
/// results come back through `update` as events. Screens never do I/O, which is what
/// lets a test apply events to a state and compare the canvas with a golden file.
public protocol Screen {
    /// Where the user is, for the status line ("editor", "replay").
    var name: String { get }
    /// Every key of this screen, for the help overlay.
    var keyHelp: [KeyHelp] { get }
    /// The keys of each of this screen's bindings, for the test that no key is bound twice.
    var boundKeys: [[Key]] { get }
    /// True while a text prompt is open: then `?` and `q` are typed, not obeyed.
    var isTyping: Bool { get }
    /// Below this size the screen says it is too small instead of drawing.
    var minimumSize: Size { get }
    /// Milliseconds until the screen wants a `.tick`, or nil when nothing moves.
    var tickInterval: Int? { get }
    /// The screen shows the store's contents: while it is on top the runtime watches
    /// the store and sends `.storeChanged` when another program changed it.
    var followsStore: Bool { get }
    /// The screen was drawn from the summary index and awaits the check of every
    /// session file, which the runtime starts after the first frame.
    var awaitsStoreCheck: Bool { get }
    /// The session this screen edits: the runtime holds its lock while the screen is open.
    var editingSession: SessionID? { get }
    /// What this screen says of saving in place of the runtime's "saved" (a file it
    /// will never write); a failed save of the runtime still shows over it.
    var saveNote: SaveStatus? { get }
    mutating func update(_ event: Event, context: Context) -> Effect
    func draw(into canvas: inout Canvas, theme: Theme)
}

extension Screen {
    public var isTyping: Bool { false }
    public var boundKeys: [[Key]] { [] }
    public var tickInterval: Int? { nil }
    public var followsStore: Bool { false }
    public var awaitsStoreCheck: Bool { false }
    public var editingSession: SessionID? { nil }
    public var saveNote: SaveStatus? { nil }
}

/// A terminal size in columns and lines.
public struct Size: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// One line of the help overlay: the keys and what they do.
public struct KeyHelp: Equatable, Sendable {
    public var keys: String
    public var action: String
    public init(_ keys: String, _ action: String) {
        self.keys = keys
        self.action = action
    }
}
