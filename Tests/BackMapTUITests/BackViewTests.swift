import Testing
@testable import BackMapCore
@testable import BackMapTUI

@Suite("Back view")
struct BackViewTests {
    @Test func aNoteThatDoesNotFitWholeIsLeftOut() {
        #expect(BackView.clipped("    ╰──╯  buttocks", toWidth: 13) == "    ╰──╯")
        #expect(BackView.clipped("T7  │ │  T7  ◂ blade tips", toWidth: 18) == "T7  │ │  T7")
        #expect(BackView.clipped("T10  │ │  T10", toWidth: 12) == "T10  │ │")
    }

    @Test func theOutlineIsCutAnywhereAndWholeLinesStay() {
        #expect(BackView.clipped("     ╭──────┴──────╮", toWidth: 9) == "     ╭───")
        #expect(BackView.clipped("    ╰──╯  buttocks", toWidth: 18) == "    ╰──╯  buttocks")
        #expect(BackView.clipped("    ╰──╯  buttocks", toWidth: 40) == "    ╰──╯  buttocks")
        #expect(BackView.clipped("abc", toWidth: 0) == "")
    }

    @Test func everyZoneShowsItsLevelWithAGlyphAndADigit() {
        var map = BackMap()
        map[.left, .s1] = .relaxed
        map[.left, .l5] = .mild
        map[.left, .l4] = .tight
        map[.left, .l3] = .veryTight
        for ascii in [false, true] {
            let theme = Theme(ascii: ascii, color: false)
            var canvas = Canvas(width: 60, height: 24, asciiOnly: ascii)
            BackView(map: map, theme: theme).draw(into: &canvas, x: 0, y: 0)
            let drawing = theme.drawing
            func cellText(_ segment: Segment) -> String {
                let cell = drawing.cell(for: Zone(.left, segment))
                return (cell.column..<cell.column + cell.width).map { String(canvas[$0, cell.line].character) }.joined()
            }
            let texts = [Segment.s1, .l5, .l4, .l3, .l2].map(cellText)
            // Five states, five different looks, each readable without colour.
            #expect(Set(texts).count == 5)
            #expect(texts[0].contains("0") && texts[1].contains("1") && texts[2].contains("2") && texts[3].contains("3"))
            #expect(!texts[4].contains { $0.isNumber })
        }
    }
}
