import Foundation

/// A strict, allocation-free JSON syntax check (RFC 8259) that reports the line and
/// column of the first error.
///
/// Foundation's decoder says only that data is not valid JSON; a person fixing a
/// file by hand needs to know where. It also caps nesting so a hostile file of
/// a million brackets is refused before any recursive decoder sees it.
public enum JSONSyntax {
    /// Where and why a document is not valid JSON.
    public struct Problem: Equatable, Sendable {
        public var line: Int
        public var column: Int
        public var message: String
        /// The document may be valid JSON but holds more values than allowed.
        public var isOverLimit = false
    }

    /// Deeper nesting than any session needs.
    public static let maximumDepth = 64

    /// More values (numbers, strings, lists, objects…) than any session needs: the
    /// most marks with a note each and room for keys a newer backmap adds. Past it
    /// a file is refused here, in one cheap pass, because Foundation's decoder
    /// takes seconds and tens of megabytes for a file of a million tiny values.
    public static let maximumValues = 100_000

    /// The first syntax error in `data`, or nil when it is one valid JSON value.
    public static func firstError(in data: Data, maximumValues: Int = maximumValues) -> Problem? {
        data.withUnsafeBytes { raw in
            var scanner = Scanner(bytes: raw.bindMemory(to: UInt8.self), maximumValues: maximumValues)
            return scanner.check()
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let maximumValues: Int
        var i = 0
        var values = 0

        init(bytes: UnsafeBufferPointer<UInt8>, maximumValues: Int) {
            self.bytes = bytes
            self.maximumValues = maximumValues
        }

        mutating func check() -> Problem? {
            // A UTF-8 byte order mark is tolerated, as most editors may write one.
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
            skipSpace()
            if let problem = value(depth: 0) { return problem }
            skipSpace()
            return i < bytes.count ? problem("unexpected text after the end of the document") : nil
        }

        mutating func value(depth: Int) -> Problem? {
            guard depth < JSONSyntax.maximumDepth else { return problem("nested more than \(JSONSyntax.maximumDepth) levels deep") }
            guard i < bytes.count else { return problem("the file ends where a value should be") }
            values += 1
            guard values <= maximumValues else {
                var tooMany = problem("more than \(maximumValues) values")
                tooMany.isOverLimit = true
                return tooMany
            }
            switch bytes[i] {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            default: return problem("unexpected \(shown(bytes[i])) where a value should be")
            }
        }

        mutating func object(depth: Int) -> Problem? {
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return nil }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                    return problem(i < bytes.count ? "expected a key in quotes, found \(shown(bytes[i]))" : "the file ends inside an object")
                }
                if let problem = string() { return problem }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return problem("expected ':' after a key") }
                i += 1
                skipSpace()
                if let problem = value(depth: depth + 1) { return problem }
                skipSpace()
                guard i < bytes.count else { return problem("the file ends inside an object") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return nil }
                return problem("expected ',' or '}', found \(shown(bytes[i]))")
            }
        }

        mutating func array(depth: Int) -> Problem? {
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return nil }
            while true {
                skipSpace()
                if let problem = value(depth: depth + 1) { return problem }
                skipSpace()
                guard i < bytes.count else { return problem("the file ends inside a list") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return nil }
                return problem("expected ',' or ']', found \(shown(bytes[i]))")
            }
        }

        mutating func string() -> Problem? {
            i += 1
            while i < bytes.count {
                skipPlainStringBytes()
                guard i < bytes.count else { break }
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "\""):
                    i += 1
                    return nil
                case UInt8(ascii: "\\"):
                    i += 1
                    guard i < bytes.count else { break }
                    switch bytes[i] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                         UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        i += 1
                    case UInt8(ascii: "u"):
                        guard let unit = hexUnit(at: i + 1) else { return problem("\\u must be followed by four hex digits") }
                        // Foundation refuses half a surrogate pair; say where, as for any other error.
                        if (0xDC00...0xDFFF).contains(unit) { return problem("\\u escape of the second half of a surrogate pair without the first") }
                        if (0xD800...0xDBFF).contains(unit) {
                            guard i + 6 < bytes.count, bytes[i + 5] == UInt8(ascii: "\\"), bytes[i + 6] == UInt8(ascii: "u"),
                                  let low = hexUnit(at: i + 7), (0xDC00...0xDFFF).contains(low) else {
                                return problem("\\u escape of the first half of a surrogate pair without the second")
                            }
                            i += 6
                        }
                        i += 5
                    default:
                        return problem("unknown escape \\\(shown(bytes[i]))")
                    }
                case 0..<0x20:
                    return problem("a control character inside a string (write it as an escape)")
                case 0x80...:
                    guard let length = utf8Length(at: i) else { return problem("invalid UTF-8") }
                    i += length
                default:
                    i += 1
                }
            }
            return problem("the file ends inside a string")
        }

        /// Steps over what needs no closer look inside a string (printable ASCII but the
        /// quote and the backslash) eight bytes at a time, up to the first byte that does.
        mutating func skipPlainStringBytes() {
            while i + 8 <= bytes.count {
                let word = UInt64.bytes(at: bytes.baseAddress! + i)
                let plain = word.highBitsOfPrintableASCII & word.highBits(ofBytesOtherThan: UInt8(ascii: "\""))
                    & word.highBits(ofBytesOtherThan: UInt8(ascii: "\\"))
                let count = UInt64.leadingQualifyingBytes(plain)
                i += count
                guard count == 8 else { return }
            }
        }

        mutating func number() -> Problem? {
            let start = i
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { return problem("a '-' must be followed by digits") }
            if bytes[i] == UInt8(ascii: "0") {
                i += 1
                if i < bytes.count, isDigit(bytes[i]) { return problem("numbers do not start with 0") }
            } else {
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard i < bytes.count, isDigit(bytes[i]) else { return problem("a '.' must be followed by digits") }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard i < bytes.count, isDigit(bytes[i]) else { return problem("an exponent needs digits") }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            // Only an exponent or hundreds of digits can leave the range of a Double,
            // which Foundation refuses; check those few, and say where.
            if i - start > 300 || bytes[start..<i].contains(where: { $0 | 0x20 == UInt8(ascii: "e") }) {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                if let value = Double(text), !value.isFinite {
                    i = start
                    return problem("a number too large to read")
                }
            }
            return nil
        }

        mutating func literal(_ word: StaticString) -> Problem? {
            let count = word.utf8CodeUnitCount
            guard i + count <= bytes.count else { return problem("unexpected text where a value should be") }
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
            for k in 0..<count where bytes[i + k] != expected[k] {
                return problem("unexpected text where a value should be")
            }
            i += count
            return nil
        }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x09, 0x0A, 0x0D: i += 1
                default: return
                }
            }
        }

        func utf8Length(at index: Int) -> Int? {
            UTF8Validation.sequenceLength(in: bytes, at: index)
        }

        /// The four hex digits at `index` as a number, or nil.
        func hexUnit(at index: Int) -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for k in index..<index + 4 {
                let b = bytes[k]
                guard isHex(b) else { return nil }
                value = value << 4 | UInt32(isDigit(b) ? b - 48 : (b | 0x20) - 87)
            }
            return value
        }

        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20 >= 97 && b | 0x20 <= 102) }

        func shown(_ b: UInt8) -> String {
            b >= 0x21 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : String(format: "byte 0x%02X", b)
        }

        /// Line and column (in characters, from 1) of the current position.
        func problem(_ message: String) -> Problem {
            var line = 1
            var column = 1
            var k = 0
            let end = min(i, bytes.count)
            while k < end {
                if bytes[k] == 0x0A {
                    line += 1
                    column = 1
                } else if bytes[k] & 0xC0 != 0x80 {
                    column += 1
                }
                k += 1
            }
            return Problem(line: line, column: column, message: message)
        }
    }
}
