import BackMapCore

extension CompareState {
    /// Applies one event and says what the program must do about it.
    public mutating func update(_ event: Event, context: Context) -> Effect {
        switch event {
        case .key(let key):
            guard let action = CompareKeys.table.action(for: key, message: &message) else { return .none }
            if action == .details, context.height >= CompareState.roomySize.height {
                // A tall terminal shows the whole summary already; nothing to lay over B.
                message = "the full summary is on screen already"
                return .none
            }
            return apply(action)
        case .loaded(let request, .session(let session)):
            loaded(session, on: request.pane ?? active)
        case .loaded(_, .failed(let reason)):
            message = reason
        case .tick, .saved, .storeChanged:
            break
        }
        return .none
    }

    /// Performs an action, as a key asked.
    public mutating func apply(_ action: CompareAction) -> Effect {
        switch action {
        case .switchSide:
            active = active.other
            message = "[ ] and p now act on \(active.rawValue)"
        case .pick(let pane):
            active = pane
            message = "[ ] and p now act on \(active.rawValue)"
        case .previousSession, .nextSession:
            let current = session(active)
            let history = self.history(active)
            let target = action == .previousSession ? history.previous(before: current.id) : history.next(after: current.id)
            guard let target else {
                message = "\(active.rawValue) is the \(action == .previousSession ? "first" : "latest") session of \(current.subject)"
                return .none
            }
            return .load(LoadRequest(target, pane: active))
        case .swap:
            swap()
            message = "swapped: A is now \(sessionA.startedAt.day), B \(sessionB.startedAt.day)"
        case .cyclePass:
            guard session(active).passes.count > 1 else {
                message = "\(active.rawValue) has one pass only"
                return .none
            }
            cyclePass(active)
            message = "\(active.rawValue): " + (pass(active).map { "pass \($0)" } ?? "all passes")
        case .details:
            showsDetails.toggle()
        case .back:
            if showsDetails {
                // The box closes first, like any overlay.
                showsDetails = false
                return .none
            }
            return .back
        }
        return .none
    }
}
