/// How a person names a session on the command line: a full id, a unique
/// prefix of one, `last`, `last~N`, or a day `YYYY-MM-DD` that has one session.
public enum SessionRef: Equatable, Sendable {
    case idPrefix(String)
    /// `last` is `latest(0)`, `last~2` is `latest(2)`.
    case latest(Int)
    case day(String)

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 64 else { return nil }
        if trimmed == "last" {
            self = .latest(0)
        } else if trimmed.hasPrefix("last~") {
            guard let back = Int(trimmed.dropFirst(5)), back >= 0, back < 1_000_000 else { return nil }
            self = .latest(back)
        } else if SessionRef.isDay(trimmed) {
            self = .day(trimmed)
        } else if SessionRef.looksLikeDay(trimmed) {
            // 2026-13-45 is a wrong date, not a prefix of an id that matches nothing.
            return nil
        } else if SessionID(trimmed) != nil {
            self = .idPrefix(trimmed)
        } else {
            return nil
        }
    }

    /// Finds the one session this ref names among `sessions` (any order), counting
    /// only the sessions of `subject` (matched ignoring case) when one is given:
    /// `last --subject anna` is Anna's latest session, whoever rolled last.
    public func resolve(in sessions: [SessionSummary], subject: String? = nil) throws(RefError) -> SessionSummary {
        let mine = subject.map { subject in sessions.filter { Subject.matches($0.subject, subject) } } ?? sessions
        // Sessions are ordered by the instant they started, never by the text of their id.
        let ordered = mine.sorted(by: SessionSummary.chronological)
        switch self {
        case .latest(let back):
            guard !ordered.isEmpty else { throw subject.map { RefError.subjectHasNone($0) } ?? RefError.emptyStore }
            guard back < ordered.count else {
                throw subject.map { RefError.tooFarBackInSubject(back, available: ordered.count, subject: $0) }
                    ?? RefError.tooFarBack(back, available: ordered.count)
            }
            return ordered[ordered.count - 1 - back]
        case .day(let day):
            let matches = ordered.filter { $0.startedAt.day == day }
            return try single(matches, for: day, subject: subject)
        case .idPrefix(let prefix):
            if let exact = ordered.first(where: { $0.id.rawValue == prefix }) { return exact }
            return try single(ordered.filter { $0.id.rawValue.hasPrefix(prefix) }, for: prefix, subject: subject)
        }
    }

    private func single(_ matches: [SessionSummary], for text: String, subject: String?) throws(RefError) -> SessionSummary {
        switch matches.count {
        case 1: return matches[0]
        case 0: throw subject.map { RefError.unknownInSubject(text, subject: $0) } ?? RefError.unknown(text)
        default: throw .ambiguous(text, candidates: matches.map(\.id))
        }
    }

    /// Shaped like YYYY-MM-DD, valid or not.
    static func looksLikeDay(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 10 else { return false }
        return characters.enumerated().allSatisfy { index, c in index == 4 || index == 7 ? c == "-" : c.isASCII && c.isNumber }
    }

    static func isDay(_ text: String) -> Bool {
        guard text.utf8.count == 10 else { return false }
        return Timestamp(iso8601: text + "T00:00:00Z") != nil
    }
}

/// Why a ref names no single session.
public enum RefError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case unknown(String)
    case ambiguous(String, candidates: [SessionID])
    case emptyStore
    case tooFarBack(Int, available: Int)
    /// `--subject S` was given and S has no session.
    case subjectHasNone(String)
    case unknownInSubject(String, subject: String)
    case tooFarBackInSubject(Int, available: Int, subject: String)

    public var description: String {
        switch self {
        case .malformed(let text) where SessionRef.looksLikeDay(text):
            return "\(text) is not a date; a day is YYYY-MM-DD, such as 2026-11-24."
        case .malformed(let text):
            return "\"\(TerminalText.sanitized(String(text.prefix(64))))\" is not a session reference; use an id, a prefix of one, last, last~N or YYYY-MM-DD."
        case .unknown(let text):
            return "No session matches \"\(text)\"; `backmap list` shows them all."
        case .ambiguous(let text, let candidates):
            let shown = candidates.prefix(10).map(\.rawValue).joined(separator: ", ")
            let more = candidates.count > 10 ? " and \(candidates.count - 10) more" : ""
            return "\"\(text)\" matches \(candidates.count) sessions: \(shown)\(more)."
        case .emptyStore:
            return "The store has no sessions yet; `backmap new` starts one."
        case .tooFarBack(let back, let available):
            return "last~\(back) goes back further than the \(available) sessions in the store."
        case .subjectHasNone(let subject):
            return "No session of \"\(TerminalText.sanitized(subject))\" in the store; `backmap list` shows every subject."
        case .unknownInSubject(let text, let subject):
            return "No session of \"\(TerminalText.sanitized(subject))\" matches \"\(text)\"; `backmap list --subject \(TerminalText.sanitized(subject))` shows them."
        case .tooFarBackInSubject(let back, let available, let subject):
            return "\"\(TerminalText.sanitized(subject))\" has \(available) session\(available == 1 ? "" : "s"); last~\(back) goes back further."
        }
    }
}
