import Testing
@testable import BackMapCore

/// Four sessions, two of them on 3 November, given out of order on purpose.
private func summaries() throws -> [SessionSummary] {
    try [
        session(id: "20261110-083000-c2d4", startedAt: "2026-11-10T08:30:00+01:00"),
        session(id: "20261101-190000-aaaa", startedAt: "2026-11-01T19:00:00+01:00"),
        session(id: "20261103-201500-b001", startedAt: "2026-11-03T20:15:00+01:00"),
        session(id: "20261103-190211-a3f9", startedAt: "2026-11-03T19:02:11+01:00"),
    ].map(SessionSummary.init)
}

private func resolve(_ text: String, in list: [SessionSummary]) throws -> SessionID {
    let ref = try #require(SessionRef(text), "\(text) should be a ref")
    return try ref.resolve(in: list).id
}

/// The error resolving `text` gives, or nil when it resolves.
private func refError(_ text: String, in list: [SessionSummary]) throws -> RefError? {
    let ref = try #require(SessionRef(text), "\(text) should be a ref")
    do {
        _ = try ref.resolve(in: list)
        return nil
    } catch {
        return error
    }
}

@Suite("Session references")
struct SessionRefTests {
    @Test func refsParseIntoTheirKinds() {
        #expect(SessionRef("last") == .latest(0))
        #expect(SessionRef("last~0") == .latest(0))
        #expect(SessionRef("last~12") == .latest(12))
        #expect(SessionRef(" last ") == .latest(0))
        #expect(SessionRef("2026-11-03") == .day("2026-11-03"))
        #expect(SessionRef("20261103") == .idPrefix("20261103"))
        #expect(SessionRef("20261103-190211-a3f9") == .idPrefix("20261103-190211-a3f9"))
    }

    @Test(arguments: ["", "   ", "last~", "last~-1", "last~x", "last~1.5", "../etc", "a b", ".hidden", "a/b",
                      "20261103;rm", String(repeating: "a", count: 65)])
    func malformedRefsAreRefused(text: String) {
        #expect(SessionRef(text) == nil)
    }

    @Test func aDateThatDoesNotExistIsNotADay() {
        // 2026-02-30 is neither a day nor a plausible id prefix.
        #expect(SessionRef("2026-02-30") != .day("2026-02-30"))
    }

    @Test(arguments: ["2026-13-45", "2026-02-30", "2026-00-10"])
    func aWrongDateIsSaidToBeNotADate(text: String) {
        #expect(SessionRef(text) == nil)
        #expect(RefError.malformed(text).description == "\(text) is not a date; a day is YYYY-MM-DD, such as 2026-11-24.")
    }

    @Test func fullIdNamesItsSession() throws {
        #expect(try resolve("20261103-190211-a3f9", in: summaries()).rawValue == "20261103-190211-a3f9")
    }

    @Test func uniquePrefixNamesItsSession() throws {
        #expect(try resolve("20261110", in: summaries()).rawValue == "20261110-083000-c2d4")
        #expect(try resolve("20261103-19", in: summaries()).rawValue == "20261103-190211-a3f9")
        #expect(try resolve("20261101", in: summaries()).rawValue == "20261101-190000-aaaa")
    }

    @Test func anExactIdWinsOverLongerIdsItPrefixes() throws {
        let list = try [
            session(id: "20261103-190211-a3f9"),
            session(id: "20261103-190211-a3f9b"),
        ].map(SessionSummary.init)
        #expect(try resolve("20261103-190211-a3f9", in: list).rawValue == "20261103-190211-a3f9")
    }

    @Test func ambiguousPrefixListsTheCandidatesOldestFirst() throws {
        let error = try refError("20261103", in: summaries())
        #expect(error == .ambiguous("20261103", candidates: [try sessionID("20261103-190211-a3f9"), try sessionID("20261103-201500-b001")]))
        #expect(error?.description == "\"20261103\" matches 2 sessions: 20261103-190211-a3f9, 20261103-201500-b001.")
    }

    @Test func unknownPrefixIsAnErrorThatPointsToList() throws {
        let error = try refError("2027", in: summaries())
        #expect(error == .unknown("2027"))
        #expect(error?.description.contains("backmap list") == true)
    }

    @Test func lastIsTheNewestAndLastNGoesBackN() throws {
        let list = try summaries()
        #expect(try resolve("last", in: list).rawValue == "20261110-083000-c2d4")
        #expect(try resolve("last~0", in: list).rawValue == "20261110-083000-c2d4")
        #expect(try resolve("last~1", in: list).rawValue == "20261103-201500-b001")
        #expect(try resolve("last~2", in: list).rawValue == "20261103-190211-a3f9")
        #expect(try resolve("last~3", in: list).rawValue == "20261101-190000-aaaa")
    }

    @Test func lastNBeyondTheStoreSaysHowManyThereAre() throws {
        let error = try refError("last~4", in: summaries())
        #expect(error == .tooFarBack(4, available: 4))
        #expect(error?.description == "last~4 goes back further than the 4 sessions in the store.")
    }

    @Test func lastInAnEmptyStoreSaysItIsEmpty() throws {
        #expect(try refError("last", in: []) == .emptyStore)
        #expect(try refError("20261103", in: []) == .unknown("20261103"))
    }

    @Test func aDayWithOneSessionNamesIt() throws {
        #expect(try resolve("2026-11-10", in: summaries()).rawValue == "20261110-083000-c2d4")
        #expect(try resolve("2026-11-01", in: summaries()).rawValue == "20261101-190000-aaaa")
    }

    @Test func aDayWithTwoSessionsIsAmbiguous() throws {
        let error = try refError("2026-11-03", in: summaries())
        guard case .ambiguous(let text, let candidates)? = error else {
            Issue.record("expected ambiguous, got \(String(describing: error))")
            return
        }
        #expect(text == "2026-11-03")
        #expect(candidates.map(\.rawValue) == ["20261103-190211-a3f9", "20261103-201500-b001"])
    }

    @Test func aDayWithoutSessionsIsUnknown() throws {
        #expect(try refError("2026-11-05", in: summaries()) == .unknown("2026-11-05"))
    }

    @Test func theDayIsTheOneThePersonLivedNotUTC() throws {
        // 23:30 in New York is already the next day in UTC.
        let list = try [session(id: "20261103-233000-dddd", startedAt: "2026-11-03T23:30:00-05:00")].map(SessionSummary.init)
        #expect(try resolve("2026-11-03", in: list).rawValue == "20261103-233000-dddd")
        #expect(try refError("2026-11-04", in: list) == .unknown("2026-11-04"))
    }

    @Test func malformedRefThroughTheStoreIsAClearError() throws {
        try withScratchFolder { folder in
            let store = SessionStore(root: folder)
            #expect(throws: RefError.malformed("a b")) { try store.resolve("a b") }
            let message = RefError.malformed("a\u{1B}[31m").description
            #expect(!message.contains("\u{1B}"))
            #expect(message.contains("last~N"))
        }
    }

    @Test func manyCandidatesAreCutToTen() {
        let ids = (0..<13).compactMap { SessionID("20261103-1900\(String(format: "%02d", $0))-aaaa") }
        let message = RefError.ambiguous("2026", candidates: ids).description
        #expect(message.hasSuffix("and 3 more."))
        #expect(message.hasPrefix("\"2026\" matches 13 sessions: "))
    }
}
