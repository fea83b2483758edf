import BackMapCore

/// A screen that asks for other sessions (replay's and compare's `[` and `]`).
///
/// Its update returns `.load(id)`; the app reads the file and calls `loaded`,
/// so the screen keeps its own state (speed, side, pass) and stays free of I/O.
public protocol SessionLoadingScreen: Screen {
    mutating func loaded(_ session: Session)
}
