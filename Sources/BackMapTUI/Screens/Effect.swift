import BackMapCore

/// What a screen asks the program to do after an update.
public enum Effect: Equatable, Sendable {
    case none
    /// Write the session to the store now.
    case save(Session)
    /// Leave this screen (quits from the home screen).
    case back
    /// Leave the program, everything saved.
    case quit
    /// Open another screen on top of this one.
    case open(Destination)
    /// Move a session to the store's trash.
    case trash(SessionID)
    /// Read this session from the store and hand it to the screen on top
    /// (`SessionLoadingScreen.loaded`): how replay and compare step through history.
    case load(SessionID)
    case batch([Effect])
}

/// The screens one can open.
public enum Destination: Equatable, Sendable {
    case newSession(subject: String, technique: Technique)
    case editor(SessionID)
    case replay(SessionID)
    /// Session A (the reference) against B, each whole (nil) or through one pass.
    case compare(SessionID, SessionID, passA: Int? = nil, passB: Int? = nil)
    case trends
    /// Trends over a chosen window and filter (`backmap trends --last N --subject S --tag T`).
    case trendsFiltered(TrendFilter)
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

/// Whether the last change reached the disk.
public enum SaveStatus: Equatable, Sendable {
    case saved
    case failed(String)
    /// Shown, never written: a newer backmap's file.
    case readOnly(String)
}
