import BackMapCore

/// What a screen asks the program to do after an update.
public enum Effect: Equatable, Sendable {
    case none
    /// Write the session to the store now.
    case save(Session)
    /// Leave this screen (quits from the home screen).
    case back
    /// Open another screen on top of this one.
    case open(Destination)
    /// Move a session to the store's trash.
    case trash(SessionID)
    /// Read a session from the store; the answer comes back to the screen on top
    /// as `Event.loaded`: how replay and compare step through history.
    case load(LoadRequest)
}

/// The screens one can open.
public enum Destination: Equatable, Sendable {
    case newSession(subject: String, technique: Technique)
    case editor(SessionID)
    case replay(SessionID)
    /// Session A (the reference) against B, each whole (nil) or through one pass.
    case compare(SessionID, SessionID, passA: Int? = nil, passB: Int? = nil)
    /// Trends over a window and filter (`backmap trends --last N --subject S --tag T`;
    /// `TrendFilter()` from the list).
    case trends(TrendFilter)
}

/// What an update needs to know of the world: kept out of the state so that
/// updates stay pure and tests fix the clock and the size.
public struct Context: Sendable {
    public var now: Timestamp
    public var width: Int
    public var height: Int

    public init(now: Timestamp, width: Int, height: Int) {
        self.now = now
        self.width = width
        self.height = height
    }
}

/// What the status line says of saving: the runtime's state of all sessions,
/// or a screen's own note (a file it will never write).
public enum SaveStatus: Equatable, Sendable {
    case saved
    case failed(String)
    /// Shown, never written: a newer backmap's file.
    case readOnly(String)
}
