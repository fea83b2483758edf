import Testing
@testable import BackMapTUI

@Suite("Text wrap")
struct TextWrapTests {
    @Test func aLineNarrowerThanTheFirstCharacterStillEnds() {
        #expect(TextWrap.lines("背中 ok", width: 1, maxLines: 5, ellipsis: "~") == ["背", "中", "o", "k"])
    }

    @Test func wordsWrapAtTheWidth() {
        #expect(TextWrap.lines("one two three", width: 7, maxLines: 5, ellipsis: "~") == ["one two", "three"])
    }
}
