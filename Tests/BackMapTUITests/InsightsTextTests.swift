@testable import BackMapTUI
import BackMapCore
import Foundation
import Testing
import TestSupport

@Suite struct InsightsTextTests {
    /// A tag with an escape sequence and a bidi override, from a hostile file: the words
    /// are wrapped as they will be shown (sanitised), so no character is cut off the line.
    @Test func aHostileTagWrapsAsShownAndLosesNothing() throws {
        let sessions = InsightsExample.sessions(seed: 2, count: 30).enumerated().map { index, session in
            var copy = session
            if index % 2 == 0 { copy.tags.append("\u{1B}[31mevil\u{202E}") }
            return SessionSummary(copy)
        }
        let insights = Insights(sessions)
        let theme = Theme(ascii: false, color: false)
        let lines = InsightsText.lines(insights, theme: theme, width: 80)
        for line in lines {
            #expect(TerminalText.width(of: line.text) <= 80, "\(line.text)")
            #expect(line.text == TerminalText.sanitized(line.text))
        }
        let shown = lines.map { $0.text.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        for finding in insights.findings {
            #expect(shown.contains(TerminalText.sanitized(finding.sentence)), "\(finding.sentence)")
        }
    }
}
