import Foundation
import Glibc

/// A strict JSON reader (RFC 8259) over a file, a buffer at a time, that can
/// hand back the raw bytes of chosen values.
///
/// A bundle can hold years of sessions, more than is sensible to hold in memory
/// at once, so `import` reads it through this: the whole document is checked
/// with the same rules as `JSONSyntax` while at most one buffer and one captured
/// value (one session, itself size-limited) are held. The one check it leaves
/// out is whether a number fits a Double: only the values that are decoded
/// later need it, and the session decoder does it (see `JSONSyntax.number`).
struct JSONStream {
    /// Where and why the document is not valid JSON, as a byte offset from the start.
    struct Failure: Error {
        var offset: Int
        var message: String
    }

    /// A read from the file failed.
    struct ReadFailure: Error {
        var errno: Int32
    }

    /// Read size: large enough that system calls cost nothing, small enough not to matter.
    static let chunkBytes = 256 * 1024

    private let fd: Int32
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    /// Bytes dropped from the front of the buffer so far.
    private var dropped = 0
    private var captureFrom: Int?
    private var captured: [UInt8] = []
    private var captureLimit = 0
    private var captureOverflowed = false

    /// Reads the file open at `fd` from its current position; the caller closes it.
    init(fd: Int32) {
        self.fd = fd
        buffer = [UInt8](repeating: 0, count: Self.chunkBytes)
    }

    /// Reads bytes already in memory.
    init(bytes: [UInt8]) {
        fd = -1
        buffer = bytes
        end = bytes.count
    }

    /// How many bytes have been consumed.
    var offset: Int { dropped + start }

    // MARK: Capturing

    /// Starts keeping the bytes consumed from here on, up to `limit` of them.
    mutating func beginCapture(limit: Int) {
        captureFrom = start
        captured = []
        captureLimit = limit
        captureOverflowed = false
    }

    /// The bytes consumed since `beginCapture`, or nil when they passed the limit.
    mutating func endCapture() -> [UInt8]? {
        keepCaptured()
        captureFrom = nil
        defer { captured = [] }
        return captureOverflowed ? nil : captured
    }

    private mutating func keepCaptured() {
        guard let from = captureFrom else { return }
        if !captureOverflowed {
            if captured.count + (start - from) > captureLimit {
                captureOverflowed = true
                captured = []
            } else {
                captured.append(contentsOf: buffer[from..<start])
            }
        }
        captureFrom = start
    }

    // MARK: The buffer

