import BackMapCore
import Foundation
import Testing

/// Rating a band of the back at once, as a foam roller covers it: `v` and the
/// arrows, then a digit; and the same with a mouse drag where the terminal reports motion.
@Suite("End to end: rating a range", .serialized)
struct RangeEndToEndTests {
    /// The 1-based column and line of a zone's cell on the screen, from its row label.
    private func cell(_ zone: Zone, on screen: String) throws -> (column: Int, line: Int) {
        let lines = screen.components(separatedBy: "\n")
        let row = try #require(lines.firstIndex { $0.hasPrefix(" \(zone.segment.name) ") }, "a row labelled \(zone.segment.name):\n\(screen)")
        let text = Array(lines[row])
        let dots = text.indices.filter { text[$0] == "·" }
        let column = try #require(zone.side == .left ? dots.first : dots.last, "unrated cells on row \(zone.segment.name)")
        return (column + 1, row + 1)
    }

    @Test func vAndArrowsThenADigitRateTheBandInOneStep() async throws {
        let tmux = try await TmuxSession(["new"])
        defer { tmux.close() }
        try await tmux.waitFor("left S1")
        try await tmux.send("v", "Up", "Up", "Up")
        try await tmux.waitFor("RANGE 4")
        try await tmux.send("2")
        try await tmux.waitFor("rolled 4/36, score 8")
        try await tmux.send("u")
        // Nothing rolled: no score (a dash), not a score of 0.
        try await tmux.waitFor("rolled 0/36, score –")
        try await tmux.send("C-r")
        try await tmux.waitFor("rolled 4/36, score 8")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
        try expectOneSession(in: tmux.store, marks: [Segment.s1, .l5, .l4, .l3].map { (Zone(.left, $0), Tightness.tight) })
    }

    @Test func aDragAcrossTheSpineThenADigitRatesTheBand() async throws {
        let tmux = try await TmuxSession(["new"])
        defer { tmux.close() }
        let screen = try await tmux.waitFor("left S1")
        // backmap asked tmux for motion while a button is held.
        #expect(try await tmux.paneFormat("#{mouse_button_flag}") == "1")
        let from = try cell(Zone(.left, .s1), on: screen)
        let over = try cell(Zone(.left, .l5), on: screen)
        let to = try cell(Zone(.right, .l4), on: screen)
        // Press on left S1, move up and across to right L4, release: SGR reports as a terminal sends them.
        try await tmux.sendLiteral("\u{1B}[<0;\(from.column);\(from.line)M")
        try await tmux.waitFor("rolled 1/36, score 0")
        try await tmux.sendLiteral("\u{1B}[<32;\(over.column);\(over.line)M\u{1B}[<32;\(to.column);\(to.line)M\u{1B}[<0;\(to.column);\(to.line)m")
        try await tmux.waitFor("RANGE 6")
        try await tmux.send("3")
        try await tmux.waitFor("rolled 6/36, score 18")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
        // The press's own rating was taken back: six marks, the range's.
        let zones = [Zone(.left, .s1), Zone(.left, .l5), Zone(.left, .l4), Zone(.right, .s1), Zone(.right, .l5), Zone(.right, .l4)]
        try expectOneSession(in: tmux.store, marks: zones.map { ($0, Tightness.veryTight) })
    }
}
