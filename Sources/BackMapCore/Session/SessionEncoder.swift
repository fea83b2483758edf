import Foundation

/// Writes a session as file bytes: pretty-printed with two spaces and sorted keys,
/// byte for byte the layout Foundation's `JSONEncoder` gave earlier builds (so
/// files written before and after diff cleanly), with two differences that are
/// the point of writing it by hand: numbers in keys this version does not know go
/// out exactly as they came in, and no `Codable` machinery stands between a
/// keystroke in the editor and its durable save.
struct SessionEncoder {
    private var out: [UInt8] = []

    static func encode(_ session: Session) -> Data {
        var encoder = SessionEncoder()
        encoder.out.reserveCapacity(512 + session.marks.count * 160)
        encoder.write(session)
        encoder.out.append(0x0A)
        return Data(encoder.out)
    }

    /// A member of an object: what is written after `"key" : `.
    private enum Item {
        case string(String)
        case integer(Int)
        case null
        case strings([String])
        case marks([Mark])
        case value(JSONValue)
    }

    private mutating func write(_ session: Session) {
        // The known keys in sorted order; unknown ones are merged in below.
        var members: [(String, Item)] = [("format", .string(session.format)), ("id", .string(session.id.rawValue)),
                                         ("marks", .marks(session.marks))]
        if let note = session.note { members.append(("note", .string(note))) }
        if let pain = session.painAfter { members.append(("painAfter", .integer(pain))) }
        if let pain = session.painBefore { members.append(("painBefore", .integer(pain))) }
        members.append(("startedAt", .string(session.startedAt.description)))
        members.append(("subject", .string(session.subject)))
        if !session.tags.isEmpty { members.append(("tags", .strings(session.tags))) }
        members.append(("technique", .string(session.technique.rawValue)))
        members.append(("version", .integer(session.version)))
        object(Self.merged(members, session.extra, known: Self.sessionKeys), indent: 0)
    }

    private mutating func write(_ mark: Mark, indent: Int) {
        var members: [(String, Item)] = [("at", .string(mark.at.description))]
        if let note = mark.note { members.append(("note", .string(note))) }
        members.append(("pass", .integer(mark.pass)))
        members.append(("segment", .string(mark.segment.rawValue)))
        members.append(("side", .string(mark.side.rawValue)))
        members.append(("tightness", mark.tightness.map { .integer($0.rawValue) } ?? .null))
        object(Self.merged(members, mark.extra, known: Self.markKeys), indent: indent)
    }

    private static let sessionKeys: Set<String> = [
        "format", "version", "id", "startedAt", "subject", "technique", "painBefore", "painAfter", "note", "tags", "marks",
    ]
    private static let markKeys: Set<String> = ["at", "pass", "side", "segment", "tightness", "note"]

    /// The known members with the unknown ones, in byte order of the keys as Foundation sorts
    /// them; an unknown key that is also a known one (only code can make one) gives way.
    private static func merged(_ members: [(String, Item)], _ extra: [String: JSONValue], known: Set<String>) -> [(String, Item)] {
        guard !extra.isEmpty else { return members }
        var all = members
        for (key, value) in extra where !known.contains(key) { all.append((key, .value(value))) }
        return all.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
    }

    // MARK: Layout

    private mutating func object(_ members: [(String, Item)], indent: Int) {
        out.append(UInt8(ascii: "{"))
        out.append(0x0A)
        if members.isEmpty { out.append(0x0A) }
        for (index, (key, item)) in members.enumerated() {
            spaces(indent + 2)
            string(key)
            out.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
            write(item, indent: indent + 2)
            if index < members.count - 1 { out.append(UInt8(ascii: ",")) }
            out.append(0x0A)
        }
        spaces(indent)
        out.append(UInt8(ascii: "}"))
    }

    private mutating func write(_ item: Item, indent: Int) {
        switch item {
        case .string(let text): string(text)
        case .integer(let value): out.append(contentsOf: String(value).utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .strings(let texts): list(texts.count, indent: indent) { encoder, index, _ in encoder.string(texts[index]) }
        case .marks(let marks): list(marks.count, indent: indent) { encoder, index, inner in encoder.write(marks[index], indent: inner) }
        case .value(let value): write(value, indent: indent)
        }
    }

    private mutating func write(_ value: JSONValue, indent: Int) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): out.append(contentsOf: number.text.utf8)
        case .string(let text): string(text)
        case .array(let values): list(values.count, indent: indent) { encoder, index, inner in encoder.write(values[index], indent: inner) }
        case .object(let fields):
            let members = fields.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, Item.value($0.value)) }
            object(members, indent: indent)
        }
    }

    private mutating func list(_ count: Int, indent: Int, _ element: (inout SessionEncoder, Int, Int) -> Void) {
        out.append(UInt8(ascii: "["))
        out.append(0x0A)
        if count == 0 { out.append(0x0A) }
        for index in 0..<count {
            spaces(indent + 2)
            element(&self, index, indent + 2)
            if index < count - 1 { out.append(UInt8(ascii: ",")) }
            out.append(0x0A)
        }
        spaces(indent)
        out.append(UInt8(ascii: "]"))
    }

    private mutating func spaces(_ count: Int) {
        for _ in 0..<count { out.append(0x20) }
    }

    /// A JSON string as Foundation writes it: quote, backslash and C0 controls escaped
    /// (the short forms where JSON has them), `/` and everything else as it is.
    private mutating func string(_ text: String) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case 0x08: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
