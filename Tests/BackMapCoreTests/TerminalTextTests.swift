import TestSupport
import Testing
@testable import BackMapCore

@Suite("TerminalText")
struct TerminalTextTests {
    // MARK: - sanitized

    @Test func escapeSequenceIsNeutralised() {
        #expect(TerminalText.sanitized("\u{1B}[31mred\u{1B}[0m") == "\u{FFFD}[31mred\u{FFFD}[0m")
        #expect(TerminalText.sanitized("\u{1B}[2J\u{1B}[H") == "\u{FFFD}[2J\u{FFFD}[H")
    }

    @Test func operatingSystemCommandIsNeutralised() {
        // Window title (ended by BEL) and hyperlink (ended by ST).
        #expect(TerminalText.sanitized("\u{1B}]0;pwned\u{07}") == "\u{FFFD}]0;pwned\u{FFFD}")
        #expect(
            TerminalText.sanitized("\u{1B}]8;;http://x\u{1B}\\link")
                == "\u{FFFD}]8;;http://x\u{FFFD}\\link"
        )
    }

    @Test func c1ControlSequenceIntroducerIsReplaced() {
        #expect(TerminalText.sanitized("\u{9B}31mred") == "\u{FFFD}31mred")
    }

    @Test func everyC0AndC1ControlAndDeleteIsReplaced() {
        let controls = Array(0x00...0x1F) + Array(0x7F...0x9F)
        for value in controls {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let text = "a" + String(Character(scalar)) + "b"
            #expect(TerminalText.sanitized(text) == "a\u{FFFD}b", "U+\(String(value, radix: 16))")
        }
    }

    @Test func lineBreaksTabsAndBackspacesAreReplaced() {
        #expect(TerminalText.sanitized("a\rb\nc\td\u{8}e") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e")
        #expect(TerminalText.sanitized("one\r\ntwo") == "one\u{FFFD}\u{FFFD}two")
        #expect(TerminalText.sanitized("del\u{7F}") == "del\u{FFFD}")
    }

    @Test func bidiOverrideIsReplaced() {
        #expect(TerminalText.sanitized("invoice\u{202E}fdp.exe") == "invoice\u{FFFD}fdp.exe")
    }

    @Test(arguments: [
        0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
        0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029, 0x2060, 0x2064, 0xFFF9, 0xE0001,
        // Invisible format characters: zero-width space, byte order mark, and kin (issue 9).
        0x200B, 0xFEFF, 0x180E, 0x1BCA0, 0x1D173,
    ] as [UInt32])
    func invisibleFormattingControlIsReplaced(value: UInt32) {
        guard let scalar = Unicode.Scalar(value) else { return }
        #expect(TerminalText.sanitized("x" + String(Character(scalar)) + "y") == "x\u{FFFD}y")
    }

    @Test(arguments: [
        "Upper back, left side",
        "",
        "Grüße, ça va? Ñandú",
        "漢字とかな 한국어",
        "e\u{301} n\u{303}",
        "👍🏽 👨‍👩‍👧 🇫🇷 ❤️ 1️⃣",
        "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",  // England's flag
        // The zero-width joiner builds emoji and shapes scripts; it stays (a zero-width space does not).
        "zero width\u{200D}joiner",
    ])
    func plainTextIsUnchanged(text: String) {
        #expect(TerminalText.sanitized(text) == text)
    }

    @Test func tagCharactersOutsideAFlagAreReplaced() {
        // "hi" spelled in invisible tag characters.
        #expect(TerminalText.sanitized("ok\u{E0068}\u{E0069}") == "ok\u{FFFD}\u{FFFD}")
        // A flag cannot carry an arbitrarily long hidden message.
        let smuggled = "🏴" + String(repeating: "\u{E0061}", count: 10)
        let cleaned = TerminalText.sanitized(smuggled)
        #expect(cleaned.unicodeScalars.filter { $0.value >= 0xE0000 }.count <= 7)
    }

    @Test func sanitizedTextNeverContainsAControl() {
        let pool: [UInt32] = [
            0x00, 0x07, 0x08, 0x09, 0x0A, 0x0D, 0x1B, 0x41, 0x5B, 0x7F, 0x85, 0x9B, 0x9D,
            0xE9, 0x301, 0x61C, 0x200D, 0x200E, 0x2028, 0x202E, 0x2066, 0x6F22, 0x1F44D,
            0x1F3F4, 0xE0067, 0xE007F,
        ]
        var generator = SeededRandom(seed: 42)
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int(generator.next() % 12) {
                let value = pool[Int(generator.next() % UInt64(pool.count))]
                if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
            }
            let cleaned = TerminalText.sanitized(text)
            let forbidden = cleaned.unicodeScalars.filter { scalar in
                let value = scalar.value
                return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x61C
                    || value == 0x200E || value == 0x200F || (0x2028...0x202E).contains(value)
                    || (0x2066...0x2069).contains(value)
            }
            #expect(forbidden.isEmpty, "\(text.unicodeScalars.map { $0.value })")
            // Replacement is one for one, so nothing is lost or invented.
            #expect(cleaned.unicodeScalars.count == text.unicodeScalars.count)
        }
    }

    // MARK: - ascii

    @Test func asciiKeepsPlainText() {
        #expect(TerminalText.ascii("Lower back: 3/5 (tight)") == "Lower back: 3/5 (tight)")
    }

    // User text is transliterated, never turned into "?" (SPEC 4, issue 12 item 9).

    @Test func asciiTransliteratesAccentedLetters() {
        #expect(TerminalText.ascii("café") == "cafe")
        #expect(TerminalText.ascii("Grüße") == "Grusse")
        #expect(TerminalText.ascii("pire à gauche") == "pire a gauche")
        #expect(TerminalText.ascii("Łódź, “œuvre” – ﬁn…") == "Lodz, \"oeuvre\" - fin...")
    }

    @Test func asciiTurnsACombiningClusterIntoItsBaseLetter() {
        #expect(TerminalText.ascii("cafe\u{301}!") == "cafe!")
        #expect(TerminalText.ascii("n\u{303}\u{323}") == "n")
    }

    @Test func asciiWritesWhatHasNoSpellingAsItsCodePoint() {
        #expect(TerminalText.ascii("👍") == "<U+1F44D>")
        #expect(TerminalText.ascii("👍🏽") == "<U+1F44D>")
        #expect(TerminalText.ascii("漢字") == "<U+6F22><U+5B57>")
        #expect(TerminalText.ascii("a한b") == "a<U+D55C>b")
        for text in ["👨‍👩‍👧 ok", "🇫🇷", "漢字", "é"] {
            #expect(!TerminalText.ascii(text).contains("?"), "\(text)")
        }
    }

    @Test func asciiNeutralisesControls() {
        #expect(TerminalText.ascii("\u{1B}[31mred\u{9B}") == "?[31mred?")
        #expect(TerminalText.ascii("a\tb\r\nc") == "a?b?c")
    }

    @Test func asciiResultIsSevenBitPrintable() {
        let text = "é\u{1B}漢👍🏽\u{202E}\u{7F}\u{0}\u{E0061}x"
        #expect(TerminalText.ascii(text).utf8.allSatisfy { (0x20...0x7E).contains($0) })
    }

    // MARK: - width

    /// The tables are first-and-last pairs, sorted and apart, as the binary search needs;
    /// every first and last value of every range is found and the values around it are not
    /// unless a neighbouring range holds them.
    @Test func widthTablesAreSortedPairsAndSearchedExactly() {
        for table in [TerminalText.zeroWidthRanges, TerminalText.wideRanges] {
            #expect(table.count % 2 == 0)
            for index in stride(from: 0, to: table.count, by: 2) {
                #expect(table[index] <= table[index + 1], "range \(index / 2)")
                if index >= 2 { #expect(table[index - 1] < table[index], "ranges \(index / 2 - 1) and \(index / 2)") }
                #expect(TerminalText.inTable(table, table[index]))
                #expect(TerminalText.inTable(table, table[index + 1]))
                let before = table[index] - 1, after = table[index + 1] + 1
                #expect(TerminalText.inTable(table, before) == (index >= 2 && table[index - 1] == before))
                #expect(TerminalText.inTable(table, after) == (index + 2 < table.count && table[index + 2] == after))
            }
        }
        #expect(TerminalText.width(of: Character("\u{0301}")) == 0)
        #expect(TerminalText.width(of: Character("\u{1100}")) == 2)
    }

    @Test func widthOfASCIIIsItsLength() {
        #expect(TerminalText.width(of: "") == 0)
        #expect(TerminalText.width(of: "hello, world") == 12)
        #expect(TerminalText.width(of: Character("a")) == 1)
    }

    @Test func widthOfCJKIsTwoPerCharacter() {
        #expect(TerminalText.width(of: "漢字") == 4)
        #expect(TerminalText.width(of: "한국어") == 6)
        #expect(TerminalText.width(of: "かな") == 4)
        #expect(TerminalText.width(of: "ＡＢ") == 4)
        #expect(TerminalText.width(of: "a漢b") == 4)
    }

    @Test func combiningMarksTakeNoColumn() {
        #expect(TerminalText.width(of: "e\u{301}") == 1)
        #expect(TerminalText.width(of: Character("e\u{301}")) == 1)
        #expect(TerminalText.width(of: "cafe\u{301}") == 4)
        #expect(TerminalText.width(of: "\u{301}") == 0)
        // Hangul built from conjoining jamo is one wide syllable.
        #expect(TerminalText.width(of: "\u{1100}\u{1161}\u{11A8}") == 2)
    }

    @Test func emojiAreTwoColumnsWide() {
        #expect(TerminalText.width(of: "👍") == 2)
        #expect(TerminalText.width(of: "👍🏽") == 2)
        #expect(TerminalText.width(of: "👨‍👩‍👧") == 2)
        #expect(TerminalText.width(of: "🇫🇷") == 2)
        #expect(TerminalText.width(of: "🤯") == 2)
        #expect(TerminalText.width(of: "❤️") == 2)
        #expect(TerminalText.width(of: "❤") == 1)
    }

    @Test func replacementCharacterIsOneColumn() {
        #expect(TerminalText.width(of: TerminalText.sanitized("\u{1B}[1m")) == 4)
    }

    // MARK: - truncated and padded

    @Test func textThatFitsIsNotTruncated() {
        #expect(TerminalText.truncated("hello", toWidth: 5) == "hello")
        #expect(TerminalText.truncated("漢字", toWidth: 4) == "漢字")
    }

    @Test func longTextEndsWithAnEllipsis() {
        #expect(TerminalText.truncated("hello world", toWidth: 5) == "hell…")
        #expect(TerminalText.truncated("hello world", toWidth: 5, ellipsis: "...") == "he...")
    }

    @Test func nonPositiveWidthGivesEmptyText() {
        #expect(TerminalText.truncated("hello", toWidth: 0) == "")
        #expect(TerminalText.truncated("hello", toWidth: -3) == "")
        #expect(TerminalText.padded("hello", toWidth: 0) == "")
    }

    @Test func wideCharacterThatWouldStraddleTheLimitIsDropped() {
        #expect(TerminalText.truncated("漢字漢字", toWidth: 4) == "漢…")
        #expect(TerminalText.truncated("漢字", toWidth: 3) == "漢…")
        #expect(TerminalText.truncated("漢字", toWidth: 2) == "…")
    }

    @Test func truncationNeverSplitsAGraphemeCluster() {
        #expect(TerminalText.truncated("e\u{301}e\u{301}e\u{301}", toWidth: 2) == "e\u{301}…")
        #expect(TerminalText.truncated("👍🏽👍🏽", toWidth: 3) == "👍🏽…")
    }

    @Test func ellipsisThatDoesNotFitIsLeftOut() {
        #expect(TerminalText.truncated("hello", toWidth: 2, ellipsis: "...") == "he")
    }

    @Test func truncationNeverExceedsTheWidth() {
        let samples = [
            "漢字とかなa한국어bｗｉｄｅ",
            "a漢b字c👍🏽d🇫🇷e\u{301}f👨‍👩‍👧g",
            "plain ascii text that goes on",
            "🤯🤯🤯🤯🤯🤯x",
            "x\u{301}\u{302}漢\u{200B}字",
        ]
        for text in samples {
            let fullWidth = TerminalText.width(of: text)
            for ellipsis in ["…", "...", ""] {
                for columns in -2...(fullWidth + 3) {
                    let cut = TerminalText.truncated(text, toWidth: columns, ellipsis: ellipsis)
                    let cutWidth = TerminalText.width(of: cut)
                    #expect(cutWidth <= max(0, columns), "\(text) \(columns) \(ellipsis)")
                    if columns >= fullWidth {
                        #expect(cut == text)
                    } else if columns > 0 {
                        let kept = cut.hasSuffix(ellipsis) ? String(cut.dropLast(ellipsis.count)) : cut
                        #expect(Array(text).starts(with: Array(kept)), "\(text) \(columns)")
                        // At most one wide character's worth of room is wasted.
                        #expect(cutWidth >= columns - 1, "\(text) \(columns) \(ellipsis)")
                    }
                    let padded = TerminalText.padded(text, toWidth: columns, ellipsis: ellipsis)
                    #expect(TerminalText.width(of: padded) == max(0, columns), "\(text) \(columns)")
                    #expect(padded.hasPrefix(cut))
                }
            }
        }
    }

    @Test func paddingGivesExactWidth() {
        #expect(TerminalText.padded("ab", toWidth: 5) == "ab   ")
        #expect(TerminalText.padded("漢", toWidth: 3) == "漢 ")
        #expect(TerminalText.padded("e\u{301}", toWidth: 3) == "e\u{301}  ")
        #expect(TerminalText.padded("hello world", toWidth: 5) == "hell…")
        #expect(TerminalText.padded("漢字漢字", toWidth: 4) == "漢… ")
        #expect(TerminalText.padded("abc", toWidth: 3) == "abc")
    }
}
