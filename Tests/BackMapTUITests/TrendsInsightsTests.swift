@testable import BackMapTUI
import BackMapCore
import Foundation
import Testing
import TestSupport

/// What helps on the trends screen (`i`), over the generated diary of the README.
@Suite struct TrendsInsightsTests {
    static let scan: StoreScan = {
        var scan = StoreScan()
        scan.summaries = InsightsExample.sessions(seed: 1).map(SessionSummary.init)
        return scan
    }()

    let context = Context(now: Timestamp(date: Date(timeIntervalSince1970: 1_800_000_000), utcOffset: 3_600), width: 80, height: 24)

    func render(_ state: TrendsState, _ width: Int = 80, _ height: Int = 24, ascii: Bool = false) -> String {
        var canvas = Canvas(width: width, height: height, asciiOnly: ascii)
        state.draw(into: &canvas, theme: Theme(ascii: ascii, color: false))
        return canvas.text()
    }

    @Test func iShowsWhatHelpsOverTheWindowAndHidesItAgain() {
        var state = TrendsState(scan: Self.scan, filter: TrendFilter(last: 60))
        #expect(state.insights == nil)
        #expect(state.update(.key(.character("i")), context: context) == Effect.none)
        #expect(state.showsInsights)
        #expect(state.insights == Insights(Self.scan.summaries, filter: InsightsFilter(last: 60)))
        // The window steps for the insights too.
        state.press(.character("["), context: context)
        #expect(state.filter.last == 50)
        #expect(state.insights?.sessions.count == 50)
        state.press(.character("i"), context: context)
        #expect(!state.showsInsights)
        #expect(state.insights == nil)
    }

    @Test func theStrongestFindingsThatFitAndTheFooterAt80x24() throws {
        var state = TrendsState(scan: Self.scan, filter: TrendFilter(last: 60))
        state.press(.character("i"), context: context)
        let text = render(state)
        let first = try #require(state.insights?.findings.first)
        #expect(text.contains("What helps — me, 60 sessions from 2026-09-01 to 2026-10-30"))
        #expect(text.contains(String(first.sentence.prefix(60))))
        #expect(text.contains("more: backmap insights"))
        #expect(text.contains("Associations in your own records, not causes."))
        expectGolden(text, named: "trends-insights-80x24")
        let ascii = render(state, ascii: true)
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func tooFewSessionsSayWhatIsNeeded() {
        var scan = StoreScan()
        scan.summaries = Array(Self.scan.summaries.prefix(6))
        var state = TrendsState(scan: scan)
        state.press(.character("i"), context: context)
        let text = render(state)
        #expect(text.contains("tag at least 5 sessions with and 5 without"))
    }

    @Test func theTrendsPanelGivesTheAverageRelease() throws {
        let state = TrendsState(scan: Self.scan, filter: TrendFilter(last: 60))
        let trends = state.trends
        let average = try #require(trends.averageRelease)
        let text = render(state, 120, 40)
        #expect(text.contains("Release: \(InsightMeasure.releaseFigure(average)) looser (\(trends.sessionsWithRelease)/60)"))
    }
}
