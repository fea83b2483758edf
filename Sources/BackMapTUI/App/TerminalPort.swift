/// What the runtime needs of a terminal: the port of a ports-and-adapters split.
///
/// `Terminal` is the one adapter that talks to ncurses; the tests drive the
/// runtime through a fake that scripts the input and keeps every frame shown.
protocol TerminalPort: AnyObject {
    /// Columns and lines now.
    var size: Size { get }
    /// Takes the terminal over; nothing has changed on it when this throws.
    func start() throws
    /// Gives the terminal back in its normal mode. Safe to call twice.
    func stop()
    /// Stops the process as Ctrl-Z would, and restores the screen after `fg`.
    func suspend()
    /// The next frame is painted from scratch (Ctrl-L).
    func forceRedraw()
    /// Shows a frame.
    func present(_ canvas: Canvas)
    /// Waits for a key, a resize, a signal or the timeout (milliseconds; nil waits forever).
    func nextInput(timeout: Int?) -> TerminalInput
}

/// What woke the loop up.
enum TerminalInput: Equatable {
    case key(Key)
    case resize
    /// SIGINT, SIGTERM or SIGHUP: save and leave.
    case quitSignal(Int32)
    /// Back from a suspension: redraw everything.
    case continued
    case timeout
}
