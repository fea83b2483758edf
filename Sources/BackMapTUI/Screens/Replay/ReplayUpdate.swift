import BackMapCore

extension ReplayState {
    /// Applies one event and says what the program must do about it.
    public mutating func update(_ event: Event, context: Context) -> Effect {
        switch event {
        case .tick:
            advance()
            return .none
        case .key(let key):
            guard let action = ReplayKeys.table.action(for: key, message: &message) else { return .none }
            return apply(action)
        case .loaded(_, .session(let session)):
            show(session)
            return .none
        case .loaded(_, .failed(let reason)):
            message = reason
            return .none
        case .saved, .storeChanged:
            return .none
        }
    }

    /// Performs an action, as a key asked.
    public mutating func apply(_ action: ReplayAction) -> Effect {
        switch action {
        case .playPause:
            if session.marks.isEmpty {
                message = "this session has no marks to play"
            } else if isPlaying {
                isPlaying = false
            } else {
                // Play from the start again once the end was reached.
                if isAtEnd { position = 0 }
                isPlaying = true
            }
        case .step(let delta):
            // Stepping by hand pauses, as on any player.
            isPlaying = false
            position = max(0, min(session.marks.count, position + delta))
        case .faster:
            speedIndex = min(ReplayState.speeds.count - 1, speedIndex + 1)
            message = "speed \(ReplayState.speedText(speed))"
        case .slower:
            speedIndex = max(0, speedIndex - 1)
            message = "speed \(ReplayState.speedText(speed))"
        case .start:
            isPlaying = false
            position = 0
        case .end:
            isPlaying = false
            position = session.marks.count
        case .previousSession:
            guard let id = history.previous(before: session.id) else {
                message = "this is the first session of \(session.subject)"
                return .none
            }
            return .load(LoadRequest(id))
        case .nextSession:
            guard let id = history.next(after: session.id) else {
                message = "this is the latest session of \(session.subject)"
                return .none
            }
            return .load(LoadRequest(id))
        case .back:
            return .back
        }
        return .none
    }

    /// One mark on while playing; playback stops on the final map.
    private mutating func advance() {
        guard isPlaying else { return }
        position = min(session.marks.count, position + 1)
        if isAtEnd {
            isPlaying = false
            message = "end of the session; Space plays it again"
        }
    }

    /// "0.25x", "1x", "8x".
    static func speedText(_ speed: Double) -> String {
        speed == speed.rounded() ? "\(Int(speed))x" : "\(speed)x"
    }
}
