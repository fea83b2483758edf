import BackMapCore

/// One of the two sides of the compare screen.
public enum ComparePane: String, Equatable, Sendable {
    case a = "A"
    case b = "B"

    public var other: ComparePane { self == .a ? .b : .a }
}

/// Compare: session A (the reference) and session B side by side, each whole
/// or through one pass, with the change of every zone between them.
public struct CompareState: Equatable, Sendable {
    public private(set) var sessionA: Session
    public private(set) var sessionB: Session
    /// The pass shown on each side, or nil for the whole session.
    public private(set) var passA: Int?
    public private(set) var passB: Int?
    /// The side that `[`, `]` and `p` act on.
    public var active: ComparePane = .b
    /// The sessions each side steps through, of that side's subject, oldest first.
    public private(set) var historyA: SessionHistory
    public private(set) var historyB: SessionHistory
    /// A short message for the status line, cleared by the next key.
    public var message: String?
    /// The full summary laid over B's back, on terminals too short for it beside or below.
    public var showsDetails = false

    public init(a: Session, passA: Int? = nil, b: Session, passB: Int? = nil,
                historyA: SessionHistory, historyB: SessionHistory) {
        sessionA = a
        sessionB = b
        self.passA = passA.flatMap { a.passes.contains($0) ? $0 : nil }
        self.passB = passB.flatMap { b.passes.contains($0) ? $0 : nil }
        self.historyA = historyA
        self.historyB = historyB
    }

    /// What the screen shows: both sides and their zone-by-zone change.
    public var comparison: SessionComparison {
        SessionComparison(sessionA, pass: passA, with: sessionB, pass: passB)
    }

    public func session(_ pane: ComparePane) -> Session { pane == .a ? sessionA : sessionB }
    public func pass(_ pane: ComparePane) -> Int? { pane == .a ? passA : passB }
    public func history(_ pane: ComparePane) -> SessionHistory { pane == .a ? historyA : historyB }

    /// Puts a session on one side, keeping the pass shown when the new session has it.
    public mutating func show(_ session: Session, on pane: ComparePane) {
        let pass = self.pass(pane).flatMap { session.passes.contains($0) ? $0 : nil }
        switch pane {
        case .a:
            sessionA = session
            passA = pass
        case .b:
            sessionB = session
            passB = pass
        }
    }

    /// Shows the next pass on one side: all passes, pass 1, pass 2, …, all passes.
    public mutating func cyclePass(_ pane: ComparePane) {
        let passes = session(pane).passes
        let next: Int?
        if let current = pass(pane), let index = passes.firstIndex(of: current), index + 1 < passes.count {
            next = passes[index + 1]
        } else if pass(pane) == nil {
            next = passes.first
        } else {
            next = nil
        }
        switch pane {
        case .a: passA = next
        case .b: passB = next
        }
    }

    /// A becomes B and B becomes A, each with its pass and its history.
    public mutating func swap() {
        Swift.swap(&sessionA, &sessionB)
        Swift.swap(&passA, &passB)
        Swift.swap(&historyA, &historyB)
    }
}

extension CompareState {
    /// A session read for `pane` arrived: it goes on that side, whichever side is active now.
    mutating func loaded(_ session: Session, on pane: ComparePane) {
        show(session, on: pane)
        if let place = history(pane).position(of: session.id) {
            message = "\(pane.rawValue): session \(place.index) of \(place.count)"
        }
    }
}
