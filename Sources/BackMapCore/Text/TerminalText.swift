/// Makes untrusted text (notes, subject names, tags read from a file) safe to draw
/// in a terminal and measures it in terminal columns.
///
/// Text from a file must never reach the terminal raw: an escape sequence could
/// recolour the screen, move the cursor, set the window title or hide text, and a
/// bidirectional override could make one string look like another. Layout must
/// also count columns, not characters, or wide and combining characters push
/// every cell after them out of line.
public enum TerminalText {
    /// Returns a single-line string that is safe to draw.
    ///
    /// Every C0 control (U+0000–U+001F, including ESC, CR, LF, TAB and BS), DEL,
    /// every C1 control (U+0080–U+009F), the bidirectional controls (U+061C,
    /// U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), the line and paragraph
    /// separators (U+2028, U+2029), the other invisible operators and deprecated
    /// format characters (U+2060–U+206F), the invisible format characters
    /// (U+180E, U+200B, U+FEFF, U+1BCA0–U+1BCA3, U+1D173–U+1D17A), the interlinear annotation marks
    /// (U+FFF9–U+FFFB) and tag characters that are not part of a flag emoji are
    /// replaced by U+FFFD. Callers that want several lines split first.
    ///
    /// Only the introducer of an escape sequence is replaced: `"\u{1B}[31m"`
    /// becomes `"\u{FFFD}[31m"`, whose remaining characters are harmless text.
    public static func sanitized(_ text: String) -> String {
        if isPrintableASCII(text) { return text }

        var filter = ScalarFilter()
        var needsReplacement = false
        for scalar in text.unicodeScalars where filter.rejects(scalar.value) {
            needsReplacement = true
            break
        }
        // Most text is clean; handing back the original keeps its storage shared.
        if !needsReplacement { return text }

        filter = ScalarFilter()
        var result = ""
        // U+FFFD takes three UTF-8 bytes where a control took one or two.
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            result.unicodeScalars.append(filter.rejects(scalar.value) ? replacement : scalar)
        }
        return result
    }

    /// Like ``sanitized(_:)``, but the result is 7-bit ASCII (for `--ascii`
    /// output): each grapheme cluster that is not a single printable ASCII
    /// character becomes one `"?"`, so `"e\u{301}"` or a flag emoji take one
    /// question mark, as they take one place on screen.
    public static func ascii(_ text: String) -> String {
        if isPrintableASCII(text) { return text }

        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            if character.utf8.count == 1, let byte = character.utf8.first, isPrintableASCII(byte) {
                result.append(character)
            } else {
                result += transliterated(character)
            }
        }
        return result
    }

    /// A character outside 7-bit ASCII written with ASCII letters, for a locale that
    /// cannot show UTF-8: the letter without its accents (é → e, ﬁ → fi), a usual
    /// spelling (ß → ss, “ → "), else its code point (<U+6F22>). User text never
    /// turns into "?"; only control characters, which are not text, do.
    static func transliterated(_ character: Character) -> String {
        guard let first = character.unicodeScalars.first else { return "" }
        if first.properties.generalCategory == .control || first.properties.generalCategory == .format { return "?" }
        if let spelled = spellings[first] { return spelled }
        let base = String(character).decomposedStringWithCompatibilityMapping.unicodeScalars
            .filter { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
        if !base.isEmpty { return String(String.UnicodeScalarView(base)) }
        return "<U+" + String(first.value, radix: 16, uppercase: true).leftPadded(to: 4) + ">"
    }

    private static let spellings: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
        "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i",
        "\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"", "\u{2018}": "'", "\u{2019}": "'", "\u{201A}": "'",
        "«": "<<", "»": ">>", "\u{2013}": "-", "\u{2014}": "-", "\u{2212}": "-", "\u{2026}": "...",
        "€": "EUR", "£": "GBP", "°": "deg", "×": "x", "·": ".", "•": "*", "→": "->", "←": "<-",
        "\u{00A0}": " ", "\u{00A9}": "(c)", "\u{00AE}": "(R)",
    ]

    /// Columns a character occupies in a terminal.
    ///
    /// A cluster is as wide as its first scalar that is not combining or
    /// zero-width: 2 for East Asian Wide and Fullwidth characters and emoji, 1
    /// otherwise, so `"e\u{301}"` is 1 and `"👍🏽"` is 2. A cluster with nothing
    /// but combining or zero-width scalars (a lone combining mark) is 0, as is a
    /// control. A variation selector 16 (U+FE0F) asks for emoji presentation,
    /// which terminals draw two columns wide, so `"❤️"` is 2 where `"❤"` is 1.
    public static func width(of character: Character) -> Int {
        var width = 0
        for scalar in character.unicodeScalars {
            let value = scalar.value
            if width == 0 {
                width = scalarWidth(value)
                // Nothing later in the cluster can make it wider than 2.
                if width == 2 { return 2 }
            } else if value == 0xFE0F {
                return 2
            }
        }
        return width
    }

    /// Columns a string occupies in a terminal: the sum of its characters' widths.
    public static func width(of text: String) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        var total = 0
        for character in text {
            total += width(of: character)
        }
        return total
    }

    /// Cuts `text` so that it fits in `columns` terminal columns, ending with
    /// `ellipsis` when anything was cut (pass `"..."` for ASCII output).
    ///
    /// Never splits a grapheme cluster and never returns something wider than
    /// `columns`: a wide character that would straddle the limit is dropped. When
    /// even the ellipsis does not fit, the text is cut without one, because a few
    /// letters of the text say more than part of an ellipsis. `columns <= 0`
    /// gives `""`. Pass text that went through ``sanitized(_:)`` or ``ascii(_:)``.
    public static func truncated(_ text: String, toWidth columns: Int, ellipsis: String = "…") -> String {
        fitted(text, toWidth: columns, ellipsis: ellipsis).text
    }

    /// Truncates like ``truncated(_:toWidth:ellipsis:)`` if needed, then pads
    /// with spaces on the right so the result is exactly `columns` columns wide.
    /// `columns <= 0` gives `""`.
    public static func padded(_ text: String, toWidth columns: Int, ellipsis: String = "…") -> String {
        let fit = fitted(text, toWidth: columns, ellipsis: ellipsis)
        let missing = columns - fit.width
        guard missing > 0 else { return fit.text }
        return fit.text + String(repeating: " ", count: missing)
    }

    // MARK: - Internals

    private static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// The cut text with its width, so padding does not measure it again.
    private static func fitted(_ text: String, toWidth columns: Int, ellipsis: String) -> (text: String, width: Int) {
        guard columns > 0 else { return ("", 0) }

        if isPrintableASCII(text) {
            let count = text.utf8.count
            if count <= columns { return (text, count) }
            let ellipsisWidth = width(of: ellipsis)
            guard ellipsisWidth <= columns else {
                return (String(decoding: text.utf8.prefix(columns), as: UTF8.self), columns)
            }
            let kept = columns - ellipsisWidth
            return (String(decoding: text.utf8.prefix(kept), as: UTF8.self) + ellipsis, columns)
        }

        let ellipsisWidth = width(of: ellipsis)
        let ellipsisFits = ellipsisWidth <= columns
        let budget = ellipsisFits ? columns - ellipsisWidth : columns

        // One pass: remember where the text must be cut to leave room for the
        // ellipsis, and stop as soon as it is clear the whole text will not fit.
        var used = 0
        var offset = 0
        var cutOffset: Int?
        var widthAtCut = 0
        for character in text {
            let characterWidth = width(of: character)
            if cutOffset == nil && used + characterWidth > budget {
                cutOffset = offset
                widthAtCut = used
            }
            used += characterWidth
            if used > columns {
                let end = text.utf8.index(text.utf8.startIndex, offsetBy: cutOffset ?? offset)
                let kept = String(text[..<end])
                return ellipsisFits ? (kept + ellipsis, widthAtCut + ellipsisWidth) : (kept, widthAtCut)
            }
            offset += character.utf8.count
        }
        return (text, used)
    }

    @inline(__always)
    private static func isPrintableASCII(_ byte: UInt8) -> Bool {
        // One unsigned comparison covers 0x20...0x7E: smaller bytes wrap around.
        byte &- 0x20 < 0x5F
    }

    @inline(__always)
    private static func isPrintableASCII(_ text: String) -> Bool {
        if let result = text.utf8.withContiguousStorageIfAvailable({ bytes in
            bytes.allSatisfy(isPrintableASCII)
        }) {
            return result
        }
        return text.utf8.allSatisfy(isPrintableASCII)
    }

    /// Decides scalar by scalar what must not reach the terminal. It carries
    /// state because tag characters are only legitimate inside a flag emoji.
    private struct ScalarFilter {
        /// Tags still allowed after a black flag (U+1F3F4); 0 outside a flag.
        private var tagsAllowed = 0

        /// Subdivision flags such as England's spell a code of at most seven tags
        /// (including the cancel tag); a longer run would be smuggled invisible text.
        private static let longestFlagTagRun = 7

        mutating func rejects(_ value: UInt32) -> Bool {
            if value >= 0x20 && value < 0x7F {
                tagsAllowed = 0
                return false
            }
            if value >= 0xE0020 && value <= 0xE007F {
                guard tagsAllowed > 0 else { return true }
                // The cancel tag closes the flag.
                tagsAllowed = value == 0xE007F ? 0 : tagsAllowed - 1
                return false
            }
            tagsAllowed = value == 0x1F3F4 ? Self.longestFlagTagRun : 0
            return Self.isAlwaysUnsafe(value)
        }

        @inline(__always)
        private static func isAlwaysUnsafe(_ value: UInt32) -> Bool {
            switch value {
            case 0x00...0x1F, 0x7F...0x9F:
                // C0 and C1 controls, DEL: escape sequences and cursor movement.
                return true
            case 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2060...0x206F:
                // Bidi marks, embeddings, overrides and isolates reorder what is
                // drawn after them; line separators break the row; the rest are
                // invisible and can hide text.
                return true
            case 0x180E, 0x200B, 0xFEFF, 0x1BCA0...0x1BCA3, 0x1D173...0x1D17A:
                // Invisible format characters (zero-width space, byte order mark and
                // kin): they hide text or tell two look-alike names apart unseen.
                // The zero-width joiners stay: emoji and scripts need them.
                return true
            case 0xFFF9...0xFFFB, 0xE0000...0xE001F:
                // Interlinear annotations can hide the annotated text; the
                // language tag is deprecated and the rest is unassigned.
                return true
            default:
                return false
            }
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
