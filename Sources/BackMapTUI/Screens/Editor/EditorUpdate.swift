import BackMapCore

extension EditorState {
    /// Applies one event and says what the program must do about it.
    public mutating func update(_ event: Event, context: Context) -> Effect {
        guard case .key(let key) = event else { return .none }
        if prompt != nil {
            message = nil
            return updatePrompt(key, context: context)
        }
        let layout = BackLayout(width: context.width, height: context.height, panel: EditorState.panel)
        if case .drag(let x, let y) = key {
            message = nil
            guard let zone = layout.zone(atX: x, y: y) else { return .none }
            return drag(to: zone)
        }
        press = nil
        if case .click(let x, let y) = key {
            message = nil
            rangeAnchor = nil
            guard let zone = layout.zone(atX: x, y: y) else { return .none }
            cursor = zone
            let count = session.marks.count
            let effect = apply(.cycle, now: context.now)
            press = Press(zone: zone, mark: session.marks.count > count ? session.marks.last : nil)
            return effect
        }
        guard let action = EditorKeys.table.action(for: key, message: &message) else { return .none }
        if rangeAnchor != nil { return applyInRange(action, now: context.now) }
        return apply(action, now: context.now)
    }

    /// A drag from the zone a press landed on: the press becomes the start of a range
    /// (its click's rating is taken back, leaving no trace in undo) and the range follows
    /// the pointer; a digit then rates it, as after `v`.
    private mutating func drag(to zone: Zone) -> Effect {
        var effect = Effect.none
        if rangeAnchor == nil {
            guard let start = press, zone != start.zone else { return .none }
            if let mark = start.mark, session.marks.last == mark, undoStack.last == .appended(mark) {
                session.marks.removeLast()
                undoStack.removeLast()
                effect = .save(session)
            }
            rangeAnchor = start.zone
            isGuided = false
        }
        cursor = zone
        message = rangeMessage
        return effect
    }

    /// While a range is being made: moves extend it, a digit or a clear applies to every
    /// zone in it, `v`, Esc and q drop it; anything else drops it and then acts as usual.
    private mutating func applyInRange(_ action: EditorAction, now: Timestamp) -> Effect {
        switch action {
        case .move(let step):
            cursor = cursor.stepped(step)
            message = rangeMessage
            return .none
        case .rate(let value):
            return markRange(value, now: now)
        case .clear:
            return markRange(nil, now: now)
        case .unrate:
            let zones = rangeZones
            rangeAnchor = nil
            return unrate(zones, now: now)
        case .cycle:
            message = "0-3 rate the range, x takes back this pass's ratings, X clears it; v drops it"
            return .none
        case .toggleRange, .back:
            rangeAnchor = nil
            message = "range dropped"
            return .none
        default:
            rangeAnchor = nil
            return apply(action, now: now)
        }
    }

    /// "T12-L4, both sides: 0-3 rates", for the status line (which also says "RANGE 10").
    var rangeMessage: String {
        guard let anchor = rangeAnchor else { return "" }
        let top = Segment.allCases[min(anchor.segment.row, cursor.segment.row)]
        let bottom = Segment.allCases[max(anchor.segment.row, cursor.segment.row)]
        let side = anchor.side != cursor.side ? "both sides" : anchor.side.title
        let span = top == bottom ? top.name : "\(top.name)-\(bottom.name)"
        return "\(span), \(side): 0-3 rates"
    }

    /// Logs one mark per zone of the range, all at once: one step to undo, one save.
    private mutating func markRange(_ value: Tightness?, now: Timestamp) -> Effect {
        let zones = rangeZones
        rangeAnchor = nil
        guard !isReadOnly else {
            message = "read-only: this file was written by a newer backmap"
            return .none
        }
        guard session.marks.count + zones.count <= SessionLimits.marks else {
            message = "this session has room for \(SessionLimits.marks - session.marks.count) more marks, not \(zones.count)"
            return .none
        }
        let marks = zones.map { Mark(at: now, pass: pass, zone: $0, tightness: value) }
        session.marks += marks
        record(.appendedRange(marks))
        let what = value.map { "rated \($0.rawValue) \($0.title)" } ?? "cleared"
        message = "\(zones.count) zone\(zones.count == 1 ? "" : "s") \(what)"
        return .save(session)
    }

