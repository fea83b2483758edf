import Foundation

/// The tightness of every zone at one moment; `nil` is unknown (not rolled).
public struct BackMap: Hashable, Sendable {
    /// Three bits a zone, 0 for unknown and 1–4 for tightness 0–3: the first 18 zones in
    /// `low`, the rest in `high`. Inline, not an array: a store's summaries each hold a
    /// map, and tens of thousands of small arrays cost megabytes and an allocation each.
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// A map where every zone is unknown.
    public init() {}

    private static let zonesPerWord = 18

    public subscript(zone: Zone) -> Tightness? {
        get { code(at: zone.index) == 0 ? nil : Tightness(rawValue: Int(code(at: zone.index)) - 1) }
        set { setCode(newValue.map { UInt64($0.rawValue + 1) } ?? 0, at: zone.index) }
    }

    private func code(at index: Int) -> UInt64 {
        let word = index < Self.zonesPerWord ? low : high
        return word >> UInt64(3 * (index % Self.zonesPerWord)) & 0b111
    }

    private mutating func setCode(_ code: UInt64, at index: Int) {
        let shift = UInt64(3 * (index % Self.zonesPerWord))
        if index < Self.zonesPerWord {
            low = low & ~(0b111 << shift) | code << shift
        } else {
            high = high & ~(0b111 << shift) | code << shift
        }
    }

    /// The map written as `compact` is: 36 bytes, "0"–"3" or "." for unknown, in `Zone.all`
    /// order; nil for anything else. Built word by word, as the summary index holds a map or
    /// three for every session of a store.
    init?(compact bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 2 * Self.zonesPerWord else { return nil }
        // `Zone.all[i].index == i`: the bytes come in the order of the codes in the words.
        guard let low = Self.word(UnsafeBufferPointer(rebasing: bytes[..<Self.zonesPerWord])),
              let high = Self.word(UnsafeBufferPointer(rebasing: bytes[Self.zonesPerWord...])) else { return nil }
        self.low = low
        self.high = high
    }

    /// One word's codes from its 18 bytes: eight bytes at a time, then the last two.
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard let first = eight(UInt64.bytes(at: bytes.baseAddress!)),
              let second = eight(UInt64.bytes(at: bytes.baseAddress! + 8)),
              let seventeenth = code(bytes[16]), let eighteenth = code(bytes[17]) else { return nil }
        return first | second &<< 24 | seventeenth &<< 48 | eighteenth &<< 51
    }

    /// The codes of eight bytes ("." 0, "0"–"3" 1–4) packed three bits apart, first byte
    /// lowest; nil if any byte is something else. All eight at once, in the bytes of a word
    /// (`UInt64.bytes(at:)`).
    private static func eight(_ lanes: UInt64) -> UInt64? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        // "0"–"3" become 0–3 and "." becomes 0x1E; a byte that is neither fails below.
        let value = lanes ^ (0x30 &* ones)
        let notDot = lanes.highBits(ofBytesOtherThan: UInt8(ascii: "."))
        let digitLanes = (notDot >> 7) &* 0xFF
        guard value & (0xFC &* ones) & digitLanes == 0 else { return nil }
        // Codes 1–4 in the digits' bytes, 0 in the dots', then packed from 8-bit lanes to 3-bit ones.
        let codes = ((value & (0x03 &* ones)) &+ ones) & digitLanes
        let pairs = (codes | codes >> 5) & 0x003F_003F_003F_003F
        let quads = (pairs | pairs >> 10) & 0x0000_0FFF_0000_0FFF
        return (quads | quads >> 20) & 0xFF_FFFF
    }

    /// One byte's code, as `eight` gives it.
    private static func code(_ byte: UInt8) -> UInt64? {
        if byte == UInt8(ascii: ".") { return 0 }
        let rating = byte &- UInt8(ascii: "0")
        return rating <= 3 ? UInt64(rating) &+ 1 : nil
    }

    /// The lowest bit of each zone's three in a word: one octal digit a zone, 18 zones.
    private static let lowBits: UInt64 = 0o111_111_111_111_111_111

    /// How many zones have the lowest bit of their code set once `bits` has shifted and
    /// combined the codes of a word (all 18 zones of the word at once).
    @inline(__always)
    private func count(_ bits: (UInt64) -> UInt64) -> Int {
        (bits(low) & Self.lowBits).nonzeroBitCount + (bits(high) & Self.lowBits).nonzeroBitCount
    }

    public subscript(side: Side, segment: Segment) -> Tightness? {
        get { self[Zone(side, segment)] }
        set { self[Zone(side, segment)] = newValue }
    }

    // The counts work on all zones of a word at once: reports ask them of every session of
    // a store, and going zone by zone cost more than the rest of a listed row.

    /// Zones that were rolled (have any rating, 0 included): a code other than 0.
    public var ratedCount: Int { count { $0 | $0 >> 1 | $0 >> 2 } }

    /// Zones rated tight or very tight: codes 3 (0b011) and 4 (0b100).
    public var tightCount: Int { count { $0 >> 2 | ($0 >> 1 & $0) } }

    /// The sum of the ratings of rolled zones; unknown zones add nothing. Each rolled zone's
    /// code is its rating plus one, so this is the sum of the codes less the zones rolled.
    public var score: Int { codeSum - ratedCount }

    /// The sum of every zone's code (0 for unknown).
    private var codeSum: Int { count { $0 } + 2 * count { $0 >> 1 } + 4 * count { $0 >> 2 } }

    /// The mean rating of the rolled zones, 0.00–3.00, or nil when nothing was rolled.
    /// Unlike the score it does not grow with how many zones were rolled, so a
    /// tennis-ball session of 8 zones and a full back can be set side by side.
    public var meanTightness: Double? {
        let rated = ratedCount
        return rated == 0 ? nil : Double(score) / Double(rated)
    }

    /// How many zones a session must roll to count as covering the back (SPEC 4).
    public static let fullCoverage = 30

    /// Fewer than `fullCoverage` zones rolled: a partial session, marked as such wherever
    /// sessions are set side by side over time.
    public var isPartial: Bool { ratedCount < Self.fullCoverage }

    /// The share of rolled zones that were tight (2 or more), or nil when nothing was rolled.
    public var tightExtent: Double? {
        let rated = ratedCount
        return rated == 0 ? nil : Double(tightCount) / Double(rated)
    }

    /// The zones rated tight or very tight.
    public var tightZones: Set<Zone> { Set(Zone.all.filter { self[$0]?.isTight == true }) }
}

