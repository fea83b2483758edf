import BackMapCore

/// The marking editor: a session, a cursor on a zone, and the undo history.
///
/// Every change returns `.save(session)`: nothing ever asks to save.
public struct EditorState: Equatable, Sendable {
    public var session: Session
    public var cursor: Zone
    /// The pass new marks go into.
    public var pass: Int
    /// Guided mode walks the roll: left S1 up to T1, then right S1 up to T1.
    public var isGuided = false
    public var prompt: Prompt?
    /// A short message for the status line, cleared by the next key.
    public var message: String?
    /// Where a range started (`v`, or a drag): the range runs from here to the cursor.
    public var rangeAnchor: Zone?
    /// The zone a mouse press landed on and the mark its click logged, so a drag that
    /// follows turns that press into the start of a range instead of a rating.
    var press: Press?

    /// A mouse press on a zone, and the mark its click logged (none when read-only or full).
    struct Press: Equatable, Sendable {
        var zone: Zone
        var mark: Mark?
    }

    /// Text typed in a prompt that was left with Esc, by prompt: the prompt opens
    /// with it next time, so Esc never loses typed text.
    public var drafts: [PromptPurpose: String] = [:]
    var undoStack: [Edit] = []
    var redoStack: [Edit] = []

    /// What a text prompt is for.
    public enum PromptPurpose: Hashable, Sendable {
        case zoneNote(Zone)
        case sessionNote
        case painBefore
        case painAfter
        case tags
        case subject
        case technique
    }

    public struct Prompt: Equatable, Sendable {
        public var purpose: PromptPurpose
        public var field: TextPrompt
        /// The value the session held when the prompt opened: Esc on any other
        /// text keeps it as a draft.
        public var stored: String
    }

    /// One undoable change, kept as the change rather than as a copy of the
    /// session, so undo costs the same in a session of 5,000 marks as in one of five.
    enum Edit: Equatable, Sendable {
        /// A mark added at the end of the log.
        case appended(Mark)
        /// Marks added at once, one per zone of a range: undone and redone as one step.
        case appendedRange([Mark])
        /// Marks taken out of the log (`x`), with where each was, in log order.
        case removed([RemovedMark])
        /// The session's details as they were, and as they became.
        case details(before: Details, after: Details)
    }

    /// A mark `x` took out of the log, and its index there before.
    struct RemovedMark: Equatable, Sendable {
        var index: Int
        var mark: Mark
    }

    /// What the prompts change besides the log.
    struct Details: Equatable, Sendable {
        var note: String?
        var painBefore: Int?
        var painAfter: Int?
        var tags: [String]
        var subject: String
        var technique: Technique

        init(_ session: Session) {
            note = session.note
            painBefore = session.painBefore
            painAfter = session.painAfter
            tags = session.tags
            subject = session.subject
            technique = session.technique
        }

        func apply(to session: inout Session) {
            session.note = note
            session.painBefore = painBefore
            session.painAfter = painAfter
            session.tags = tags
            session.subject = subject
            session.technique = technique
        }
    }

    /// How many changes undo remembers.
    static let undoDepth = 1_000

    public init(session: Session) {
        self.session = session
        self.cursor = Zone(.left, .s1)
        self.pass = session.lastPass
    }

    public var isReadOnly: Bool { session.isFromNewerVersion }

    /// What the screen shows: the session's map so far.
    public var map: BackMap { session.map }

    /// The zones of the range, in rolling order (each strip from S1 up, left first):
    /// the segments between the anchor and the cursor, on their side, or on both sides
    /// when the two are on different sides. Empty without a range.
    public var rangeZones: [Zone] {
        guard let anchor = rangeAnchor else { return [] }
        let rows = min(anchor.segment.row, cursor.segment.row)...max(anchor.segment.row, cursor.segment.row)
        return Zone.rollingOrder.filter { zone in
            rows.contains(zone.segment.row) && (anchor.side != cursor.side || zone.side == anchor.side)
        }
    }
}
