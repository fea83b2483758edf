import TestSupport
import Foundation
@testable import BackMapCore

/// Random but valid sessions for property tests: hostile text (controls,
/// escape sequences, bidi overrides, wide and combining characters, emoji),
/// odd time zones, many passes, cleared zones, and unknown keys at both levels.
enum RandomSession {
    /// Pieces of text chosen to break naive code, mixed with plain letters.
    static let hostilePieces: [String] = [
        "a", "Z", " ", "é", "e\u{301}", "\u{301}", "日本", "한", "👍🏽", "❤️", "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
        "\u{1B}[31m", "\u{1B}]0;title\u{07}", "\u{9B}2J", "\u{202E}", "\u{2066}", "\u{200B}", "\u{0}", "\n", "\r", "\t",
        "\"", "\\", "/", "\u{7F}", "\u{FEFF}", "\u{FFFD}", "\u{10FFFF}", "𝄞", "ﷺ", "\u{2028}",
    ]

    static func text(_ random: inout SeededRandom, maxPieces: Int) -> String {
        let count = Int.random(in: 1...max(1, maxPieces), using: &random)
        var text = ""
        for _ in 0..<count {
            if random.chance(0.7) {
                text += random.pick(hostilePieces)
            } else {
                // Any scalar at all, skipping the surrogate gap Swift cannot hold.
                let value = UInt32.random(in: 0...0x10FFFF, using: &random)
                if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
            }
        }
        return text
    }

    /// Text that passes the session's limits (1...limit code points, as the limits count).
    static func boundedText(_ random: inout SeededRandom, limit: Int) -> String {
        var text = self.text(&random, maxPieces: min(limit, 12))
        while text.unicodeScalars.count > limit { text.removeLast() }
        return text.isEmpty ? "x" : text
    }

    static func timestamp(_ random: inout SeededRandom) -> Timestamp {
        let seconds = Double(Int64.random(in: 0...4_102_444_800, using: &random))
        let minutes = Int.random(in: -(23 * 60 + 59)...(23 * 60 + 59), using: &random)
        return Timestamp(date: Date(timeIntervalSince1970: seconds), utcOffset: minutes * 60)
    }

    static func json(_ random: inout SeededRandom, depth: Int = 0) -> JSONValue {
        switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &random) {
        case 0: return .null
        case 1: return .bool(random.chance(0.5))
        case 2:
            // Whole numbers and finite fractions, both of which JSON carries exactly.
            if random.chance(0.5) { return .number(Double(Int.random(in: -1_000_000...1_000_000, using: &random))) }
            return .number(Double.random(in: -1e6...1e6, using: &random))
        case 3: return .string(text(&random, maxPieces: 6))
        case 4: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in json(&random, depth: depth + 1) })
        default:
            var object: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                object[text(&random, maxPieces: 3)] = json(&random, depth: depth + 1)
            }
            return .object(object)
        }
    }

    static func extra(_ random: inout SeededRandom, excluding known: Set<String>) -> [String: JSONValue] {
        var extra: [String: JSONValue] = [:]
        guard random.chance(0.4) else { return extra }
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let key = "x-" + text(&random, maxPieces: 3)
            if !known.contains(key) { extra[key] = json(&random) }
        }
        return extra
    }

    static func make(_ random: inout SeededRandom, maxMarks: Int = 80) -> Session {
        let start = timestamp(&random)
        let id = SessionID.make(at: start, random: { UInt16.random(in: .min ... .max, using: &random) })
        var marks: [Mark] = []
        var pass = 1
        for _ in 0..<Int.random(in: 0...maxMarks, using: &random) {
            if random.chance(0.05) { pass += Int.random(in: 1...2, using: &random) }
            let zone = random.pick(Zone.all)
            let tightness: Tightness? = random.chance(0.15) ? nil : random.pick(Tightness.allCases)
            let note: String? = random.chance(0.1) ? (random.chance(0.2) ? "" : boundedText(&random, limit: SessionLimits.noteCharacters)) : nil
            marks.append(Mark(at: timestamp(&random), pass: min(pass, SessionLimits.passes), zone: zone, tightness: tightness, note: note,
                              extra: extra(&random, excluding: ["at", "pass", "side", "segment", "tightness", "note"])))
        }
        let tags = (0..<Int.random(in: 0...4, using: &random)).map { _ in boundedText(&random, limit: SessionLimits.tagCharacters) }
        return Session(
            id: id, startedAt: start,
            subject: boundedText(&random, limit: SessionLimits.subjectCharacters),
            technique: random.pick(Technique.allCases),
            painBefore: random.chance(0.5) ? Int.random(in: 0...10, using: &random) : nil,
            painAfter: random.chance(0.5) ? Int.random(in: 0...10, using: &random) : nil,
            note: random.chance(0.3) ? boundedText(&random, limit: SessionLimits.noteCharacters) : nil,
            tags: tags, marks: marks,
            extra: extra(&random, excluding: ["format", "version", "id", "startedAt", "subject", "technique",
                                              "painBefore", "painAfter", "note", "tags", "marks"]))
    }
}
