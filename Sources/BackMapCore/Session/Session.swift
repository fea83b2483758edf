/// One session of rolling: who, how, when, and the log of marks.
///
/// The map is never stored; it is derived from the log (see `map` and
/// `map(pass:)`), so the file cannot disagree with itself.
public struct Session: Hashable, Sendable, Identifiable {
    /// The value of `format` in every session file.
    public static let formatName = "backmap.session"
    /// The file version this build writes. Files with a higher one are read but never rewritten.
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var id: SessionID
    public var startedAt: Timestamp
    /// Whose back: "me" unless told otherwise.
    public var subject: String
    public var technique: Technique
    /// Pain on a 0–10 scale before the session, if the person said.
    public var painBefore: Int?
    /// Pain on a 0–10 scale after the session, if the person said.
    public var painAfter: Int?
    public var note: String?
    public var tags: [String]
    /// What the user did, in order.
    public var marks: [Mark]
    /// Keys written by a newer backmap, kept as they were.
    public var extra: [String: JSONValue]

    public init(id: SessionID, startedAt: Timestamp, subject: String = "me",
                technique: Technique = .skinRolling, painBefore: Int? = nil, painAfter: Int? = nil,
                note: String? = nil, tags: [String] = [], marks: [Mark] = [],
                extra: [String: JSONValue] = [:]) {
        self.format = Session.formatName
        self.version = Session.currentVersion
        self.id = id
        self.startedAt = startedAt
        self.subject = subject
        self.technique = technique
        self.painBefore = painBefore
        self.painAfter = painAfter
        self.note = note
        self.tags = tags
        self.marks = marks
        self.extra = extra
    }

    /// A session written by a newer backmap: shown, never rewritten.
    public var isFromNewerVersion: Bool { version > Session.currentVersion }

    /// The passes that have marks, in order.
    public var passes: [Int] {
        // Sorted, then each kept once: cheaper than hashing every mark, as every session read does.
        var passes = marks.map(\.pass)
        passes.sort()
        var kept = 0
        for index in passes.indices where kept == 0 || passes[kept - 1] != passes[index] {
            passes[kept] = passes[index]
            kept += 1
        }
        passes.removeLast(passes.count - kept)
        return passes
    }

    /// The highest pass with a mark, or 1 for an empty session.
    public var lastPass: Int { marks.map(\.pass).max() ?? 1 }

    /// The map of one pass: the last mark of each zone in that pass.
    public func map(pass: Int) -> BackMap {
        var map = BackMap()
        for mark in marks where mark.pass == pass {
            map[mark.zone] = mark.tightness
        }
        return map
    }

    /// The session's map: for each zone, the value from the latest pass that touched it.
    public var map: BackMap { map(throughMark: marks.count) }

    /// The session's map as it stood after the first `count` marks, for replay.
    public func map(throughMark count: Int) -> BackMap {
        var map = BackMap()
        var passOfValue = [Int](repeating: 0, count: Zone.all.count)
        for mark in marks.prefix(max(0, count)) where mark.pass >= passOfValue[mark.zone.index] {
            // A later mark in an earlier pass (marks are logged in time order, passes
            // normally rise) does not override what a later pass already said.
            passOfValue[mark.zone.index] = mark.pass
            map[mark.zone] = mark.tightness
        }
        return map
    }

    /// The zones whose latest note says something, among the first `count` marks
    /// (all of them by default): the drawings mark them.
    public func notedZones(throughMark count: Int = .max) -> Set<Zone> {
        var latest: [Zone: String] = [:]
        for mark in marks.prefix(max(0, count)) {
            if let note = mark.note { latest[mark.zone] = note }
        }
        return Set(latest.filter { !$0.value.isEmpty }.keys)
    }

    /// The latest note left on a zone, if any.
    public func note(for zone: Zone) -> String? {
        marks.last { $0.zone == zone && $0.note != nil }?.note
    }
}
