import BackMapCore

/// The home screen: every session, newest first, with a cursor, a filter,
/// a session marked for comparing, and the files the scan could not read.
public struct SessionListState: Equatable, Sendable {
    /// Every session in the store, newest first.
    public private(set) var all: NewestFirst
    /// The sessions the filter lets through, newest first: what the rows show.
    public private(set) var rows: NewestFirst
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
    /// The rows came from the summary index and the files are still being checked: the
    /// screen says so until `reload` brings the checked scan, which replaces them whole,
    /// so old and new are never mixed on screen without this mark.
    public private(set) var isChecking = false
    /// How many sessions the index holds, while checking (the rows are only its newest).
    private var indexedTotal: Int?
    /// There is no summary index yet and every file is being read: no rows, and no count,
    /// until the check behind the screen brings them.
    public private(set) var isReading = false

    /// How many sessions the store holds, as far as is known yet.
    public var sessionCount: Int { indexedTotal ?? all.count }

    public init(scan: StoreScan) {
        all = NewestFirst(oldestFirst: scan.summaries)
        rows = all
        problems = scan.problems
    }

    /// The newest sessions as the summary index last saw them (oldest first, like a scan),
    /// shown at once and marked as not yet checked; `total` is how many the index holds.
    public init(unchecked summaries: [SessionSummary], total: Int) {
        var scan = StoreScan()
        scan.summaries = summaries
        self.init(scan: scan)
        isChecking = true
        indexedTotal = max(total, summaries.count)
    }

    /// The home screen of a store without a summary index while every file is read (a first
    /// start, after an upgrade): it says so, and the check behind it brings the list.
    public static var reading: SessionListState {
        var state = SessionListState(scan: StoreScan())
        state.isChecking = true
        state.isReading = true
        return state
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
        all = NewestFirst(oldestFirst: scan.summaries)
        problems = scan.problems
        isChecking = false
        isReading = false
        indexedTotal = nil
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
    public var knownSubjects: [String] { Subject.known(in: all.oldestFirst) }

    /// Sessions whose subject, technique, tags, date or id contain every word of `filter`, ignoring case.
    static func filtered(_ summaries: NewestFirst, by filter: String) -> NewestFirst {
        let words = filter.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return summaries }
        return NewestFirst(oldestFirst: summaries.oldestFirst.filter { summary in
            let haystack = searchText(summary)
            return words.allSatisfy { haystack.contains($0) }
        })
    }

    private static func searchText(_ summary: SessionSummary) -> String {
        ([summary.subject, summary.technique.rawValue, summary.startedAt.day,
          "\(summary.startedAt.day) \(summary.startedAt.clock)", summary.id.rawValue] + summary.tags)
            .joined(separator: "\n").lowercased()
    }
}
