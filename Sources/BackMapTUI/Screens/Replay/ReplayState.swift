import BackMapCore

/// Replay: a session's marks played back in the order they were made, on the
/// editor's drawing, one mark per step.
public struct ReplayState: Equatable, Sendable {
    public private(set) var session: Session
    /// The sessions `[` and `]` step through, oldest first.
    public var history: SessionHistory
    /// How many marks are applied: 0 is the empty map, `session.marks.count` the final one.
    public var position: Int
    public var isPlaying: Bool
    /// An index into `ReplayState.speeds`.
    public var speedIndex: Int
    /// A short message for the status line, cleared by the next key.
    public var message: String?

    /// Playback speeds, as multiples of one mark per `baseInterval`.
    public static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8]
    /// Milliseconds per mark at 1x: slow enough to follow a roll up the back.
    public static let baseInterval = 500

    /// Opens a session at its empty map, playing unless it has no marks.
    public init(session: Session, history: SessionHistory) {
        self.session = session
        self.history = history
        position = 0
        isPlaying = !session.marks.isEmpty
        speedIndex = ReplayState.speeds.firstIndex(of: 1) ?? 0
    }

    public var speed: Double { ReplayState.speeds[speedIndex] }

    /// The map after `position` marks.
    public var map: BackMap { session.map(throughMark: position) }

    /// The mark played last, if any.
    public var currentMark: Mark? { position > 0 ? session.marks[position - 1] : nil }

    public var isAtEnd: Bool { position >= session.marks.count }

    /// Steps to another session (after `[` or `]`), from its empty map, keeping speed.
    public mutating func show(_ session: Session) {
        self.session = session
        position = 0
        isPlaying = !session.marks.isEmpty
        if let place = history.position(of: session.id) {
            message = "session \(place.index) of \(place.count)"
        }
    }
}

extension ReplayState {
    /// A tick per mark while playing; none while paused, so an idle replay costs nothing.
    public var tickInterval: Int? {
        isPlaying ? max(1, Int((Double(ReplayState.baseInterval) / speed).rounded())) : nil
    }
}
