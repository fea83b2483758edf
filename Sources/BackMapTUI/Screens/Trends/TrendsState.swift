import BackMapCore

/// The trends screen: per-zone heat map and direction over the last N
/// sessions, and the score over time. It reads only session summaries.
public struct TrendsState: Equatable, Sendable {
    /// Every session of the store, oldest first.
    public private(set) var summaries: [SessionSummary]
    /// Files of the store that could not be read (they are left out).
    public private(set) var skippedFiles: Int
    public private(set) var filter: TrendFilter
    /// Kept up to date with `summaries` and `filter`.
    public private(set) var trends: Trends
    /// The zone whose figures the side panel shows.
    public var cursor: Zone
    /// A short message for the status line, cleared by the next key.
    public var message: String?

    /// The trends of exactly `filter` (its subject nil pools every subject).
    public init(scan: StoreScan, filter: TrendFilter = TrendFilter()) {
        summaries = scan.summaries
        skippedFiles = scan.problems.count
        self.filter = filter
        trends = Trends(scan.summaries, filter: filter)
        cursor = Zone(.left, .t1)
    }

    /// The trends of one subject (by default the newest session's): two people's
    /// backs are pooled only when `scope` is `.all`.
    public init(scan: StoreScan, scope: SubjectScope, last: Int = TrendFilter.defaultLast) {
        self.init(scan: scan, filter: TrendFilter(last: last, subject: scope.subject(in: scan.summaries)))
    }

    /// The subjects of the store, newest first, as `s` cycles through them (then all pooled).
    public var subjects: [String] { Subject.known(in: summaries) }

    /// Applies one event and says what the program must do about it.
    public mutating func update(_ event: Event, context: Context) -> Effect {
        if case .storeChanged(let scan) = event { reload(scan) }
        guard case .key(let key) = event else { return .none }
        if case .click(let x, let y) = key {
            message = nil
            let layout = BackLayout(width: context.width, height: context.height, panel: TrendsState.panel, yieldsLandmarks: true)
            if let zone = layout.zone(atX: x, y: y) { cursor = zone }
            return .none
        }
        guard let action = TrendsKeys.table.action(for: key, message: &message) else { return .none }
        return apply(action)
    }

    /// Performs an action, as a key asked.
    public mutating func apply(_ action: TrendsAction) -> Effect {
        switch action {
        case .move(let step):
            cursor = cursor.stepped(step)
            return .none
        case .moreSessions:
            guard filter.last < trends.matchingCount else {
                message = "all \(trends.matchingCount) sessions are already in"
                return .none
            }
            let next = TrendsKeys.windows.first { $0 > filter.last } ?? filter.last
            setWindow(min(next, max(trends.matchingCount, TrendsKeys.windows[0])))
            return .none
        case .fewerSessions:
            guard let previous = TrendsKeys.windows.last(where: { $0 < min(filter.last, trends.matchingCount) }) else {
                message = "\(TrendsKeys.windows[0]) sessions is the shortest window"
                return .none
            }
            setWindow(previous)
            return .none
        case .nextSubject:
            cycleSubject()
            return .none
        case .back:
            return .back
        }
    }

    /// The next subject, then all of them pooled, then the first again.
    private mutating func cycleSubject() {
        let known = subjects
        guard known.count > 1 else {
            message = known.isEmpty ? "no sessions yet" : "every session is \(known[0])'s"
            return
        }
        let index = filter.subject.flatMap { current in known.firstIndex { Subject.matches($0, current) } }
        switch index {
        case let index? where index + 1 < known.count: filter.subject = known[index + 1]
        case .some: filter.subject = nil
        case nil: filter.subject = known[0]
        }
        trends = Trends(summaries, filter: filter)
        message = filter.subject.map { "trends of \($0)" } ?? "all \(known.count) subjects pooled"
    }

    private mutating func setWindow(_ last: Int) {
        filter.last = last
        trends = Trends(summaries, filter: filter)
        message = last >= trends.matchingCount ? "all \(trends.matchingCount) sessions" : "last \(last) sessions"
    }
}

extension TrendsState {
    /// Takes a fresh scan, keeping the window, the filter and the cursor.
    public mutating func reload(_ scan: StoreScan) {
        summaries = scan.summaries
        skippedFiles = scan.problems.count
        trends = Trends(summaries, filter: filter)
    }
}