extension BackMap {
    /// A mean as summaries print it: two decimals, or "–" when nothing was rolled (never 0).
    public static func formatMean(_ mean: Double?) -> String {
        formatMean(mean, dash: "–")
    }

    /// The same with the dash a 7-bit output needs ("-").
    public static func formatMean(_ mean: Double?, dash: String) -> String {
        guard let mean else { return dash }
        return String(format: "%.2f", mean)
    }

    /// `formatMean(meanTightness, dash:)` worked out in whole numbers: lists print it for
    /// every session, and `String(format:)` costs more than the rest of a row.
    public func meanText(dash: String) -> String {
        guard ratedCount > 0 else { return dash }
        var bytes: [UInt8] = []
        appendMean(to: &bytes, dash: "-")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Zones rolled and their score, worked out together for a row of a list (which shows
    /// both, and the mean from them).
    struct Figures {
        var rated: Int
        var score: Int
    }

    var figures: Figures {
        let rated = ratedCount
        return Figures(rated: rated, score: codeSum - rated)
    }

    /// The mean is score ÷ rated, so its hundredths round exactly; a tie (only odd eighths,
    /// which a double holds exactly) goes to the even digit, as printf's rounding does.
    func appendMean(to bytes: inout some ByteSink, dash: StaticString) {
        Self.appendMean(figures, to: &bytes, dash: dash)
    }

    static func appendMean(_ figures: Figures, to bytes: inout some ByteSink, dash: StaticString) {
        let rated = figures.rated
        guard rated > 0 else { return bytes.append(dash) }
        let hundredths = figures.score * 100
        var value = hundredths / rated
        let twice = 2 * (hundredths % rated)
        if twice > rated || (twice == rated && value % 2 == 1) { value += 1 }
        bytes.appendDecimal(value / 100)
        bytes.append(UInt8(ascii: "."))
        bytes.appendDecimal(value % 100, digits: 2)
    }

    /// A mean as JSON carries it: two decimals, like every summary shows it, or nil.
    public static func roundedMean(_ mean: Double?) -> Double? {
        mean.map { ($0 * 100).rounded() / 100 }
    }
}
