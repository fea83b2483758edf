import BackMapCore

/// The effect interpreter: what a screen asks for is done through the keeper and the
/// store follower, and its result goes back to the screen as an event.
extension App {
    func perform(_ effect: Effect) {
        switch effect {
        case .none:
            break
        case .save(let session):
            send(.saved(session.id, keeper.save(session)))
            if let notice = keeper.takeNotice() { flash = notice }
        case .back:
            closeTop(refresh: true)
            if stack.isEmpty { quitting = true }
        case .open(let destination):
            do {
                stack.append(try ScreenFactory.make(destination, keeper: keeper))
            } catch {
                flash = SessionKeeper.sentence(error)
            }
        case .trash(let id):
            flash = keeper.trash(id)
            storeChanged()
        case .load(let request):
            send(.loaded(request, keeper.load(request.id)))
        }
    }

    /// Tells the screen on top what became of saves the keeper tried on its own.
    func report(_ outcomes: [(SessionID, SaveOutcome)]) {
        for (id, outcome) in outcomes { send(.saved(id, outcome)) }
        if let notice = keeper.takeNotice() { flash = notice }
    }

    func closeTop(refresh: Bool) {
        guard let top = stack.popLast() else { return }
        if let id = top.editingSession {
            if let outcome = keeper.endEditing(id) { report([(id, outcome)]) }
            if let behind = keeper.historyBehind { flash = behind }
        }
        // The screen below takes a fresh scan; after the last one nothing would show it.
        if refresh, !stack.isEmpty { storeChanged() }
    }

    /// Hands the screen on top a fresh scan.
    func storeChanged() {
        send(.storeChanged(follower.rescan()))
    }

    /// The list and trends follow the store: the checked scan behind a home screen drawn
    /// from the index goes to every screen awaiting it (a list is pure: reloading asks for
    /// nothing, on top or not), and another program's change to the screen on top.
    func followStore() {
        switch follower.news(followingStore: !quitting && stack.last?.followsStore == true) {
        case .checked(let scan)?:
            let context = self.context
            for index in stack.indices where stack[index].awaitsStoreCheck {
                _ = stack[index].update(.storeChanged(scan), context: context)
            }
        case .changed(let scan)?:
            send(.storeChanged(scan))
        case nil:
            break
        }
    }
}
