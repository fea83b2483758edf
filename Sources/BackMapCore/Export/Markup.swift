/// Escaping for the text formats export writes: XML (SVG and XHTML) and Markdown.
///
/// Everything that came from a session file (subject, notes, tags) is
/// untrusted. Before escaping, it goes through `TerminalText.sanitized`, so
/// control characters and bidirectional overrides become U+FFFD: they are not
/// allowed in XML 1.0 at all, and a report must not show one string as another.
/// Two controls are ordinary writing, not tricks, and are kept as what they
/// mean: a tab is a space, and a line break is a line break where the place
/// holds several lines (`lines`) or a space where it holds one (`oneLine`).
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
    /// Safe inside a line; at the start of a line use `markdownLine`.
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

    /// One line of untrusted text that starts a Markdown line: escaped as inside a
    /// line, and also kept from opening a block. CommonMark reads `- `, `+ `, `1. `
    /// or `1) ` as a list item, `---` or `===` as a rule or a heading underline, and
    /// four leading spaces as code; the text would lose its first characters or
    /// vanish. A backslash before the punctuation, or an entity for the first
    /// space, keeps every character as text.
    static func markdownLine(_ text: String) -> String {
        var line = markdown(text)
        if line.hasPrefix(" ") {
            // A character reference is not whitespace to the block parser, so no
            // indentation can start a code block; it still renders as a space.
            line = "&#32;" + line.dropFirst()
        }
        if let first = line.first, first == "-" || first == "+" || first == "=" {
            return "\\" + line
        }
        // An ordered-list marker: up to nine digits, then "." or ")".
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9 {
            let rest = line.dropFirst(digits.count)
            if let marker = rest.first, marker == "." || marker == ")" {
                return digits + "\\" + rest
            }
        }
        return line
    }

    /// Line breaks become spaces, for places that hold one line; tabs become spaces.
    static func oneLine(_ text: String) -> String {
        lines(text).joined(separator: " ")
    }

    /// The lines of a multi-line note, each to be escaped on its own; tabs become spaces.
    static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { $0.replacingOccurrences(of: "\t", with: " ") }
    }

    /// Text cut to at most `columns` terminal columns, with "…" when anything was
    /// cut: after the last whole word that fits, or after a hyphen when no space
    /// is there, and mid-word only for one word longer than the whole budget.
    static func shortened(_ text: String, toColumns columns: Int) -> String {
        guard TerminalText.width(of: text) > columns else { return text }
        var kept = ""
        var width = 0
        for character in text {
            let next = TerminalText.width(of: character)
            if width + next > columns - 1 { break }
            kept.append(character)
            width += next
        }
        let cutsAWord = text.dropFirst(kept.count).first.map { $0 != " " } ?? false
        if cutsAWord {
            if let space = kept.lastIndex(of: " ") {
                kept = String(kept[..<space])
            } else if let hyphen = kept.lastIndex(of: "-") {
                kept = String(kept[...hyphen])
            }
        }
        while kept.last == " " { kept.removeLast() }
        return kept + "…"
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
