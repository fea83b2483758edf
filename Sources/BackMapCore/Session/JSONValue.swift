/// Any JSON value, kept so that keys this version does not know survive a
/// load and save untouched (a newer backmap may have written them).
public enum JSONValue: Hashable, Sendable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
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
            // Whole numbers go back out as integers, as they came in.
            if value == value.rounded(), abs(value) < 9.0e15 {
                try container.encode(Int64(value))
            } else {
                try container.encode(value)
            }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
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
