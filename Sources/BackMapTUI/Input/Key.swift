/// A key or mouse press, already decoded from the terminal.
public enum Key: Hashable, Sendable {
    case character(Character)
    /// A control chord: `.control("c")` is Ctrl-C.
    case control(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    /// A mouse button press at a screen column and line.
    case click(x: Int, y: Int)
    /// The pointer moved with the first button held (a drag), where the terminal reports motion.
    case drag(x: Int, y: Int)
    case scrollUp, scrollDown
}

/// Everything that reaches a screen's update function.
public enum Event: Hashable, Sendable {
    case key(Key)
    /// Time passed (replay playback, retrying a failed save).
    case tick
}
