import BackMapCore
import Foundation
import Testing

@Suite struct SessionHistoryTests {
    private func summary(_ id: String, _ start: String, subject: String = "me") -> SessionSummary {
        let time = Timestamp(iso8601: start) ?? Timestamp(date: Date(timeIntervalSince1970: 0), utcOffset: 0)
        return SessionSummary(Session(id: SessionID(id) ?? SessionID.make(at: time), startedAt: time, subject: subject))
    }

    private var summaries: [SessionSummary] {
        // Given out of order: the history sorts by start time, not by the order of files.
        [
            summary("c-third", "2026-11-20T19:00:00Z"),
            summary("a-first", "2026-11-01T19:00:00Z"),
            summary("b-second", "2026-11-10T19:00:00Z"),
            summary("x-partner", "2026-11-15T19:00:00Z", subject: "sam"),
        ]
    }

    private func id(_ text: String) -> SessionID? { SessionID(text) }

    private func sid(_ text: String) throws -> SessionID { try #require(SessionID(text)) }

    @Test func stepsBackAndForthInTimeOrder() throws {
        let history = SessionHistory(summaries)
        #expect(history.ids.map(\.rawValue) == ["a-first", "b-second", "x-partner", "c-third"])
        #expect(history.previous(before: try sid("c-third")) == id("x-partner"))
        #expect(history.next(after: try sid("a-first")) == id("b-second"))
    }

    @Test func stopsAtBothEnds() throws {
        let history = SessionHistory(summaries)
        #expect(history.previous(before: try sid("a-first")) == nil)
        #expect(history.next(after: try sid("c-third")) == nil)
    }

    @Test func keepsToOneSubjectWhenAsked() throws {
        let history = SessionHistory(summaries, subject: "me")
        #expect(history.next(after: try sid("b-second")) == id("c-third"))
        #expect(history.previous(before: try sid("c-third")) == id("b-second"))
        let position = try #require(history.position(of: try sid("c-third")))
        #expect(position.index == 3)
        #expect(position.count == 3)
    }

    @Test func anUnknownSessionHasNoNeighbours() throws {
        let history = SessionHistory(summaries)
        #expect(history.previous(before: try sid("gone")) == nil)
        #expect(history.next(after: try sid("gone")) == nil)
        #expect(SessionHistory([]).next(after: try sid("a-first")) == nil)
    }
}
