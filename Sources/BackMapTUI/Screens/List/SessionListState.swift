import BackMapCore

/// The home screen: every session, newest first, with a cursor, a filter,
/// a session marked for comparing, and the files the scan could not read.
public struct SessionListState: Equatable, Sendable {
    /// Every session in the store, newest first.
    public private(set) var all: [SessionSummary]
    /// The sessions the filter lets through, newest first: what the rows show.
    public private(set) var rows: [SessionSummary]
    /// Files that could not be read; shown, never hidden behind the rest.
    public private(set) var problems: [StoreProblem]
    /// The words every shown session must contain (subject, technique, tags, date or id).
    public private(set) var filter = ""
    /// The filter being typed after `/`; rows follow it as it changes.
    public var filterPrompt: TextPrompt?
    /// The row under the cursor, an index into `rows`.
    public var cursor = 0
    /// The first row drawn; kept so the list does not jump while the cursor moves.
    public var scrollTop = 0
    /// The session `m` marked, which `c` compares with the selected one.
    public var marked: SessionID?
    /// Whose back a new session is for, asked when the store holds several subjects.
    public var subjectPrompt: TextPrompt?
    /// A session waiting for y/n before it goes to the trash.
    public var confirmingTrash: SessionID?
    /// A short message for the status line, cleared by the next key.
    public var message: String?

    public init(scan: StoreScan) {
        all = scan.summaries.reversed()
        rows = all
        problems = scan.problems
    }

    /// The session under the cursor, if the list has any.
    public var selected: SessionSummary? { rows.indices.contains(cursor) ? rows[cursor] : nil }

    /// Changes the filter and keeps the cursor on the same session when it still shows.
    public mutating func setFilter(_ text: String) {
        let keep = selected?.id
        filter = text
        rows = SessionListState.filtered(all, by: text)
        place(cursorOn: keep)
    }

    /// Takes a fresh scan (after an edit or a trash), keeping the cursor and the mark where possible.
    public mutating func reload(_ scan: StoreScan) {
        let keep = selected?.id
        let index = cursor
        all = scan.summaries.reversed()
        problems = scan.problems
        rows = SessionListState.filtered(all, by: filter)
        if let marked, !all.contains(where: { $0.id == marked }) { self.marked = nil }
        if let keep, rows.contains(where: { $0.id == keep }) {
            place(cursorOn: keep)
        } else {
            // The session under the cursor went away: stay at the same place in the list.
            cursor = max(0, min(index, rows.count - 1))
        }
    }

    private mutating func place(cursorOn id: SessionID?) {
        cursor = id.flatMap { id in rows.firstIndex { $0.id == id } } ?? 0
        cursor = max(0, min(cursor, rows.count - 1))
    }

    /// The subjects of the store, newest first: what `n` offers.
    public var knownSubjects: [String] { Subject.known(in: all) }

    /// Sessions whose subject, technique, tags, date or id contain every word of `filter`, ignoring case.
    static func filtered(_ summaries: [SessionSummary], by filter: String) -> [SessionSummary] {
        let words = filter.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return summaries }
        return summaries.filter { summary in
            let haystack = searchText(summary)
            return words.allSatisfy { haystack.contains($0) }
        }
    }

    private static func searchText(_ summary: SessionSummary) -> String {
        ([summary.subject, summary.technique.rawValue, summary.startedAt.day,
          "\(summary.startedAt.day) \(summary.startedAt.clock)", summary.id.rawValue] + summary.tags)
            .joined(separator: "\n").lowercased()
    }
}