    /// Performs an action, as a key or a click asked.
    public mutating func apply(_ action: EditorAction, now: Timestamp) -> Effect {
        switch action {
        case .move(let step):
            cursor = cursor.stepped(step)
            return .none
        case .rate(let value):
            return mark(value, now: now, advance: isGuided)
        case .cycle:
            // Like a digit: in guided mode the roll moves on up.
            return mark(Tightness.cycled(from: map[cursor]), now: now, advance: isGuided)
        case .unrate:
            return unrate([cursor], now: now)
        case .clear:
            return mark(nil, now: now, advance: isGuided)
        case .toggleRange:
            rangeAnchor = cursor
            isGuided = false
            message = rangeMessage
            return .none
        case .toggleGuided:
            isGuided.toggle()
            if isGuided {
                cursor = Zone.rollingOrder[0]
                message = "guided: rate each zone 0-3, from S1 up; g stops"
            } else {
                message = "guided roll stopped"
            }
            return .none
        case .nextPass:
            guard session.marks.contains(where: { $0.pass == pass }) else {
                message = "pass \(pass) has no marks yet"
                return .none
            }
            guard pass < SessionLimits.passes else {
                message = "pass \(pass) is the last a session may have"
                return .none
            }
            pass += 1
            message = "pass \(pass): roll again; the map keeps the latest pass"
            if isGuided { cursor = Zone.rollingOrder[0] }
            return .none
        case .noteZone:
            return openPrompt(.zoneNote(cursor), label: "note on \(cursor.side.title) \(cursor.segment.name)",
                              text: session.note(for: cursor) ?? "")
        case .noteSession:
            return openPrompt(.sessionNote, label: "session note", text: session.note ?? "")
        case .painBefore:
            return openPrompt(.painBefore, label: "pain before, 0-10 (empty clears)", text: session.painBefore.map(String.init) ?? "",
                              limit: 2, selected: true)
        case .painAfter:
            return openPrompt(.painAfter, label: "pain after, 0-10 (empty clears)", text: session.painAfter.map(String.init) ?? "",
                              limit: 2, selected: true)
        case .tags:
            return openPrompt(.tags, label: "tags, comma-separated", text: session.tags.joined(separator: ", "), limit: 400)
        case .subject:
            return openPrompt(.subject, label: "whose back", text: session.subject, limit: SessionLimits.subjectCharacters)
        case .technique:
            return openPrompt(.technique, label: Technique.allCases.map(\.rawValue).joined(separator: ", "),
                              text: session.technique.rawValue, limit: 20)
        case .undo:
            guard let edit = undoStack.popLast() else {
                message = "nothing to undo"
                return .none
            }
            undo(edit)
            redoStack.append(edit)
            // Keep the rule `p` follows: a pass starts only after one with marks, so
            // undoing every mark goes back to pass 1 rather than leaving an empty pass 1.
            pass = session.marks.isEmpty ? 1 : max(1, min(pass, session.lastPass + 1))
            message = "undone"
            return .save(session)
        case .redo:
            guard let edit = redoStack.popLast() else {
                message = "nothing to redo"
                return .none
            }
            redo(edit)
            undoStack.append(edit)
            message = "redone"
            return .save(session)
        case .back:
            return .back
        }
    }

    /// Takes an edit back, and puts the cursor on the zone it changed so the user sees what undo did.
    private mutating func undo(_ edit: Edit) {
        switch edit {
        case .appended(let mark):
            session.marks.removeLast()
            cursor = mark.zone
        case .appendedRange(let marks):
            session.marks.removeLast(marks.count)
            if let last = marks.last { cursor = last.zone }
        case .removed(let removed):
            for entry in removed { session.marks.insert(entry.mark, at: entry.index) }
            if let first = removed.first { cursor = first.mark.zone }
        case .details(let before, _):
            before.apply(to: &session)
        }
    }

    private mutating func redo(_ edit: Edit) {
        switch edit {
        case .appended(let mark):
            session.marks.append(mark)
            cursor = mark.zone
        case .appendedRange(let marks):
            session.marks += marks
            if let last = marks.last { cursor = last.zone }
        case .removed(let removed):
            for entry in removed.reversed() { session.marks.remove(at: entry.index) }
            if let first = removed.first { cursor = first.mark.zone }
        case .details(_, let after):
            after.apply(to: &session)
        }
    }

