import Foundation
import Testing
@testable import BackMapCore

@Suite("The example store")
struct ExampleStoreTests {
    @Test func everyExampleSessionLoadsWithoutProblems() throws {
        let scan = SessionStore(root: exampleStoreURL).scan()
        #expect(scan.problems == [])
        // docs/make-example-store.py makes eight weekly sessions.
        #expect(scan.summaries.count == 8)
        #expect(Set(scan.summaries.map(\.subject)) == ["me"])
        #expect(scan.summaries.contains { $0.passCount == 2 })
        #expect(scan.summaries.allSatisfy { $0.painBefore != nil && $0.painAfter != nil })
    }

    @Test func exampleFilesAreInBackmapsOwnLayout() throws {
        // Opening and saving an example must not rewrite it: it is already what the encoder writes.
        let store = SessionStore(root: exampleStoreURL)
        for summary in store.scan().summaries {
            let file = store.url(for: summary.id)
            let bytes = try Data(contentsOf: file)
            #expect(try SessionCodec.encode(try SessionCodec.decode(bytes)) == bytes, "\(file.lastPathComponent)")
        }
    }

    @Test func theExamplesShowTheBackGettingBetter() throws {
        let summaries = SessionStore(root: exampleStoreURL).scan().summaries
        let first = try #require(summaries.first)
        let last = try #require(summaries.last)
        #expect(last.score < first.score)
        #expect(last.map.tightCount < first.map.tightCount)
        #expect((last.painBefore ?? 10) < (first.painBefore ?? 0))
        // Spread over a few weeks.
        #expect(last.startedAt.date.timeIntervalSince(first.startedAt.date) > 14 * 86_400)
    }

    @Test func noExampleSessionIsInTheFuture() throws {
        // The store is dated back from the day it was made, so even a fresh clone today
        // holds no session that starts after now.
        let summaries = SessionStore(root: exampleStoreURL).scan().summaries
        #expect(!summaries.isEmpty)
        for summary in summaries {
            #expect(summary.startedAt.date <= Date(), "\(summary.id) starts \(summary.startedAt)")
        }
    }

    @Test func theExamplesShowWhatTheReportsDraw() throws {
        let store = SessionStore(root: exampleStoreURL)
        let sessions = try store.scan().summaries.map { try store.load($0.id) }
        // A partial session, a session in another time zone, and a zone note written
        // at a level that a later pass changed.
        #expect(sessions.contains { $0.map.isPartial })
        #expect(Set(sessions.map(\.startedAt.utcOffset)).count >= 2)
        #expect(sessions.contains { session in
            session.marks.contains { noted in
                noted.note != nil && session.map[noted.zone] != noted.tightness
            }
        })
    }

    @Test func exampleNotesAndTagsAreThere() throws {
        let store = SessionStore(root: exampleStoreURL)
        let sessions = try store.scan().summaries.map { try store.load($0.id) }
        #expect(sessions.contains { s in Zone.all.contains { s.note(for: $0) != nil } })
        #expect(sessions.contains { $0.note != nil })
        #expect(sessions.allSatisfy { !$0.tags.isEmpty })
        // One session left some zones unknown, and one cleared a zone by mistake.
        #expect(sessions.contains { $0.map.ratedCount < 36 })
        #expect(sessions.contains { $0.marks.contains { $0.tightness == nil } })
    }
}
