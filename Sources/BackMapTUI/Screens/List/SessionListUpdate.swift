import BackMapCore

extension SessionListState {
    /// Applies one event and says what the program must do about it.
    public mutating func update(_ event: Event, context: Context) -> Effect {
        if case .storeChanged(let scan) = event { reload(scan) }
        guard case .key(let key) = event else { return .none }
        let layout = SessionListLayout(width: context.width, height: context.height, hasProblems: !problems.isEmpty)
        defer { scrollTop = layout.top(scrollTop: scrollTop, cursor: cursor, rowCount: rows.count) }
        if let id = confirmingTrash {
            message = nil
            return confirmTrash(id, key)
        }
        if filterPrompt != nil {
            message = nil
            return updateFilter(key)
        }
        if case .click(_, let y) = key {
            message = nil
            let top = layout.top(scrollTop: scrollTop, cursor: cursor, rowCount: rows.count)
            if let index = layout.row(atY: y, top: top), index < rows.count { cursor = index }
            return .none
        }
        guard let action = SessionListKeys.table.action(for: key, message: &message) else { return .none }
        return apply(action, pageSize: layout.visibleRows)
    }

    /// Performs an action, as a key asked.
    public mutating func apply(_ action: SessionListAction, pageSize: Int) -> Effect {
        switch action {
        case .move(let delta):
            moveCursor(by: delta)
        case .page(let pages):
            moveCursor(by: pages * max(1, pageSize - 1))
        case .first:
            cursor = 0
        case .last:
            cursor = max(0, rows.count - 1)
        case .replay:
            guard let selected else { return nothingSelected() }
            return .open(.replay(selected.id))
        case .edit:
            guard let selected else { return nothingSelected() }
            if selected.isFromNewerVersion {
                message = "written by a newer backmap: it can be replayed, not edited"
                return .none
            }
            return .open(.editor(selected.id))
        case .newSession:
            // People roll the same back the same way: start from the selected session's details.
            return .open(.newSession(subject: selected?.subject ?? "me", technique: selected?.technique ?? .skinRolling))
        case .mark:
            guard let selected else { return nothingSelected() }
            if marked == selected.id {
                marked = nil
                message = "mark removed"
            } else {
                marked = selected.id
                message = "marked \(SessionListState.label(selected)); move to another session and press c"
            }
        case .compare:
            guard let selected else { return nothingSelected() }
            guard let marked, let other = all.first(where: { $0.id == marked }) else {
                message = "m marks a session first; c then compares the selected one with it"
                return .none
            }
            guard other.id != selected.id else {
                message = "this is the marked session; select another one to compare with it"
                return .none
            }
            // The older session is A, the reference, so "better" means better since then.
            let (a, b) = SessionSummary.chronological(other, selected) ? (other, selected) : (selected, other)
            return .open(.compare(a.id, b.id))
        case .trash:
            guard let selected else { return nothingSelected() }
            confirmingTrash = selected.id
        case .trends:
            return .open(.trends(TrendFilter()))
        case .filter:
            filterPrompt = TextPrompt(label: "filter", text: filter, limit: 100)
        case .clearFilter:
            if !filter.isEmpty {
                setFilter("")
                message = "filter cleared"
            }
        case .quit:
            return .back
        }
        return .none
    }

    private mutating func moveCursor(by delta: Int) {
        cursor = max(0, min(rows.count - 1, cursor + delta))
    }

    private mutating func nothingSelected() -> Effect {
        message = all.isEmpty ? "no sessions yet; n starts one" : "no session matches the filter; Esc clears it"
        return .none
    }

    private mutating func confirmTrash(_ id: SessionID, _ key: Key) -> Effect {
        confirmingTrash = nil
        guard key == .character("y") || key == .character("Y") else {
            message = "kept"
            return .none
        }
        if marked == id { marked = nil }
        return .trash(id)
    }

    private mutating func updateFilter(_ key: Key) -> Effect {
        guard var prompt = filterPrompt else { return .none }
        switch prompt.handle(key) {
        case .editing:
            filterPrompt = prompt
            // Rows follow the filter as it is typed.
            setFilter(prompt.text)
        case .done(let text):
            filterPrompt = nil
            setFilter(text.trimmingCharacters(in: .whitespaces))
            if rows.isEmpty, !filter.isEmpty { message = "no session matches; Esc clears the filter" }
        case .cancelled:
            filterPrompt = nil
            // Esc while typing clears the filter rather than restoring it: the way out is one key.
            setFilter("")
            message = "filter cleared"
        }
        return .none
    }

    /// "2026-11-24 19:02 (me)", how a session is named in messages.
    static func label(_ summary: SessionSummary) -> String {
        "\(summary.startedAt.day) \(summary.startedAt.clock) (\(summary.subject))"
    }
}
