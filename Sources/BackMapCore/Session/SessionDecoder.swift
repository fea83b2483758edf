import Foundation

/// Reads a session from file bytes that `JSONSyntax` has already accepted,
/// straight into `Session`, with no `JSONSerialization` or `Codable` between.
///
/// Foundation's decoder builds a tree of every value and then walks it through
/// coding keys; for the first scan of a store of thousands of files that was
/// nearly all the time. Here each known key is read into its field as it is met,
/// and only keys this version does not know become `JSONValue`s, their numbers
/// kept as written.
///
/// The syntax check runs first and keeps every strict rule and limit (depth,
/// number of values, UTF-8, escapes), so this reader meets only valid JSON; it
/// still never reads out of bounds. Errors name the place as Foundation's path
/// did ("marks[3].tightness: 7 is not a tightness…"), and when several fields
/// are wrong the first one in the session's own order is named, whatever the
/// order of the keys in the file.
struct SessionDecoder {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// A session from bytes that are one valid JSON value (see `JSONSyntax.firstError`).
    static func decode(_ data: Data) throws(SessionFileError) -> Session {
        let result = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<Session, SessionFileError> in
            var decoder = SessionDecoder(bytes: raw.bindMemory(to: UInt8.self))
            do throws(Failure) {
                return .success(try decoder.session())
            } catch {
                return .failure(.invalidSession(error.description))
            }
        }
        return try result.get()
    }

    // MARK: The session

    /// A field's value when present, or why it is unusable. Kept until every key is
    /// read, so the error named is the first in the session's order, not the file's.
    private typealias Field<Value> = Result<Value, Failure>?

    private mutating func session() throws(Failure) -> Session {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        skipSpace()
        guard peek == UInt8(ascii: "{") else { throw Failure([], "expected an object") }
        var format: Field<String> = nil
        var version: Field<Int> = nil
        var id: Field<SessionID> = nil
        var startedAt: Field<Timestamp> = nil
        var subject: Field<String?> = nil
        var technique: Field<String?> = nil
        var painBefore: Field<Int?> = nil
        var painAfter: Field<Int?> = nil
        var note: Field<String?> = nil
        var tags: Field<[String]?> = nil
        var marks: Field<[Mark]> = nil
        var extra: [String: JSONValue] = [:]
        try members { (decoder: inout SessionDecoder, key: Key) throws(Failure) in
            switch key {
            case .known(.format): format = decoder.field("format") { (d: inout SessionDecoder) throws(Failure) in try d.string() }
            case .known(.version): version = decoder.field("version") { (d: inout SessionDecoder) throws(Failure) in try d.wholeNumber() }
            case .known(.id): id = decoder.field("id") { (d: inout SessionDecoder) throws(Failure) in try d.sessionID() }
            case .known(.startedAt): startedAt = decoder.field("startedAt") { (d: inout SessionDecoder) throws(Failure) in try d.timestamp() }
            case .known(.subject): subject = decoder.field("subject") { (d: inout SessionDecoder) throws(Failure) in try d.optional { (d: inout SessionDecoder) throws(Failure) in try d.string() } }
            case .known(.technique): technique = decoder.field("technique") { (d: inout SessionDecoder) throws(Failure) in try d.optional { (d: inout SessionDecoder) throws(Failure) in try d.string() } }
            case .known(.painBefore): painBefore = decoder.field("painBefore") { (d: inout SessionDecoder) throws(Failure) in try d.optional { (d: inout SessionDecoder) throws(Failure) in try d.wholeNumber() } }
            case .known(.painAfter): painAfter = decoder.field("painAfter") { (d: inout SessionDecoder) throws(Failure) in try d.optional { (d: inout SessionDecoder) throws(Failure) in try d.wholeNumber() } }
            case .known(.note): note = decoder.field("note") { (d: inout SessionDecoder) throws(Failure) in try d.optional { (d: inout SessionDecoder) throws(Failure) in try d.string() } }
            case .known(.tags): tags = decoder.field("tags") { (d: inout SessionDecoder) throws(Failure) in try d.optional { (d: inout SessionDecoder) throws(Failure) in try d.stringList() } }
            case .known(.marks): marks = decoder.field("marks") { (d: inout SessionDecoder) throws(Failure) in try d.marks() }
            case .known(let name): extra[name.rawValue] = try decoder.value()
            case .other(let name): extra[name] = try decoder.value()
            }
        }
        func required<Value>(_ field: Field<Value>, _ name: String) throws(Failure) -> Value {
            guard let field else { throw Failure([.key(name)], "missing") }
            return try field.get()
        }
        var session = Session(id: SessionID.placeholder, startedAt: Timestamp(date: Date(timeIntervalSince1970: 0), utcOffset: 0))
        session.format = try required(format, "format")
        guard session.format == Session.formatName else {
            throw Failure([.key("format")], "\"format\" is not \"\(Session.formatName)\"")
        }
        session.version = try required(version, "version")
        guard session.version >= 1 else { throw Failure([.key("version")], "version must be 1 or more") }
        session.id = try required(id, "id")
        session.startedAt = try required(startedAt, "startedAt")
        session.subject = try subject?.get() ?? "me"
        let techniqueName = try technique?.get() ?? Technique.skinRolling.rawValue
        if let known = Technique(rawValue: techniqueName) {
            session.technique = known
        } else if session.version > Session.currentVersion {
            // A newer backmap may know more techniques; show the file rather than refuse it.
            session.technique = .other
        } else {
            throw Failure([.key("technique")],
                          "\"\(techniqueName.prefix(40))\" is not one of \(Technique.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        session.painBefore = try painBefore?.get() ?? nil
        session.painAfter = try painAfter?.get() ?? nil
        session.note = try note?.get() ?? nil
        session.tags = try tags?.get() ?? nil ?? []
        session.marks = try required(marks, "marks")
        session.extra = extra
        if let problem = session.validationProblem { throw Failure([], problem) }
        return session
    }

    /// Reads one field's value, keeping its failure (with the key in front of its path) for later.
    private mutating func field<Value>(_ name: String, _ read: (inout SessionDecoder) throws(Failure) -> Value) -> Field<Value> {
        let start = i
        do throws(Failure) {
            return .success(try read(&self))
        } catch {
            // The value is valid JSON: step over it whatever went wrong inside.
            i = start
            skipValue()
            return .failure(error.under(.key(name)))
        }
    }

    private mutating func marks() throws(Failure) -> [Mark] {
        guard peek == UInt8(ascii: "[") else { throw typeMismatch(peek == UInt8(ascii: "n") ? "a list, found null" : "a list") }
        var marks: [Mark] = []
        marks.reserveCapacity(64)
        var beyond = 0
        try elements { (decoder: inout SessionDecoder, index: Int) throws(Failure) in
            // Past the limit the rest is only counted: a hostile file of marks is refused fast.
            guard marks.count < SessionLimits.marks else {
                decoder.skipValue()
                beyond += 1
                return
            }
            do throws(Failure) {
                marks.append(try decoder.mark())
            } catch {
                throw error.under(.index(index))
            }
        }
        if beyond > 0 {
            var tooMany = Failure([], "it has \(marks.count + beyond) marks, more than the \(SessionLimits.marks) a session may have")
            // Worded as the same rule is when a session breaks it in memory: about the whole session.
            tooMany.isAboutTheWholeSession = true
            throw tooMany
        }
        return marks
    }

    private mutating func mark() throws(Failure) -> Mark {
        guard peek == UInt8(ascii: "{") else { throw typeMismatch("an object") }
        var at: Field<Timestamp> = nil
        var pass: Field<Int> = nil
        var side: Field<Side> = nil
        var segment: Field<Segment> = nil
        var tightness: Field<Int?> = nil
        var note: Field<String?> = nil
        var extra: [String: JSONValue] = [:]
        try members { (decoder: inout SessionDecoder, key: Key) throws(Failure) in
            switch key {
            case .known(.at): at = decoder.field("at") { (d: inout SessionDecoder) throws(Failure) in try d.timestamp() }
            case .known(.pass): pass = decoder.field("pass") { (d: inout SessionDecoder) throws(Failure) in try d.wholeNumber() }
            case .known(.side): side = decoder.field("side") { (d: inout SessionDecoder) throws(Failure) in try d.side() }
            case .known(.segment): segment = decoder.field("segment") { (d: inout SessionDecoder) throws(Failure) in try d.segment() }
            case .known(.tightness): tightness = decoder.field("tightness") { (d: inout SessionDecoder) throws(Failure) in try d.optional { (d: inout SessionDecoder) throws(Failure) in try d.wholeNumber() } }
            case .known(.note): note = decoder.field("note") { (d: inout SessionDecoder) throws(Failure) in try d.optional { (d: inout SessionDecoder) throws(Failure) in try d.string() } }
            case .known(let name): extra[name.rawValue] = try decoder.value()
            case .other(let name): extra[name] = try decoder.value()
            }
        }
        func required<Value>(_ field: Field<Value>, _ name: String) throws(Failure) -> Value {
            guard let field else { throw Failure([.key(name)], "missing") }
            return try field.get()
        }
        let time = try required(at, "at")
        let passNumber = try required(pass, "pass")
        let zone = Zone(try required(side, "side"), try required(segment, "segment"))
        // `tightness` must be present: null means cleared, a missing key is a broken file.
        guard let tightness else {
            throw Failure([.key("tightness")], "missing")
        }
        var level: Tightness?
        if let value = try tightness.get() {
            guard let known = Tightness(rawValue: value) else {
                throw Failure([.key("tightness")], "\(value) is not a tightness (0–3, or null when cleared)")
            }
            level = known
        }
        let text = try note?.get() ?? nil
        guard passNumber >= 1 else { throw Failure([.key("pass")], "pass must be 1 or more") }
        return Mark(at: time, pass: passNumber, zone: zone, tightness: level, note: text, extra: extra)
    }

    // MARK: Typed values

    private mutating func optional<Value>(_ read: (inout SessionDecoder) throws(Failure) -> Value) throws(Failure) -> Value? {
        if peek == UInt8(ascii: "n") {
            i += 4
            return nil
        }
        return try read(&self)
    }

    private mutating func string() throws(Failure) -> String {
        guard peek == UInt8(ascii: "\"") else { throw typeMismatch("a string") }
        return stringToken()
    }

    private mutating func stringList() throws(Failure) -> [String] {
        guard peek == UInt8(ascii: "[") else { throw typeMismatch("a list") }
        var list: [String] = []
        try elements { (decoder: inout SessionDecoder, index: Int) throws(Failure) in
            do throws(Failure) {
                list.append(try decoder.string())
            } catch {
                throw error.under(.index(index))
            }
        }
        return list
    }

    private mutating func sessionID() throws(Failure) -> SessionID {
        guard let id = SessionID(try string()) else {
            throw Failure([], "an id is 1–64 letters, digits, '-', '_' or '.', not starting with '.'")
        }
        return id
    }

    private mutating func timestamp() throws(Failure) -> Timestamp {
        guard peek == UInt8(ascii: "\"") else { throw typeMismatch("a string") }
        let start = i
        let text: String
        // Times never hold escapes, so they are parsed from the bytes; one that does is read the slow way.
        if let raw = rawString() {
            if let time = Timestamp(iso8601Bytes: raw) { return time }
            text = String(decoding: raw, as: UTF8.self)
        } else {
            i = start
            text = stringToken()
            if let time = Timestamp(iso8601: text) { return time }
        }
        throw Failure([], "\"\(text.prefix(40))\" is not an ISO 8601 time with a zone")
    }

    private mutating func side() throws(Failure) -> Side {
        let start = i
        // From the bytes, without a String: every mark has one.
        if peek == UInt8(ascii: "\""), let raw = rawString() {
            let left: StaticString = "left", right: StaticString = "right"
            if raw.count == 4, memcmp(raw.baseAddress!, left.utf8Start, 4) == 0 { return .left }
            if raw.count == 5, memcmp(raw.baseAddress!, right.utf8Start, 5) == 0 { return .right }
        }
        i = start
        let text = try string()
        guard let side = Side(rawValue: text) else { throw Failure([], "\"\(text.prefix(20))\" is not a side (left or right)") }
        return side
    }

    private mutating func segment() throws(Failure) -> Segment {
        let start = i
        if peek == UInt8(ascii: "\""), let raw = rawString(), let segment = Self.segment(raw) { return segment }
        i = start
        let text = try string()
        guard let segment = Segment(rawValue: text) else {
            throw Failure([], "\"\(text.prefix(20))\" is not a segment (T1–T12, L1–L5, S1)")
        }
        return segment
    }

    /// `T1`–`T12`, `L1`–`L5` or `S1` from its bytes, without a String (every mark has one);
    /// nil for anything else, which `Segment(rawValue:)` then refuses with its words.
    private static func segment(_ raw: UnsafeBufferPointer<UInt8>) -> Segment? {
        guard raw.count == 2 || raw.count == 3 else { return nil }
        let first = raw[1] &- UInt8(ascii: "0")
        guard first >= 1, first <= 9 else { return nil }
        var number = Int(first)
        if raw.count == 3 {
            let second = raw[2] &- UInt8(ascii: "0")
            guard second <= 9 else { return nil }
            number = number * 10 + Int(second)
        }
        // `allCases` runs T1…T12, L1…L5, S1.
        switch raw[0] {
        case UInt8(ascii: "T") where number <= 12: return Segment.allCases[number - 1]
        case UInt8(ascii: "L") where number <= 5: return Segment.allCases[11 + number]
        case UInt8(ascii: "S") where number == 1: return .s1
        default: return nil
        }
    }

    /// An integer; a number with a fraction or out of range is named, as a person fixing
    /// the file needs to know which one (Foundation said only "not valid JSON").
    private mutating func wholeNumber() throws(Failure) -> Int {
        guard let token = numberToken() else {
            throw typeMismatch(peek == UInt8(ascii: "n") ? "a whole number, found null" : "a whole number")
        }
        // Exact first: a large integer read as a Double would lose its last digits.
        if let whole = Self.integer(token) { return whole }
        let value = Double(String(decoding: token, as: UTF8.self)) ?? .nan
        guard value == value.rounded() else { throw Failure([], "\(value) is not a whole number") }
        guard let whole = Int(exactly: value) else { throw Failure([], "\(value) is too large a number") }
        return whole
    }

    /// Digits with an optional minus that fit an Int, else nil.
    private static func integer(_ token: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let negative = token.first == UInt8(ascii: "-")
        if negative { index = 1 }
        guard index < token.count, token.count - index <= 19 else { return nil }
        var value = 0
        while index < token.count {
            let digit = token[index]
            guard digit >= 48, digit <= 57 else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = negative ? shifted.subtractingReportingOverflow(Int(digit - 48))
                                        : shifted.addingReportingOverflow(Int(digit - 48))
            guard !overflow, !carry else { return nil }
            value = sum
            index += 1
        }
        return value
    }

    private func typeMismatch(_ expected: String) -> Failure {
        Failure([], "expected \(expected)")
    }

    // MARK: Any value, for keys this version does not know

    private mutating func value() throws(Failure) -> JSONValue {
        switch peek {
        case UInt8(ascii: "{"):
            var object: [String: JSONValue] = [:]
            try members { (decoder: inout SessionDecoder, key: Key) throws(Failure) in
                switch key {
                case .known(let name): object[name.rawValue] = try decoder.value()
                case .other(let name): object[name] = try decoder.value()
                }
            }
            return .object(object)
        case UInt8(ascii: "["):
            var array: [JSONValue] = []
            try elements { (decoder: inout SessionDecoder, _: Int) throws(Failure) in
                array.append(try decoder.value())
            }
            return .array(array)
        case UInt8(ascii: "\""):
            return .string(stringToken())
        case UInt8(ascii: "t"):
            i += 4
            return .bool(true)
        case UInt8(ascii: "f"):
            i += 5
            return .bool(false)
        case UInt8(ascii: "n"):
            i += 4
            return .null
        default:
            guard let token = numberToken() else { throw Failure([], "expected a value") }
            return .number(JSONNumber(unchecked: String(decoding: token, as: UTF8.self)))
        }
    }

    // MARK: Structure

    /// A key of an object: one of the names this reader looks for, or any other name.
    private enum Key {
        case known(Name)
        case other(String)
    }

    /// The names of both levels, matched from a key's bytes without making a String.
    private enum Name: String {
        case format, version, id, startedAt, subject, technique, painBefore, painAfter
        case note, tags, marks, at, pass, side, segment, tightness

        /// The name spelled by `raw`: by length first, then by its bytes (a plain switch: a
        /// table of candidates cost a tenth more for the whole first index build).
        static func matching(_ raw: UnsafeBufferPointer<UInt8>) -> Name? {
            func equals(_ name: StaticString) -> Bool { memcmp(raw.baseAddress!, name.utf8Start, raw.count) == 0 }
            switch raw.count {
            case 2:
                if equals("id") { return .id }
                if equals("at") { return .at }
            case 4:
                if equals("note") { return .note }
                if equals("tags") { return .tags }
                if equals("pass") { return .pass }
                if equals("side") { return .side }
            case 5:
                if equals("marks") { return .marks }
            case 6:
                if equals("format") { return .format }
            case 7:
                if equals("version") { return .version }
                if equals("subject") { return .subject }
                if equals("segment") { return .segment }
            case 9:
                if equals("startedAt") { return .startedAt }
                if equals("technique") { return .technique }
                if equals("painAfter") { return .painAfter }
                if equals("tightness") { return .tightness }
            case 10:
                if equals("painBefore") { return .painBefore }
            default:
                break
            }
            return nil
        }
    }

    /// Calls `member` for each key of the object at the cursor, with the cursor on its value;
    /// `member` must step over the value.
    private mutating func members(_ member: (inout SessionDecoder, Key) throws(Failure) -> Void) throws(Failure) {
        i += 1
        skipSpace()
        if peek == UInt8(ascii: "}") {
            i += 1
            return
        }
        while i < bytes.count {
            skipSpace()
            let key = keyToken()
            skipSpace()
            guard peek == UInt8(ascii: ":") else { throw Failure([], "expected ':' after a key") }
            i += 1
            skipSpace()
            try member(&self, key)
            skipSpace()
            if peek == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard peek == UInt8(ascii: "}") else { throw Failure([], "expected ',' or '}'") }
            i += 1
            return
        }
        throw Failure([], "the file ends inside an object")
    }

    /// Calls `element` for each value of the list at the cursor, with its index.
    private mutating func elements(_ element: (inout SessionDecoder, Int) throws(Failure) -> Void) throws(Failure) {
        i += 1
        skipSpace()
        if peek == UInt8(ascii: "]") {
            i += 1
            return
        }
        var index = 0
        while i < bytes.count {
            skipSpace()
            try element(&self, index)
            index += 1
            skipSpace()
            if peek == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard peek == UInt8(ascii: "]") else { throw Failure([], "expected ',' or ']'") }
            i += 1
            return
        }
        throw Failure([], "the file ends inside a list")
    }

    private mutating func keyToken() -> Key {
        let start = i
        if let raw = rawString() {
            return Name.matching(raw).map(Key.known) ?? .other(String(decoding: raw, as: UTF8.self))
        }
        i = start
        let text = stringToken()
        return Name(rawValue: text).map(Key.known) ?? .other(text)
    }

    /// The bytes between the quotes of the string at the cursor when it has no escape,
    /// the cursor then past it; nil (cursor moved) when it has one.
    private mutating func rawString() -> UnsafeBufferPointer<UInt8>? {
        i += 1
        let start = i
        while i < bytes.count {
            // Eight bytes at a time up to the quote or a backslash.
            while i + 8 <= bytes.count {
                let word = UInt64.bytes(at: bytes.baseAddress! + i)
                let count = UInt64.leadingQualifyingBytes(
                    word.highBits(ofBytesOtherThan: UInt8(ascii: "\"")) & word.highBits(ofBytesOtherThan: UInt8(ascii: "\\")))
                i += count
                guard count == 8 else { break }
            }
            guard i < bytes.count else { break }
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                i += 1
                return UnsafeBufferPointer(rebasing: bytes[start..<i - 1])
            }
            if byte == UInt8(ascii: "\\") { return nil }
            i += 1
        }
        return nil
    }

    /// The string at the cursor, escapes decoded; the syntax check has seen it is valid.
    private mutating func stringToken() -> String {
        let start = i
        if let raw = rawString() { return String(decoding: raw, as: UTF8.self) }
        i = start + 1
        var text: [UInt8] = []
        while i < bytes.count {
            let byte = bytes[i]
            i += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard i < bytes.count else { break }
                let escape = bytes[i]
                i += 1
                switch escape {
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = hexUnit()
                    if (0xD800...0xDBFF).contains(scalar), i + 1 < bytes.count,
                       bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = hexUnit()
                        scalar = 0x10000 + (scalar - 0xD800) << 10 + (low &- 0xDC00) & 0x3FF
                    }
                    // A lone half of a pair never passes the syntax check; U+FFFD keeps this total.
                    text.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
                default: text.append(escape)
                }
            default:
                text.append(byte)
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    private mutating func hexUnit() -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 where i < bytes.count {
            let b = bytes[i]
            value = value << 4 | UInt32(b <= 57 ? b &- 48 : (b | 0x20) &- 87) & 0xF
            i += 1
        }
        return value
    }

    /// The number at the cursor, the cursor then past it; nil (cursor unmoved) for any other value.
    private mutating func numberToken() -> UnsafeBufferPointer<UInt8>? {
        let start = i
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                i += 1
            default:
                return i > start ? UnsafeBufferPointer(rebasing: bytes[start..<i]) : nil
            }
        }
        return i > start ? UnsafeBufferPointer(rebasing: bytes[start..<i]) : nil
    }

    /// Steps over the value at the cursor.
    fileprivate mutating func skipValue() {
        var depth = 0
        repeat {
            skipSpace()
            guard i < bytes.count else { return }
            switch bytes[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                i += 1
            case UInt8(ascii: "\""):
                skipString()
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                i += 1
                continue
            default:
                // A literal or a number: up to the next separator.
                while i < bytes.count, !Self.endsToken(bytes[i]) { i += 1 }
            }
        } while depth > 0 && i < bytes.count
    }

    /// Steps over the string at the cursor; after a backslash the next byte is never its end.
    private mutating func skipString() {
        i += 1
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                i += 1
                return
            case UInt8(ascii: "\\"): i += 2
            default: i += 1
            }
        }
    }

    private static func endsToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: true
        default: false
        }
    }

    private var peek: UInt8 { i < bytes.count ? bytes[i] : 0 }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    // MARK: Errors

    /// Why a value cannot be used and where: the path grows as the error travels out.
    struct Failure: Error, CustomStringConvertible {
        enum Step {
            case key(String)
            case index(Int)
        }

        var path: [Step]
        var message: String
        /// Named without a place, as `Session.validationProblem` names it.
        var isAboutTheWholeSession = false

        init(_ path: [Step], _ message: String) {
            self.path = path
            self.message = message
        }

        func under(_ step: Step) -> Failure {
            isAboutTheWholeSession ? self : Failure([step] + path, message)
        }

        /// "marks[3].tightness: 7 is not a tightness …", or the message alone at the top.
        var description: String {
            var text = ""
            for step in path {
                switch step {
                case .key(let name): text += (text.isEmpty ? "" : ".") + name
                case .index(let index): text += "[\(index)]"
                }
            }
            return text.isEmpty ? message : "\(text): \(message)"
        }
    }
}

extension SessionID {
    /// Stands in until the file's id is read; never leaves the decoder.
    static let placeholder = SessionID("x")!
}