    /// `x`: takes this pass's marks of the zones (the one under the cursor, or a
    /// range's) out of the log, so the value an earlier pass gave shows again (a slip
    /// in pass 2 must not wipe pass 1's rating). `X` marks a zone not rolled on purpose.
    private mutating func unrate(_ zones: [Zone], now: Timestamp) -> Effect {
        guard !isReadOnly else {
            message = "read-only: this file was written by a newer backmap"
            return .none
        }
        let targets = Set(zones)
        let removed = session.marks.enumerated()
            .filter { $0.element.pass == pass && targets.contains($0.element.zone) }
            .map { RemovedMark(index: $0.offset, mark: $0.element) }
        let name = zones.count == 1 ? "\(zones[0].side.title) \(zones[0].segment.name)" : "\(zones.count) zones"
        guard !removed.isEmpty else {
            message = zones.count == 1
                ? "\(name) has no rating in pass \(pass); X clears it"
                : "\(name) have no rating in pass \(pass); X clears them"
            if isGuided { advanceGuided() }
            return .none
        }
        for entry in removed.reversed() { session.marks.remove(at: entry.index) }
        record(.removed(removed))
        if zones.count == 1 {
            let zone = zones[0]
            let shown = map[zone].map { "\($0.rawValue) \($0.title), from pass \(passOfValue(zone))" } ?? "not rolled"
            message = removed.contains { $0.mark.note != nil }
                ? "took back pass \(pass)'s rating and note of \(name): now \(shown); u brings them back"
                : "took back pass \(pass)'s rating of \(name): now \(shown)"
        } else {
            let touched = Set(removed.map(\.mark.zone)).count
            message = "took back pass \(pass)'s ratings of \(touched) zone\(touched == 1 ? "" : "s"); u brings them back"
        }
        if isGuided { advanceGuided() }
        return .save(session)
    }

    /// The pass whose value of a zone the session's map shows: the latest that touched it.
    private func passOfValue(_ zone: Zone) -> Int {
        session.marks.filter { $0.zone == zone }.map(\.pass).max() ?? pass
    }

    /// Logs a mark on the zone under the cursor and, in guided mode, moves on up the roll.
    private mutating func mark(_ value: Tightness?, now: Timestamp, advance: Bool, note: String? = nil) -> Effect {
        guard !isReadOnly else {
            message = "read-only: this file was written by a newer backmap"
            return .none
        }
        guard session.marks.count < SessionLimits.marks else {
            message = "this session has the most marks a session may have (\(SessionLimits.marks))"
            return .none
        }
        let mark = Mark(at: now, pass: pass, zone: cursor, tightness: value, note: note)
        session.marks.append(mark)
        record(.appended(mark))
        if advance { advanceGuided() }
        return .save(session)
    }

    private mutating func advanceGuided() {
        guard let index = Zone.rollingOrder.firstIndex(of: cursor) else { return }
        if index + 1 < Zone.rollingOrder.count {
            let next = Zone.rollingOrder[index + 1]
            if next.side != cursor.side { message = "left strip done; now the right, from S1 up" }
            cursor = next
        } else {
            isGuided = false
            message = "guided roll done; p starts another pass"
        }
    }

    /// Remembers a change already made, for undo; a new change ends what redo could bring back.
    private mutating func record(_ edit: Edit) {
        undoStack.append(edit)
        if undoStack.count > EditorState.undoDepth { undoStack.removeFirst() }
        redoStack.removeAll()
    }

    /// Changes the session's details (notes, pain, tags), keeping the change for undo.
    private mutating func change(_ body: (inout Session) -> Void) {
        let before = Details(session)
        body(&session)
        record(.details(before: before, after: Details(session)))
    }

    /// Opens a prompt on the stored `text`, or on the draft left there with Esc.
    /// With `selected`, the stored value is selected: typing replaces it.
    private mutating func openPrompt(_ purpose: PromptPurpose, label: String, text: String,
                                     limit: Int = SessionLimits.noteCharacters, selected: Bool = false) -> Effect {
        guard !isReadOnly else {
            message = "read-only: this file was written by a newer backmap"
            return .none
        }
        var field = TextPrompt(label: label, text: drafts[purpose] ?? text, limit: limit, selected: selected && drafts[purpose] == nil)
        if drafts[purpose] != nil { field.notice = "your draft; Ctrl-U clears it" }
        prompt = Prompt(purpose: purpose, field: field, stored: text)
        return .none
    }

