import Testing
@testable import BackMapTUI

/// Decodes text as one read from the terminal, then as if nothing more came.
private func keys(_ text: String) -> [Key] {
    KeyDecoder.decode(Array(text.unicodeScalars), isComplete: true).keys
}

@Suite("Key decoder")
struct KeyDecoderTests {
    @Test(arguments: ["\u{1B}[H", "\u{1B}OH", "\u{1B}[1~", "\u{1B}[7~", "\u{1B}[1;5H"])
    func homeInEveryCommonForm(sequence: String) {
        #expect(keys(sequence) == [.home])
    }

    @Test(arguments: ["\u{1B}[F", "\u{1B}OF", "\u{1B}[4~", "\u{1B}[8~", "\u{1B}[1;2F"])
    func endInEveryCommonForm(sequence: String) {
        #expect(keys(sequence) == [.end])
    }

    @Test func arrowsInNormalAndApplicationModeAndWithModifiers() {
        #expect(keys("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.up, .down, .right, .left])
        #expect(keys("\u{1B}OA\u{1B}OB\u{1B}OC\u{1B}OD") == [.up, .down, .right, .left])
        #expect(keys("\u{1B}[1;5A\u{1B}[1;2D") == [.up, .left])
    }

    @Test func pagesDeleteBackTabAndFunctionKeys() {
        #expect(keys("\u{1B}[5~\u{1B}[6~\u{1B}[3~\u{1B}[Z") == [.pageUp, .pageDown, .delete, .backTab])
        #expect(keys("\u{1B}OP\u{1B}[15~\u{1B}[24~") == [.function(1), .function(5), .function(12)])
    }

    @Test func otherCompleteSequencesAreReadWholeAndIgnored() {
        // Insert, F-keys beyond 12, focus reports, a device reply, an OSC reply:
        // none may leak as Esc plus characters.
        #expect(keys("a\u{1B}[2~b") == [.character("a"), .character("b")])
        #expect(keys("\u{1B}[99~\u{1B}[I\u{1B}[O\u{1B}[?62;22c") == [])
        #expect(keys("\u{1B}]11;rgb:0000/0000/0000\u{07}q") == [.character("q")])
        #expect(keys("\u{1B}]11;rgb:0000/0000/0000\u{1B}\\q") == [.character("q")])
        #expect(keys("\u{1B}Ox") == [])
    }

    @Test func aLoneEscIsEsc() {
        #expect(keys("\u{1B}") == [.escape])
        #expect(keys("\u{1B}\u{1B}") == [.escape, .escape])
        #expect(keys("\u{1B}\u{1B}[4~") == [.escape, .end])
        // Esc then a key that starts no sequence, in one read (a quick typist): both.
        #expect(keys("\u{1B}q") == [.escape, .character("q")])
    }

    @Test func anUnfinishedSequenceWaitsForItsEnd() {
        let first = KeyDecoder.decode(Array("x\u{1B}[1".unicodeScalars), isComplete: false)
        #expect(first == KeyDecoder.Decoded(keys: [.character("x")], consumed: 1))
        #expect(KeyDecoder.decode(Array("\u{1B}".unicodeScalars), isComplete: false).consumed == 0)
        #expect(KeyDecoder.decode(Array("\u{1B}[<0;5;".unicodeScalars), isComplete: false).consumed == 0)
        // Nothing more came: Esc alone is Esc; Esc and one character are both keys;
        // a longer unfinished sequence is dropped, never typed.
        #expect(keys("\u{1B}[") == [.escape, .character("[")])
        #expect(keys("\u{1B}[1") == [])
        #expect(keys("\u{1B}[<0;5;") == [])
    }

    @Test func aGarbledSequenceIsDroppedAndWhatFollowsStillCounts() {
        #expect(keys("\u{1B}[12\u{01}q") == [.control("a"), .character("q")])
    }

    @Test func overlongSequencesAreDropped() {
        let garbage = "\u{1B}[" + String(repeating: "1", count: 1_000) + "q"
        let decoded = KeyDecoder.decode(Array(garbage.unicodeScalars), isComplete: false)
        #expect(!decoded.keys.contains(.escape))
        #expect(decoded.consumed == garbage.unicodeScalars.count)
    }

    @Test func sgrPressAndReleaseInOneReadAreOneClick() {
        // A fast click over ssh: both reports in one read. Positions are 1-based.
        #expect(keys("\u{1B}[<0;12;7M\u{1B}[<0;12;7m") == [.click(x: 11, y: 6)])
        #expect(keys("\u{1B}[<0;12;7M\u{1B}[<0;12;7m2") == [.click(x: 11, y: 6), .character("2")])
        // With Ctrl held it is still a click; motion without a button, other buttons and releases are not.
        #expect(keys("\u{1B}[<16;1;1M") == [.click(x: 0, y: 0)])
        #expect(keys("\u{1B}[<35;3;3M\u{1B}[<2;3;3M\u{1B}[<0;3;3m\u{1B}[<34;3;3M") == [])
        #expect(keys("\u{1B}[<64;3;3M\u{1B}[<65;3;3M") == [.scrollUp, .scrollDown])
    }

    @Test func motionWithTheFirstButtonHeldIsADrag() {
        // Mode 1002 reports motion while a button is held: 32 plus the button.
        #expect(keys("\u{1B}[<0;5;5M\u{1B}[<32;5;4M\u{1B}[<32;5;3M\u{1B}[<0;5;3m")
                == [.click(x: 4, y: 4), .drag(x: 4, y: 3), .drag(x: 4, y: 2)])
        // Shift or Ctrl held: still a drag.
        #expect(keys("\u{1B}[<48;7;2M") == [.drag(x: 6, y: 1)])
        // X10 encoding: each value plus 32.
        let motion = "\u{1B}[M" + String(UnicodeScalar(32 + 32)) + String(UnicodeScalar(33 + 11)) + String(UnicodeScalar(33 + 6))
        #expect(keys(motion) == [.drag(x: 11, y: 6)])
    }

    @Test func x10PressAndReleaseInOneReadAreOneClick() {
        let press = "\u{1B}[M" + String(UnicodeScalar(32)) + String(UnicodeScalar(33 + 11)) + String(UnicodeScalar(33 + 6))
        let release = "\u{1B}[M" + String(UnicodeScalar(35)) + String(UnicodeScalar(33 + 11)) + String(UnicodeScalar(33 + 6))
        #expect(keys(press + release) == [.click(x: 11, y: 6)])
        #expect(keys("\u{1B}[M`!!") == [.scrollUp])
    }

    @Test func controlCharactersAndText() {
        #expect(keys("\r\n\t\u{7F}\u{08}\u{03}\u{12}") == [.enter, .enter, .tab, .backspace, .backspace, .control("c"), .control("r")])
        #expect(keys("é€\u{00}\u{1C}\u{85}") == [.character("é"), .character("€")])
    }
}
