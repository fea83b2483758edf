import Foundation

extension Session: Codable {
    private static let known: Set<String> = [
        "format", "version", "id", "startedAt", "subject", "technique",
        "painBefore", "painAfter", "note", "tags", "marks",
    ]

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        format = try c.decode(String.self, forKey: AnyKey("format"))
        guard format == Session.formatName else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: [AnyKey("format")],
                debugDescription: "\"format\" is not \"\(Session.formatName)\""))
        }
        version = try c.decodeWholeNumber(forKey: AnyKey("version"))
        guard version >= 1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: [AnyKey("version")], debugDescription: "version must be 1 or more"))
        }
        id = try c.decode(SessionID.self, forKey: AnyKey("id"))
        startedAt = try c.decode(Timestamp.self, forKey: AnyKey("startedAt"))
        subject = try c.decodeIfPresent(String.self, forKey: AnyKey("subject")) ?? "me"
        let techniqueName = try c.decodeIfPresent(String.self, forKey: AnyKey("technique")) ?? Technique.skinRolling.rawValue
        if let known = Technique(rawValue: techniqueName) {
            technique = known
        } else if version > Session.currentVersion {
            // A newer backmap may know more techniques; show the file rather than refuse it.
            technique = .other
        } else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: [AnyKey("technique")],
                debugDescription: "\"\(techniqueName.prefix(40))\" is not one of \(Technique.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        painBefore = try c.decodeWholeNumberIfPresent(forKey: AnyKey("painBefore"))
        painAfter = try c.decodeWholeNumberIfPresent(forKey: AnyKey("painAfter"))
        note = try c.decodeIfPresent(String.self, forKey: AnyKey("note"))
        tags = try c.decodeIfPresent([String].self, forKey: AnyKey("tags")) ?? []
        marks = try c.decode([Mark].self, forKey: AnyKey("marks"))
        extra = try c.unknownValues(excluding: Session.known)
        if let problem = validationProblem {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: problem))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encode(format, forKey: AnyKey("format"))
        try c.encode(version, forKey: AnyKey("version"))
        try c.encode(id, forKey: AnyKey("id"))
        try c.encode(startedAt, forKey: AnyKey("startedAt"))
        try c.encode(subject, forKey: AnyKey("subject"))
        try c.encode(technique, forKey: AnyKey("technique"))
        try c.encodeIfPresent(painBefore, forKey: AnyKey("painBefore"))
        try c.encodeIfPresent(painAfter, forKey: AnyKey("painAfter"))
        try c.encodeIfPresent(note, forKey: AnyKey("note"))
        if !tags.isEmpty { try c.encode(tags, forKey: AnyKey("tags")) }
        try c.encode(marks, forKey: AnyKey("marks"))
        try c.encode(unknown: extra)
    }

    /// The first rule this session breaks, in words, or nil when it is valid.
    public var validationProblem: String? {
        func painProblem(_ value: Int?, _ name: String) -> String? {
            guard let value, !(0...10).contains(value) else { return nil }
            return "\(name) is \(value), outside 0–10"
        }
        if let problem = painProblem(painBefore, "painBefore") ?? painProblem(painAfter, "painAfter") {
            return problem
        }
        if marks.count > SessionLimits.marks {
            return "it has \(marks.count) marks, more than the \(SessionLimits.marks) a session may have"
        }
        if let index = marks.firstIndex(where: { !(1...SessionLimits.passes).contains($0.pass) }) {
            return "mark \(index) is in pass \(marks[index].pass), outside 1–\(SessionLimits.passes)"
        }
        if subject.isEmpty || SessionLimits.length(subject) > SessionLimits.subjectCharacters {
            return "subject must be 1–\(SessionLimits.subjectCharacters) characters"
        }
        if let note, SessionLimits.length(note) > SessionLimits.noteCharacters {
            return "the session note is longer than \(SessionLimits.noteCharacters) characters"
        }
        if let index = marks.firstIndex(where: { SessionLimits.length($0.note ?? "") > SessionLimits.noteCharacters }) {
            return "the note of mark \(index) is longer than \(SessionLimits.noteCharacters) characters"
        }
        if tags.count > SessionLimits.tags || tags.contains(where: { $0.isEmpty || SessionLimits.length($0) > SessionLimits.tagCharacters }) {
            return "tags: at most \(SessionLimits.tags), each 1–\(SessionLimits.tagCharacters) characters"
        }
        return nil
    }
}

