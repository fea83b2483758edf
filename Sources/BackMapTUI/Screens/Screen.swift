import BackMapCore

/// A full-screen view: a value holding its state, a pure `update`, and a `draw`.
///
/// The app loop owns the terminal and performs the effects `update` returns;
/// screens never do I/O, which is what lets a test apply keys to a state and
/// compare the canvas with a golden file.
public protocol Screen {
    /// Where the user is, for the status line ("editor", "replay").
    var name: String { get }
    /// Every key of this screen, for the help overlay.
    var keyHelp: [KeyHelp] { get }
    /// True while a text prompt is open: then `?` and `q` are typed, not obeyed.
    var isTyping: Bool { get }
    /// Below this size the screen says it is too small instead of drawing.
    var minimumSize: Size { get }
    mutating func update(_ event: Event, context: Context) -> Effect
    /// Told whether the last `.save` reached the disk.
    mutating func saved(_ status: SaveStatus)
    func draw(into canvas: inout Canvas, theme: Theme)
}

extension Screen {
    public var isTyping: Bool { false }
    public mutating func saved(_ status: SaveStatus) {}
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

    /// Keys that work on every screen; the app handles them before the screen.
    public static let global: [KeyHelp] = [
        KeyHelp("?", "show or hide this help"),
        KeyHelp("Ctrl-L", "redraw the screen"),
        KeyHelp("Ctrl-Z", "suspend (fg to come back)"),
        KeyHelp("Ctrl-C", "quit, everything saved"),
    ]
}
