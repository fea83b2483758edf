/// One thing the user did to a zone, in the order it was done.
///
/// A session keeps the whole log rather than only the final map, so a replay
/// can show how the session went and a pass can be told from the next.
public struct Mark: Hashable, Sendable {
    /// When the zone was rated.
    public var at: Timestamp
    /// The pass this mark belongs to, counting from 1.
    public var pass: Int
    public var side: Side
    public var segment: Segment
    /// The rating, or nil when the user cleared the zone.
    public var tightness: Tightness?
    /// What the helper or the person said about this zone.
    public var note: String?
    /// Keys written by a newer backmap, kept as they were.
    public var extra: [String: JSONValue]

    public init(at: Timestamp, pass: Int, zone: Zone, tightness: Tightness?, note: String? = nil,
                extra: [String: JSONValue] = [:]) {
        self.at = at
        self.pass = pass
        self.side = zone.side
        self.segment = zone.segment
        self.tightness = tightness
        self.note = note
        self.extra = extra
    }

    public var zone: Zone { Zone(side, segment) }
}

extension Mark: Codable {
    private static let known: Set<String> = ["at", "pass", "side", "segment", "tightness", "note"]

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        at = try c.decode(Timestamp.self, forKey: AnyKey("at"))
        pass = try c.decodeWholeNumber(forKey: AnyKey("pass"))
        side = try c.decode(Side.self, forKey: AnyKey("side"))
        segment = try c.decode(Segment.self, forKey: AnyKey("segment"))
        // `tightness` must be present: null means cleared, a missing key is a broken file.
        guard c.contains(AnyKey("tightness")) else {
            throw DecodingError.keyNotFound(AnyKey("tightness"), .init(
                codingPath: c.codingPath, debugDescription: "a mark needs \"tightness\" (0–3, or null when cleared)"))
        }
        if let level = try c.decodeWholeNumberIfPresent(forKey: AnyKey("tightness")) {
            guard let value = Tightness(rawValue: level) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: c.codingPath + [AnyKey("tightness")],
                    debugDescription: "\(level) is not a tightness (0–3, or null when cleared)"))
            }
            tightness = value
        } else {
            tightness = nil
        }
        note = try c.decodeIfPresent(String.self, forKey: AnyKey("note"))
        extra = try c.unknownValues(excluding: Mark.known)
        guard pass >= 1 else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath + [AnyKey("pass")], debugDescription: "pass must be 1 or more"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encode(at, forKey: AnyKey("at"))
        try c.encode(pass, forKey: AnyKey("pass"))
        try c.encode(side, forKey: AnyKey("side"))
        try c.encode(segment, forKey: AnyKey("segment"))
        if let tightness {
            try c.encode(tightness, forKey: AnyKey("tightness"))
        } else {
            try c.encodeNil(forKey: AnyKey("tightness"))
        }
        try c.encodeIfPresent(note, forKey: AnyKey("note"))
        try c.encode(unknown: extra)
    }
}