    private mutating func updatePrompt(_ key: Key, context: Context) -> Effect {
        guard var current = prompt else { return .none }
        switch current.field.handle(key) {
        case .editing:
            prompt = current
            return .none
        case .cancelled:
            prompt = nil
            if current.field.text == current.stored {
                drafts[current.purpose] = nil
                message = "cancelled; nothing changed"
            } else {
                drafts[current.purpose] = current.field.text
                message = "kept as a draft, not saved: \(EditorState.key(of: current.purpose)) opens it again"
            }
            return .none
        case .done(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let problem = problem(with: trimmed, for: current.purpose) {
                // The prompt stays open with the text, so the entry can be fixed.
                current.field.notice = problem
                prompt = current
                return .none
            }
            prompt = nil
            drafts[current.purpose] = nil
            let effect = commit(trimmed, for: current.purpose, now: context.now)
            if current.field.leftOut > 0, message == nil {
                message = "kept the first \(current.field.limit) characters (the limit); \(current.field.leftOut) more were left out"
            }
            return effect
        }
    }

    /// The key that opens a prompt, for the message that says where a draft is.
    static func key(of purpose: PromptPurpose) -> String {
        switch purpose {
        case .zoneNote: "n"
        case .sessionNote: "N"
        case .painBefore: "b"
        case .painAfter: "a"
        case .tags: "t"
        case .subject: "s"
        case .technique: "T"
        }
    }

    /// Why an entry cannot be taken as it is, or nil.
    private func problem(with text: String, for purpose: PromptPurpose) -> String? {
        switch purpose {
        case .painBefore, .painAfter:
            guard text.isEmpty || Int(text).map({ (0...10).contains($0) }) == true else {
                return "pain is a whole number from 0 to 10"
            }
            return nil
        default:
            return nil
        }
    }

    private mutating func commit(_ text: String, for purpose: PromptPurpose, now: Timestamp) -> Effect {
        let value: String? = text.isEmpty ? nil : text
        switch purpose {
        case .zoneNote(let zone):
            cursor = zone
            // A note is logged as a mark that repeats the zone's current value, so
            // it changes no map; it is the log that carries the words.
            return mark(map[zone], now: now, advance: false, note: value ?? "")
        case .sessionNote:
            guard value != session.note else { return .none }
            change { $0.note = value }
            return .save(session)
        case .painBefore, .painAfter:
            // `problem(with:for:)` has checked the number.
            let pain = value.flatMap { Int($0) }
            if purpose == .painBefore {
                guard pain != session.painBefore else { return .none }
                change { $0.painBefore = pain }
            } else {
                guard pain != session.painAfter else { return .none }
                change { $0.painAfter = pain }
            }
            return .save(session)
        case .tags:
            var tags: [String] = []
            for tag in text.split(separator: ",") {
                let trimmed = tag.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty, !tags.contains(trimmed) { tags.append(SessionLimits.prefix(trimmed, limit: SessionLimits.tagCharacters)) }
            }
            tags = Array(tags.prefix(SessionLimits.tags))
            guard tags != session.tags else { return .none }
            change { $0.tags = tags }
            return .save(session)
        case .subject:
            guard let value else {
                message = "a session is always someone's; the subject stays \(session.subject)"
                return .none
            }
            guard value != session.subject else { return .none }
            change { $0.subject = value }
            message = "subject: \(value)"
            return .save(session)
        case .technique:
            // The start of a name is enough ("foam", "t"), in any case.
            let typed = text.lowercased()
            let matches = Technique.allCases.filter { $0.rawValue.hasPrefix(typed) }
            guard !typed.isEmpty, let technique = matches.count == 1 ? matches[0] : matches.first(where: { $0.rawValue == typed }) else {
                message = "a technique is one of \(Technique.allCases.map(\.rawValue).joined(separator: ", "))"
                return .none
            }
            guard technique != session.technique else { return .none }
            change { $0.technique = technique }
            message = "technique: \(technique.title)"
            return .save(session)
        }
    }
}
