/// What lists and trends need of a session, without its log.
public struct SessionSummary: Hashable, Sendable, Codable {
    public var id: SessionID
    public var startedAt: Timestamp
    public var subject: String
    public var technique: Technique
    public var tags: [String]
    public var painBefore: Int?
    public var painAfter: Int?
    public var markCount: Int
    public var passCount: Int
    /// The session's derived map.
    public var map: BackMap
    /// Written by a newer backmap: read-only here.
    public var isFromNewerVersion: Bool
    public var hasNote: Bool
    /// The first pass against the last, nil with fewer than two passes.
    public var release: SessionRelease?

    public init(_ session: Session) {
        id = session.id
        startedAt = session.startedAt
        subject = session.subject
        technique = session.technique
        tags = session.tags
        painBefore = session.painBefore
        painAfter = session.painAfter
        markCount = session.marks.count
        passCount = session.passes.count
        map = session.map
        isFromNewerVersion = session.isFromNewerVersion
        hasNote = session.note != nil
        release = session.release
    }

    public var zonesRated: Int { map.ratedCount }
    public var score: Int { map.score }

    /// Oldest first; ids break ties so the order never depends on the file system.
    public static func chronological(_ a: SessionSummary, _ b: SessionSummary) -> Bool {
        a.startedAt == b.startedAt ? a.id < b.id : a.startedAt < b.startedAt
    }
}

extension BackMap: Codable {
    /// 36 characters, left T1…S1 then right T1…S1, "0"–"3" or "." for unknown: compact in the index.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self.init(compact: text)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(compact)
    }

    public var compact: String {
        String(Zone.all.map { zone -> Character in
            self[zone].map { Character(String($0.rawValue)) } ?? "."
        })
    }

    public init(compact: String) {
        self.init()
        for (zone, character) in zip(Zone.all, compact) {
            self[zone] = character.wholeNumberValue.flatMap(Tightness.init(rawValue:))
        }
    }
}