/// Why a session file could not be used. Every case reads as one sentence.
public enum SessionFileError: Error, Equatable, CustomStringConvertible {
    case tooLarge(bytes: Int)
    case invalidJSON(line: Int?, column: Int?, detail: String)
    case invalidSession(String)
    case unreadable(String)

    public var description: String {
        switch self {
        case .tooLarge(let bytes):
            let mb = Double(bytes) / 1_048_576
            return "it is \(String(format: "%.1f", mb)) MB, more than the \(SessionLimits.fileBytes / 1_048_576) MB a session file may be"
        case .invalidJSON(let line?, let column?, let detail):
            return "bad JSON at line \(line), column \(column): \(detail)"
        case .invalidJSON(_, _, let detail):
            return "bad JSON: \(detail)"
        case .invalidSession(let detail):
            return "not a valid session: \(detail)"
        case .unreadable(let detail):
            return detail
        }
    }
}

/// Turns sessions into file bytes and back, with the limits and the error wording.
public enum SessionCodec {
    /// Pretty-printed with sorted keys, so the same session always gives the same bytes and files diff well.
    public static func encode(_ session: Session) throws -> Data {
        var data = try encoder.encode(session)
        data.append(0x0A)
        return data
    }

    /// Decodes and validates; errors name the place and the reason.
    public static func decode(_ data: Data) throws(SessionFileError) -> Session {
        guard data.count <= SessionLimits.fileBytes else { throw .tooLarge(bytes: data.count) }
        // JSONDecoder reads the whole document before checking types; a cheap syntax
        // check first gives a line and column for broken files.
        if let problem = JSONSyntax.firstError(in: data) {
            if problem.isOverLimit {
                throw .invalidSession("it holds \(problem.message), more than a session file may hold")
            }
            throw .invalidJSON(line: problem.line, column: problem.column, detail: problem.message)
        }
        do {
            return try JSONDecoder().decode(Session.self, from: data)
        } catch let error as DecodingError {
            throw .invalidSession(describe(error))
        } catch {
            throw .invalidSession(String(describing: error))
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// "marks[3].tightness: 7 is not a tightness" rather than Foundation's dump of coding keys.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else if let index = Int(key.stringValue.replacingOccurrences(of: "Index ", with: "")) {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text
        }
        func located(_ keys: [CodingKey], _ message: String) -> String {
            let where_ = path(keys)
            return where_.isEmpty ? message : "\(where_): \(message)"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return located(context.codingPath + [key], "missing")
        case .typeMismatch(let type, let context):
            return located(context.codingPath, "expected \(plainName(of: type))")
        case .valueNotFound(let type, let context):
            return located(context.codingPath, "expected \(plainName(of: type)), found null")
        case .dataCorrupted(let context):
            return located(context.codingPath, plainReason(context.debugDescription))
        @unknown default:
            return String(describing: error)
        }
    }

    private static func plainName(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is Tightness.Type: "a tightness 0–3 or null"
        default:
            // Foundation names containers "Array<Any>" and "Dictionary<String, Any>".
            String(describing: type).hasPrefix("Array") ? "a list"
                : String(describing: type).hasPrefix("Dictionary") ? "an object" : "a value of another kind"
        }
    }

    private static func plainReason(_ text: String) -> String {
        // Foundation's wording for enums is "Cannot initialize Side from invalid String value x".
        if text.hasPrefix("Cannot initialize ") {
            let type = text.dropFirst("Cannot initialize ".count).prefix { $0 != " " }
            let value = text.components(separatedBy: " value ").last ?? ""
            switch type {
            case "Tightness": return "\(value.prefix(20)) is not a tightness (0–3, or null when cleared)"
            case "Side": return "\"\(value.prefix(20))\" is not a side (left or right)"
            case "Segment": return "\"\(value.prefix(20))\" is not a segment (T1–T12, L1–L5, S1)"
            default: return "\(value.prefix(20)) is not a valid \(type)"
            }
        }
        return text
    }
}
