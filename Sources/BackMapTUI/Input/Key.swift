import BackMapCore

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
    case scrollUp, scrollDown
}

/// Everything that reaches a screen's update function: what the person did,
/// time passing, and the results of the effects the screen asked for.
///
/// An effect's result comes back as an event, as a Bubble Tea `Cmd` comes back
/// as a `Msg`: the runtime never calls a screen back by any other way.
public enum Event: Equatable, Sendable {
    case key(Key)
    /// Time passed (replay playback).
    case tick
    /// What became of a `.save` of this session.
    case saved(SessionID, SaveOutcome)
    /// The answer to `.load(request)`: the session, or why it could not be read.
    case loaded(LoadRequest, LoadResult)
    /// The store holds something else now (a trash, an editor that closed, another program).
    case storeChanged(StoreScan)
}

/// What became of one save.
public enum SaveOutcome: Equatable, Sendable {
    /// On the disk.
    case saved
    /// Not written; kept in memory and tried again until it lands or the program ends.
    case failed(String)
}

/// A session read for a screen, and what the screen wanted it for.
public struct LoadRequest: Hashable, Sendable {
    public var id: SessionID
    /// The compare side that asked, so the answer lands there; nil for a one-session screen.
    public var pane: ComparePane?

    public init(_ id: SessionID, pane: ComparePane? = nil) {
        self.id = id
        self.pane = pane
    }
}

/// The result of reading a session for a screen.
public enum LoadResult: Equatable, Sendable {
    case session(Session)
    /// One sentence saying why it could not be read.
    case failed(String)
}
