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
        if subjectPrompt != nil {
            message = nil
            return updateSubjectPrompt(key)
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
            let subject = selected?.subject ?? Subject.defaultName
            guard knownSubjects.count > 1 else {
                return .open(.newSession(subject: subject, technique: selected?.technique ?? .skinRolling))
            }
            // Several people in the store: ask whose back, offering the ones it knows.
            subjectPrompt = TextPrompt(label: "new session for", text: subject, limit: SessionLimits.subjectCharacters)
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
            // The selected session's person: one back's trends, never two pooled.
            return .open(.trends(TrendFilter(subject: selected?.subject)))
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

    /// Tab and Shift-Tab step through the known subjects; Enter opens the editor on a
    /// new session of the one typed, in the store's spelling when it is known.
    private mutating func updateSubjectPrompt(_ key: Key) -> Effect {
        guard var prompt = subjectPrompt else { return .none }
        if key == .tab || key == .backTab {
            let known = knownSubjects
            let index = known.firstIndex { Subject.matches($0, prompt.text) }
            let step = key == .tab ? 1 : known.count - 1
            let next = index.map { known[($0 + step) % known.count] } ?? known[0]
            prompt = TextPrompt(label: prompt.label, text: next, limit: prompt.limit)
            subjectPrompt = prompt
            return .none
        }
        switch prompt.handle(key) {
        case .editing:
            subjectPrompt = prompt
            return .none
        case .cancelled:
            subjectPrompt = nil
            message = "no new session"
            return .none
        case .done(let text):
            subjectPrompt = nil
            let typed = text.trimmingCharacters(in: .whitespaces)
            guard !typed.isEmpty else {
                message = "a session is always someone's; n asks again"
                return .none
            }
            let subject = Subject.canonical(typed, in: all.oldestFirst)
            // The technique that person was last rolled with.
            let technique = all.first { Subject.matches($0.subject, subject) }?.technique ?? selected?.technique ?? .skinRolling
            return .open(.newSession(subject: subject, technique: technique))
        }
    }

    /// "2026-11-24 19:02 (me)", how a session is named in messages.
    static func label(_ summary: SessionSummary) -> String {
        "\(summary.startedAt.day) \(summary.startedAt.clock) (\(summary.subject))"
    }
}