    /// Makes at least `count` unread bytes available; false when the document ends first.
    private mutating func fill(_ count: Int) throws(ReadFailure) -> Bool {
        if end - start >= count { return true }
        guard fd >= 0 else { return false }
        keepCaptured()
        if start > 0 {
            let unread = end - start
            if unread > 0 {
                buffer.withUnsafeMutableBufferPointer { pointer in
                    guard let base = pointer.baseAddress else { return }
                    base.update(from: base + start, count: unread)
                }
            }
            dropped += start
            end = unread
            start = 0
            if captureFrom != nil { captureFrom = 0 }
        }
        while end - start < count {
            let room = buffer.count - end
            let got = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + end, room) }
            if got < 0 {
                if errno == EINTR { continue }
                throw ReadFailure(errno: errno)
            }
            if got == 0 { return false }
            end += got
        }
        return true
    }

    /// The next byte without consuming it, or nil at the end of the document.
    mutating func peek() throws(ReadFailure) -> UInt8? {
        if start == end, !(try fill(1)) { return nil }
        return buffer[start]
    }

    /// Consumes the byte `peek` returned.
    mutating func advance() { start += 1 }

    /// A failure at the read position.
    func fail(_ message: String) -> Failure {
        Failure(offset: offset, message: message)
    }

    // MARK: Grammar

    mutating func skipSpace() throws(ReadFailure) {
        while true {
            if start == end, !(try fill(1)) { return }
            switch buffer[start] {
            case 0x20, 0x09, 0x0A, 0x0D: start += 1
            default: return
            }
        }
    }

    /// Skips a UTF-8 byte order mark at the very start, as JSONSyntax tolerates one.
    mutating func skipByteOrderMark() throws(ReadFailure) {
        if try fill(3), buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF { start += 3 }
    }

    /// Consumes one whole value, checking it.
    mutating func value(depth: Int, maximumDepth: Int) throws {
        guard depth < maximumDepth else { throw fail("nested more than \(maximumDepth) levels deep") }
        guard let byte = try peek() else { throw fail("the file ends where a value should be") }
        switch byte {
        case UInt8(ascii: "{"):
            start += 1
            try skipSpace()
            if try peek() == UInt8(ascii: "}") { start += 1; return }
            while true {
                try skipSpace()
                guard let quote = try peek(), quote == UInt8(ascii: "\"") else {
                    throw fail(try peek().map { "expected a key in quotes, found \(Self.shown($0))" } ?? "the file ends inside an object")
                }
                try string()
                try skipSpace()
                guard try peek() == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
                start += 1
                try skipSpace()
                try value(depth: depth + 1, maximumDepth: maximumDepth)
                guard try endOfMember(close: UInt8(ascii: "}"), what: "an object") else { return }
            }
        case UInt8(ascii: "["):
            start += 1
            try skipSpace()
            if try peek() == UInt8(ascii: "]") { start += 1; return }
            while true {
                try skipSpace()
                try value(depth: depth + 1, maximumDepth: maximumDepth)
                guard try endOfMember(close: UInt8(ascii: "]"), what: "a list") else { return }
            }
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw fail("unexpected \(Self.shown(byte)) where a value should be")
        }
    }

    /// After a member of an object or list: true after a ',' (another follows), false after the closing bracket.
    mutating func endOfMember(close: UInt8, what: String) throws -> Bool {
        try skipSpace()
        guard let byte = try peek() else { throw fail("the file ends inside \(what)") }
        start += 1
        if byte == UInt8(ascii: ",") { return true }
        if byte == close { return false }
        start -= 1
        throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))', found \(Self.shown(byte))")
    }

    /// Consumes a string, checking escapes and UTF-8.
    mutating func string() throws {
        start += 1
        while true {
            if start == end, !(try fill(1)) { throw fail("the file ends inside a string") }
            let byte = buffer[start]
            switch byte {
            case UInt8(ascii: "\""):
                start += 1
                return
            case UInt8(ascii: "\\"):
                guard try fill(2) else { throw fail("the file ends inside a string") }
                switch buffer[start + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    start += 2
                case UInt8(ascii: "u"):
                    start += 1
                    guard let unit = try hexUnit(at: 1) else { throw fail("\\u must be followed by four hex digits") }
                    if (0xDC00...0xDFFF).contains(unit) {
                        throw fail("\\u escape of the second half of a surrogate pair without the first")
                    }
                    if (0xD800...0xDBFF).contains(unit) {
                        guard try fill(11), buffer[start + 5] == UInt8(ascii: "\\"), buffer[start + 6] == UInt8(ascii: "u"),
                              let low = try hexUnit(at: 7), (0xDC00...0xDFFF).contains(low) else {
                            throw fail("\\u escape of the first half of a surrogate pair without the second")
                        }
                        start += 6
                    }
                    start += 5
                default:
                    start += 1
                    throw fail("unknown escape \\\(Self.shown(buffer[start]))")
                }
            case 0..<0x20:
                throw fail("a control character inside a string (write it as an escape)")
            case 0x80...:
                guard let length = try utf8Length() else { throw fail("invalid UTF-8") }
                start += length
            default:
                start += 1
            }
        }
    }

    private mutating func number() throws {
        if buffer[start] == UInt8(ascii: "-") { start += 1 }
        guard let first = try peek(), Self.isDigit(first) else { throw fail("a '-' must be followed by digits") }
        start += 1
        if first == UInt8(ascii: "0") {
            if let next = try peek(), Self.isDigit(next) { throw fail("numbers do not start with 0") }
        } else {
            try digits()
        }
        if try peek() == UInt8(ascii: ".") {
            start += 1
            guard let next = try peek(), Self.isDigit(next) else { throw fail("a '.' must be followed by digits") }
            try digits()
        }
        if let e = try peek(), e | 0x20 == UInt8(ascii: "e") {
            start += 1
            if let sign = try peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { start += 1 }
            guard let next = try peek(), Self.isDigit(next) else { throw fail("an exponent needs digits") }
            try digits()
        }
    }

    private mutating func digits() throws(ReadFailure) {
        while let byte = try peek(), Self.isDigit(byte) { start += 1 }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard try fill(count) else { throw fail("unexpected text where a value should be") }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for k in 0..<count where buffer[start + k] != expected[k] {
            throw fail("unexpected text where a value should be")
        }
        start += count
    }

    /// The length of the UTF-8 sequence at the read position, or nil if it is not valid.
    private mutating func utf8Length() throws(ReadFailure) -> Int? {
        guard let length = UTF8Validation.announcedLength(buffer[start]), try fill(length) else { return nil }
        return UTF8Validation.sequenceLength(in: buffer, at: start)
    }

    /// The four hex digits `distance` bytes after the read position, as a number, or nil.
    private mutating func hexUnit(at distance: Int) throws(ReadFailure) -> UInt32? {
        guard try fill(distance + 4) else { return nil }
        var value: UInt32 = 0
        for k in start + distance..<start + distance + 4 {
            let byte = buffer[k]
            let lower = byte | 0x20
            guard Self.isDigit(byte) || (lower >= 97 && lower <= 102) else { return nil }
            value = value << 4 | UInt32(Self.isDigit(byte) ? byte - 48 : lower - 87)
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    static func shown(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : String(format: "byte 0x%02X", byte)
    }

    // MARK: Places

    /// Line and column (in characters, from 1) of a byte offset, counted in `bytes`.
    static func place(of offset: Int, in bytes: UnsafeRawBufferPointer, from start: (line: Int, column: Int) = (1, 1)) -> (line: Int, column: Int) {
        var (line, column) = start
        for byte in bytes.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// Line and column of a byte offset in the file open at `fd`, read again with pread.
    static func place(of offset: Int, inFile fd: Int32) -> (line: Int, column: Int) {
        var place = (line: 1, column: 1)
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        var position = 0
        while position < offset {
            let wanted = min(chunk.count, offset - position)
            let got = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, wanted, off_t(position)) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            place = chunk.withUnsafeBytes { Self.place(of: got, in: $0, from: place) }
            position += got
        }
        return place
    }
}
