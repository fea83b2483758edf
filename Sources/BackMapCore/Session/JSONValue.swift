/// Any JSON value, kept so that keys this version does not know survive a
/// load and save untouched (a newer backmap may have written them).
public enum JSONValue: Hashable, Sendable, Codable {
    case null
    case bool(Bool)
    /// A number as it was written, every digit kept.
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            // Foundation gives no number's text; an integer at least comes whole.
            self = .number(JSONNumber(value))
        } else if let value = try? container.decode(Double.self) {
            self = .number(JSONNumber(value))
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            // Foundation writes only what Int64 and Double hold; session files go
            // through SessionEncoder, which writes the text as it was.
            if let whole = Int64(value.text) {
                try container.encode(whole)
            } else {
                let double = value.double
                if double == double.rounded(), abs(double) < 9.0e15 {
                    try container.encode(Int64(double))
                } else {
                    try container.encode(double)
                }
            }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

/// A JSON number kept as the text it was written as, so that a load and save
/// never rewrites it: a Double would turn 9007199254740993 into …992 and
/// 12345678901234567890 into 1.2345678901234567e+19.
///
/// Two numbers are equal when they are written alike (`1.0` is not `1`), which
/// is what "kept exactly" means; `double` gives the value for arithmetic.
public struct JSONNumber: Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// The number's JSON text, always valid JSON.
    public let text: String

    /// A number read from a file: the caller has checked it is JSON number syntax.
    init(unchecked text: String) { self.text = text }

    public init(_ value: Int64) { text = String(value) }
    public init(_ value: Int) { text = String(value) }

    /// Whole values within a Double's exact range are written as integers, others
    /// in Swift's shortest form that reads back to the same Double; not-a-number
    /// and the infinities, which JSON cannot hold, become null's nearest number, 0.
    public init(_ value: Double) {
        if !value.isFinite {
            text = "0"
        } else if value == value.rounded(), abs(value) < 9.0e15 {
            text = String(Int64(value))
        } else {
            text = "\(value)"
        }
    }

    public init(integerLiteral value: Int) { self.init(value) }
    public init(floatLiteral value: Double) { self.init(value) }

    /// The nearest Double.
    public var double: Double { Double(text) ?? 0 }
    public var description: String { text }

    public static func < (a: JSONNumber, b: JSONNumber) -> Bool { a.double < b.double }
}

/// A coding key for any name, used to read and write the keys a type does not declare.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer where Key == AnyKey {
    /// Every key not in `known`, with its value.
    func unknownValues(excluding known: Set<String>) throws -> [String: JSONValue] {
        var extra: [String: JSONValue] = [:]
        for key in allKeys where !known.contains(key.stringValue) {
            extra[key.stringValue] = try decode(JSONValue.self, forKey: key)
        }
        return extra
    }
}

extension KeyedEncodingContainer where Key == AnyKey {
    mutating func encode(unknown values: [String: JSONValue]) throws {
        for (key, value) in values { try encode(value, forKey: AnyKey(key)) }
    }
}

extension KeyedDecodingContainer where Key == AnyKey {
    /// Decodes an integer, naming the key when the number has a fraction or is out of range.
    ///
    /// Foundation's decoder reports `1.5` where an `Int` belongs as "The given data
    /// was not valid JSON." with no coding path, which sends a person looking for a
    /// syntax error that is not there.
    func decodeWholeNumber(forKey key: AnyKey) throws -> Int {
        // Exact first: a large integer read as a Double would lose its last digits.
        if let whole = try? decode(Int.self, forKey: key) { return whole }
        let value: Double
        do {
            value = try decode(Double.self, forKey: key)
        } catch DecodingError.typeMismatch(_, let context) {
            throw DecodingError.typeMismatch(Int.self, context)
        }
        guard value == value.rounded() else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath + [key], debugDescription: "\(value) is not a whole number"))
        }
        guard let whole = Int(exactly: value) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath + [key], debugDescription: "\(value) is too large a number"))
        }
        return whole
    }

    /// Like `decodeWholeNumber(forKey:)`, or nil when the key is missing or null.
    func decodeWholeNumberIfPresent(forKey key: AnyKey) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeWholeNumber(forKey: key)
    }
}
