/// Escaping for the text formats export writes: XML (SVG and XHTML) and Markdown.
///
/// Everything that came from a session file (subject, notes, tags) is
/// untrusted. Before escaping, it goes through `TerminalText.sanitized`, so
/// control characters and bidirectional overrides become U+FFFD: they are not
/// allowed in XML 1.0 at all, and a report must not show one string as another.
enum Markup {
    /// Text for an XML text node or attribute value.
    static func xml(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in TerminalText.sanitized(text).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            // Noncharacters are not XML characters either.
            case "\u{FFFE}", "\u{FFFF}": result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Untrusted text as one line of Markdown: no markup, no raw HTML, no line breaks.
    static func markdown(_ text: String) -> String {
        var result = ""
        for character in TerminalText.sanitized(oneLine(text)) {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "!", "{", "}":
                result += "\\" + String(character)
            // A renderer would take raw HTML as HTML; entities keep it text.
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Line breaks become spaces, for places that hold one line.
    static func oneLine(_ text: String) -> String {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// The lines of a multi-line note, each to be escaped on its own.
    static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    }

    /// A number with at most `digits` decimals and no trailing zeros, the same on every machine.
    static func decimal(_ value: Double, digits: Int = 1) -> String {
        // Past 2^53 every double is whole, and Int could not hold the largest.
        guard value.isFinite, abs(value) < 1e15 else { return String(value) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
