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

    @Test func textLeftOutEndsWithOneEllipsis() {
        // Room after the last line shown: " …" follows it.
        #expect(TextWrap.lines("pulls away; skin glued to the hip", width: 21, maxLines: 1, ellipsis: "…") == ["pulls away; skin …"])
        // No room: the end of the line gives way to "…".
        #expect(TextWrap.lines("one two three", width: 7, maxLines: 1, ellipsis: "…") == ["one tw…"])
        #expect(TextWrap.lines("one two three", width: 7, maxLines: 1, ellipsis: "...") == ["one ..."])
    }
}
