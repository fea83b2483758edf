import Foundation

extension TerminalText {
    /// JSON for a terminal: the same document, with every character that
    /// `sanitized(_:)` would keep off the screen written as a `\uXXXX` escape.
    ///
    /// JSONEncoder escapes only C0 controls, so DEL, C1 controls (U+009B is a
    /// CSI to many terminals), bidirectional overrides and tag characters from a
    /// file's notes would reach the terminal raw when `--json` output is not
    /// piped. The escapes decode to the very same strings, so nothing is lost.
    /// Such characters can only occur inside strings: the structure is ASCII.
    public static func terminalSafeJSON(_ data: Data) -> Data {
        let text = String(decoding: data, as: UTF8.self)
        guard text.unicodeScalars.contains(where: { needsJSONEscape($0.value) }) else { return data }
        var result = ""
        result.reserveCapacity(data.count + 64)
        for scalar in text.unicodeScalars {
            guard needsJSONEscape(scalar.value) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 {
                let hex = String(unit, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return Data(result.utf8)
    }

    /// Everything `sanitized` may replace, tags included (escaping a flag's tags is harmless).
    static func needsJSONEscape(_ value: UInt32) -> Bool {
        switch value {
        case 0x7F...0x9F, 0x061C, 0x180E, 0x200B, 0x200E, 0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFEFF,
             0xFFF9...0xFFFB, 0x1BCA0...0x1BCA3, 0x1D173...0x1D17A, 0xE0000...0xE007F:
            return true
        default:
            return false
        }
    }
}
