import Foundation
import Glibc

/// Several sessions in one JSON file, for `export --format json` and `import`:
/// `{"format": "backmap.bundle", "version": 1, "sessions": [ … ]}`, each
/// session exactly as a session file holds it (same keys, unknown keys kept).
///
/// A bundle has no size limit: each session in it is limited as a session file
/// is, and a bundle file is read a session at a time (see `read(file:each:)`),
/// so a bundle of years of sessions restores in bounded memory.
public enum SessionBundle {
    public static let formatName = "backmap.bundle"
    public static let currentVersion = 1

    /// Pretty-printed with sorted keys, like a session file.
    public static func encode(_ sessions: [Session]) throws -> Data {
        struct Bundle: Encodable {
            var format = SessionBundle.formatName
            var version = SessionBundle.currentVersion
            var sessions: [Session]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return TerminalText.terminalSafeJSON(try encoder.encode(Bundle(sessions: sessions)) + Data("\n".utf8))
    }

    /// A bundle of session files exactly as stored: each file's bytes, indented
    /// to sit in the list, so that keys and values this build does not know (a
    /// newer technique, a number beyond a Double) travel unchanged. Pass files
    /// the store read as valid sessions; the layout matches `encode(_:)`.
    public static func encode(files: [Data]) -> Data {
        var bundle = Data("{\n  \"format\" : \"\(formatName)\",\n  \"sessions\" : [\n".utf8)
        for (index, file) in files.enumerated() {
            var bytes = file[...]
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            while let last = bytes.last, [0x20, 0x09, 0x0A, 0x0D].contains(last) { bytes = bytes.dropLast() }
            while let first = bytes.first, [0x20, 0x09, 0x0A, 0x0D].contains(first) { bytes = bytes.dropFirst() }
            if index > 0 { bundle.append(contentsOf: Array(",\n".utf8)) }
            bundle.append(contentsOf: Array("    ".utf8))
            // A raw line break can only be layout: inside a JSON string it is always escaped.
            for byte in bytes {
                bundle.append(byte)
                if byte == 0x0A { bundle.append(contentsOf: Array("    ".utf8)) }
            }
        }
        bundle.append(contentsOf: Array("\n  ],\n  \"version\" : \(currentVersion)\n}\n".utf8))
        return TerminalText.terminalSafeJSON(bundle)
    }

    /// What an import file holds: one session or a bundle, each session decoded
    /// and validated on its own so that one bad entry does not hide the others.
    public enum Contents: Equatable {
        case session(Session)
        /// One entry per session in the bundle, in order: the session, or why it is not valid.
        case bundle([Result<Session, SessionFileError>])
    }

    /// What `read(file:each:)` hands over, one at a time.
    public enum Item: Equatable {
        /// The file is a single session file.
        case session(Session)
        /// One entry of a bundle, by its place in the list.
        case entry(Int, Result<Session, SessionFileError>)
    }

    /// Reads a session file or a bundle held in memory. Throws when the whole file is unusable.
    public static func read(_ data: Data) throws(SessionFileError) -> Contents {
        let bytes = [UInt8](data)
        let place = { (offset: Int) in bytes.withUnsafeBytes { JSONStream.place(of: offset, in: $0) } }
        var stream = JSONStream(bytes: bytes)
        let header = try scan(&stream, where: place)
        guard try isBundle(header) else { return .session(try SessionCodec.decode(data)) }
        var entries: [Result<Session, SessionFileError>] = []
        var second = JSONStream(bytes: bytes)
        _ = try scan(&second, where: place, capturing: true) { index, entry in entries.append(decode(entry, index: index)) }
        return .bundle(entries)
    }

    /// Reads a session file or a bundle of any size from disk, handing each
    /// session to `each` as soon as it is read; at most one session is held.
    ///
    /// The file is read twice: once to check that it is one valid JSON document
    /// and a bundle this build reads (its "version" may come after the list), and
    /// once for the sessions, so a broken file adds nothing.
    /// - Returns: the number of entries of a bundle, or nil for a session file.
    /// - Throws: when the whole file is unusable: `SessionFileError`,
    ///   `FileSystemError`, `BoundedRead.NotAFile` or `BoundedRead.TooLarge`.
    @discardableResult
    public static func read(file url: URL, each: (Item) -> Void) throws -> Int? {
        let (fd, _) = try BoundedRead.openRegularFile(at: url)
        defer { close(fd) }
        let place = { (offset: Int) in JSONStream.place(of: offset, inFile: fd) }
        func pass(capturing: Bool, _ entry: (Int, [UInt8]?) -> Void) throws -> Header {
            guard lseek(fd, 0, SEEK_SET) == 0 else {
                throw FileSystemError(operation: "read", path: url.path, errno: errno)
            }
            var stream = JSONStream(fd: fd)
            // A failed read is already a `SessionFileError.unreadable` here.
            return try scan(&stream, where: place, capturing: capturing, entry: entry)
        }
        let header = try pass(capturing: false) { _, _ in }
        guard try isBundle(header) else {
            let data = try BoundedRead.data(at: url, limit: SessionLimits.fileBytes, what: "a session file that is not a bundle")
            each(.session(try SessionCodec.decode(data)))
            return nil
        }
        _ = try pass(capturing: true) { index, entry in each(.entry(index, decode(entry, index: index))) }
        if case .list(let count) = header.sessions { return count }
        return 0
    }

    // MARK: Reading, piece by piece

    /// The top of the file, as far as it decides how to read the rest.
    struct Header {
        enum Sessions { case missing, notAList, list(count: Int) }
        var isObject = true
        var format: String?
        var version: String?
        var sessions = Sessions.missing
        /// A key of ours that appears twice, which would leave the bundle ambiguous.
        var repeated: String?
    }

    /// Nesting allowed: a session's own, plus the bundle object and its list.
    private static let maximumDepth = JSONSyntax.maximumDepth + 2

    /// Walks the whole document, checking it; when `capturing`, hands each
    /// session's bytes to `entry` (nil when larger than a session file may be).
    static func scan(_ stream: inout JSONStream, where place: (Int) -> (line: Int, column: Int),
                     capturing: Bool = false, entry: (Int, [UInt8]?) -> Void = { _, _ in }) throws(SessionFileError) -> Header {
        do {
            return try scanThrowing(&stream, capturing: capturing, entry: entry)
        } catch let failure as JSONStream.Failure {
            let (line, column) = place(failure.offset)
            throw .invalidJSON(line: line, column: column, detail: failure.message)
        } catch let failure as JSONStream.ReadFailure {
            throw .unreadable(String(cString: strerror(failure.errno)))
        } catch {
            throw .unreadable(String(describing: error))
        }
    }

    private static func scanThrowing(_ stream: inout JSONStream, capturing: Bool, entry: (Int, [UInt8]?) -> Void) throws -> Header {
        var header = Header()
        try stream.skipByteOrderMark()
        try stream.skipSpace()
        if try stream.peek() == UInt8(ascii: "{") {
            stream.advance()
            try stream.skipSpace()
            if try stream.peek() == UInt8(ascii: "}") {
                stream.advance()
            } else {
                var seen = Set<String>()
                repeat {
                    try stream.skipSpace()
                    guard let quote = try stream.peek(), quote == UInt8(ascii: "\"") else {
                        throw stream.fail(try stream.peek().map { "expected a key in quotes, found \(JSONStream.shown($0))" }
                                          ?? "the file ends inside an object")
                    }
                    stream.beginCapture(limit: 64)
                    try stream.string()
                    let key = stream.endCapture().flatMap(decodeString)
                    try stream.skipSpace()
                    guard try stream.peek() == UInt8(ascii: ":") else { throw stream.fail("expected ':' after a key") }
                    stream.advance()
                    try stream.skipSpace()
                    if let key, ["format", "version", "sessions"].contains(key), !seen.insert(key).inserted {
                        header.repeated = header.repeated ?? key
                    }
                    switch key {
                    case "format":
                        stream.beginCapture(limit: 256)
                        try stream.value(depth: 1, maximumDepth: maximumDepth)
                        header.format = stream.endCapture().flatMap(decodeString)
                    case "version":
                        stream.beginCapture(limit: 64)
                        try stream.value(depth: 1, maximumDepth: maximumDepth)
                        header.version = stream.endCapture().map { String(decoding: $0, as: UTF8.self) }
                    case "sessions":
                        if try stream.peek() == UInt8(ascii: "[") {
                            header.sessions = .list(count: try list(&stream, capturing: capturing, entry: entry))
                        } else {
                            header.sessions = .notAList
                            try stream.value(depth: 1, maximumDepth: maximumDepth)
                        }
                    default:
                        try stream.value(depth: 1, maximumDepth: maximumDepth)
                    }
                } while try stream.endOfMember(close: UInt8(ascii: "}"), what: "an object")
            }
        } else {
            header.isObject = false
            try stream.value(depth: 0, maximumDepth: maximumDepth)
        }
        try stream.skipSpace()
        if try stream.peek() != nil { throw stream.fail("unexpected text after the end of the document") }
        return header
    }

    /// The "sessions" list: each entry checked, and handed to `entry` when `capturing`.
    private static func list(_ stream: inout JSONStream, capturing: Bool, entry: (Int, [UInt8]?) -> Void) throws -> Int {
        stream.advance()
        try stream.skipSpace()
        if try stream.peek() == UInt8(ascii: "]") {
            stream.advance()
            return 0
        }
        var count = 0
        repeat {
            try stream.skipSpace()
            if capturing { stream.beginCapture(limit: SessionLimits.fileBytes) }
            try stream.value(depth: 2, maximumDepth: maximumDepth)
            if capturing { entry(count, stream.endCapture()) }
            count += 1
        } while try stream.endOfMember(close: UInt8(ascii: "]"), what: "a list")
        return count
    }

    /// A JSON string value from its bytes (quotes included), or nil for any other value.
    private static func decodeString(_ bytes: [UInt8]) -> String? {
        guard bytes.first == UInt8(ascii: "\""), bytes.count >= 2 else { return nil }
        if !bytes.contains(UInt8(ascii: "\\")) {
            return String(decoding: bytes.dropFirst().dropLast(), as: UTF8.self)
        }
        return try? JSONDecoder().decode([String].self, from: Data([UInt8(ascii: "[")] + bytes + [UInt8(ascii: "]")])).first
    }

    /// Whether the checked document is a bundle this build reads; throws when it claims to be one but is not usable.
    private static func isBundle(_ header: Header) throws(SessionFileError) -> Bool {
        guard header.isObject else { throw .invalidSession("the file holds no JSON object") }
        // Not a bundle: it must be a single session, with a session's limits.
        guard header.format == formatName else { return false }
        if let key = header.repeated { throw .invalidSession("the bundle has \"\(key)\" twice") }
        guard let text = header.version, let first = text.utf8.first, first == UInt8(ascii: "-") || (48...57).contains(first),
              let version = Double(text), version >= 1, version == version.rounded() else {
            throw .invalidSession("the bundle's \"version\" must be a whole number, 1 or more")
        }
        guard version <= Double(currentVersion) else {
            throw .invalidSession("the bundle was written by a newer backmap (version \(Markup.decimal(version, digits: 0)))")
        }
        guard case .list = header.sessions else {
            throw .invalidSession("the bundle has no \"sessions\" list")
        }
        return true
    }

    /// One entry through the very decoder and checks a session file goes through.
    private static func decode(_ entry: [UInt8]?, index: Int) -> Result<Session, SessionFileError> {
        guard let entry else { return .failure(relocated(.tooLarge(bytes: 0), index: index)) }
        do {
            return .success(try SessionCodec.decode(Data(entry)))
        } catch {
            return .failure(relocated(error, index: index))
        }
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
