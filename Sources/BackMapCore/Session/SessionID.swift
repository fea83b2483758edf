import Foundation

/// A session's id: sorts by time and stays unique across machines, so two
/// stores merge by copying files ("20261124-190211-a3f9").
public struct SessionID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts ids that are safe as file names: 1–64 of `A–Z a–z 0–9 - _ .`, not starting with a dot.
    public init?(_ rawValue: String) {
        guard SessionID.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// A new id for a session started at `time`: local date and time plus four random hex digits.
    public static func make(at time: Timestamp,
                            random: () -> UInt16 = { UInt16.random(in: .min ... .max) }) -> SessionID {
        let f = time.fields
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        let hex = String(random(), radix: 16)
        let text = "\(pad(f.year, 4))\(pad(f.month, 2))\(pad(f.day, 2))-\(pad(f.hour, 2))\(pad(f.minute, 2))\(pad(f.second, 2))-\(String(repeating: "0", count: 4 - hex.count))\(hex)"
        return SessionID(unchecked: text)
    }

    private init(unchecked: String) { rawValue = unchecked }

    /// An id whose text the caller has checked with `isValid`.
    init(validated: String) { rawValue = validated }

    public var description: String { rawValue }

    public static func < (a: SessionID, b: SessionID) -> Bool { a.rawValue < b.rawValue }

    static func isValid(_ text: String) -> Bool {
        isValid(bytes: text.utf8)
    }

    static func isValid<Bytes: Collection<UInt8>>(bytes: Bytes) -> Bool {
        guard (1...64).contains(bytes.count), bytes.first != UInt8(ascii: ".") else { return false }
        return bytes.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = SessionID(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "an id is 1–64 letters, digits, '-', '_' or '.', not starting with '.'")
        }
        self = id
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
