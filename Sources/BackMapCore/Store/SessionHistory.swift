/// The sessions in the order they happened, for stepping to the one before
/// or after (replay's and compare's `[` and `]`).
///
/// It keeps only ids, so a screen can hold it cheaply; the session itself is
/// read from the store when the user steps to it.
public struct SessionHistory: Hashable, Sendable {
    /// Oldest first.
    public private(set) var ids: [SessionID]

    /// The history of `summaries` (any order), only of `subject` when given:
    /// stepping from one person's session should not land on another's back.
    public init(_ summaries: [SessionSummary], subject: String? = nil) {
        ids = summaries
            .filter { subject == nil || Subject.matches($0.subject, subject ?? "") }
            .sorted(by: SessionSummary.chronological)
            .map(\.id)
    }

    /// A history of ids already in chronological order.
    public init(chronological ids: [SessionID]) {
        self.ids = ids
    }

    /// The session before `id`, or nil at the start (or when `id` is not in the history).
    public func previous(before id: SessionID) -> SessionID? {
        guard let index = ids.firstIndex(of: id), index > 0 else { return nil }
        return ids[index - 1]
    }

    /// The session after `id`, or nil at the end (or when `id` is not in the history).
    public func next(after id: SessionID) -> SessionID? {
        guard let index = ids.firstIndex(of: id), index + 1 < ids.count else { return nil }
        return ids[index + 1]
    }

    /// "3 of 12", where `id` stands.
    public func position(of id: SessionID) -> (index: Int, count: Int)? {
        ids.firstIndex(of: id).map { ($0 + 1, ids.count) }
    }
}
