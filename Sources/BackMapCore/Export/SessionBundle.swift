import Foundation

/// Several sessions in one JSON file, for `export --format json` and `import`:
/// `{"format": "backmap.bundle", "version": 1, "sessions": [ … ]}`, each
/// session exactly as a session file holds it (same keys, unknown keys kept).
public enum SessionBundle {
    public static let formatName = "backmap.bundle"
    public static let currentVersion = 1
    /// A bundle can carry years of sessions; past this it is refused before being read.
    public static let maximumBytes = 64 * 1024 * 1024

    /// Pretty-printed with sorted keys, like a session file.
    public static func encode(_ sessions: [Session]) throws -> Data {
        struct Bundle: Encodable {
            var format = SessionBundle.formatName
            var version = SessionBundle.currentVersion
            var sessions: [Session]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Bundle(sessions: sessions)) + Data("\n".utf8)
    }

    /// What an import file holds: one session or a bundle, each session decoded
    /// and validated on its own so that one bad entry does not hide the others.
    public enum Contents: Equatable {
        case session(Session)
        /// One entry per session in the bundle, in order: the session, or why it is not valid.
        case bundle([Result<Session, SessionFileError>])
    }

    /// Reads a session file or a bundle. Throws when the whole file is unusable.
    public static func read(_ data: Data) throws(SessionFileError) -> Contents {
        guard data.count <= maximumBytes else { throw .tooLarge(bytes: data.count) }
        if let problem = JSONSyntax.firstError(in: data) {
            throw .invalidJSON(line: problem.line, column: problem.column, detail: problem.message)
        }
        let top: JSONValue
        do {
            top = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw .invalidJSON(line: nil, column: nil, detail: String(describing: error))
        }
        guard case .object(let fields) = top else {
            throw .invalidSession("the file holds no JSON object")
        }
        guard case .string(formatName)? = fields["format"] else {
            // Not a bundle: it must be a single session, with a session's limits.
            return .session(try SessionCodec.decode(data))
        }
        guard case .number(let number)? = fields["version"], case let version = number.double, version >= 1, version == version.rounded() else {
            throw .invalidSession("the bundle's \"version\" must be a whole number, 1 or more")
        }
        guard version <= Double(currentVersion) else {
            throw .invalidSession("the bundle was written by a newer backmap (version \(Markup.decimal(version, digits: 0)))")
        }
        guard case .array(let entries)? = fields["sessions"] else {
            throw .invalidSession("the bundle has no \"sessions\" list")
        }
        let encoder = JSONEncoder()
        return .bundle(entries.enumerated().map { index, entry in
            // Each entry goes through the very decoder and checks a session file does.
            do {
                return .success(try SessionCodec.decode(try encoder.encode(entry)))
            } catch let error as SessionFileError {
                return .failure(relocated(error, index: index))
            } catch {
                return .failure(.invalidSession("sessions[\(index)]: \(error)"))
            }
        })
    }

    /// Names the entry in a bundle: "sessions[2]: marks[0].side: …".
    private static func relocated(_ error: SessionFileError, index: Int) -> SessionFileError {
        switch error {
        case .invalidSession(let detail): .invalidSession("sessions[\(index)]: \(detail)")
        case .invalidJSON(_, _, let detail): .invalidSession("sessions[\(index)]: \(detail)")
        case .tooLarge: .invalidSession("sessions[\(index)] is larger than a session file may be")
        case .unreadable(let detail): .unreadable("sessions[\(index)]: \(detail)")
        }
    }
}
