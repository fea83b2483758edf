/// One side of a comparison: a session seen whole or through one pass.
public struct ComparisonSide: Hashable, Sendable {
    public var id: SessionID
    public var startedAt: Timestamp
    public var subject: String
    public var technique: Technique
    /// The pass shown, or nil for the whole session (latest pass per zone).
    public var pass: Int?
    /// The passes the session has, for cycling.
    public var passes: [Int]
    public var painBefore: Int?
    public var painAfter: Int?
    public var map: BackMap
    /// The zones that carry a note, marked on the drawing.
    public var notedZones: Set<Zone>

    public init(_ session: Session, pass: Int? = nil) {
        id = session.id
        startedAt = session.startedAt
        subject = session.subject
        technique = session.technique
        self.pass = pass
        passes = session.passes
        painBefore = session.painBefore
        painAfter = session.painAfter
        map = pass.map { session.map(pass: $0) } ?? session.map
        notedZones = session.notedZones()
    }

    /// "all passes", "pass 2 of 3".
    public var passTitle: String {
        if let pass { return "pass \(pass) of \(passes.count)" }
        return passes.count > 1 ? "all \(passes.count) passes" : "1 pass"
    }
}

/// Two sessions compared: their details and their maps zone by zone.
public struct SessionComparison: Hashable, Sendable {
    public var a: ComparisonSide
    public var b: ComparisonSide

    public init(a: ComparisonSide, b: ComparisonSide) {
        self.a = a
        self.b = b
    }

    public init(_ a: Session, pass passA: Int? = nil, with b: Session, pass passB: Int? = nil) {
        self.init(a: ComparisonSide(a, pass: passA), b: ComparisonSide(b, pass: passB))
    }

    public var maps: Comparison { Comparison(a: a.map, b: b.map) }

    /// Both sides are the same person's back (subjects match ignoring case).
    public var sameSubject: Bool { Subject.matches(a.subject, b.subject) }

    /// The one line that says two different people are compared, or nil for one person.
    public var differentSubjectsNote: String? {
        sameSubject ? nil : "A and B are different people (A \(a.subject), B \(b.subject)): not a change over time."
    }
}
