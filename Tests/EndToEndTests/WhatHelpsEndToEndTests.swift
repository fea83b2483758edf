import BackMapCore
import Foundation
import Testing

/// What helps (SPEC 9), run as a person runs it: `insights` on the generated diary
/// the README shows, and `compare` with one REF, printed, as JSON and on the screen.
@Suite("End to end: what helps", .serialized)
struct WhatHelpsEndToEndTests {
    /// The generated diary of the README, written by `backmap-testhelper insights-example`.
    private func exampleStore() async throws -> (TemporaryFolder, URL) {
        let folder = try TemporaryFolder("backmap-whathelps")
        let store = folder.appending("store")
        let helper = Programs.packageRoot.appendingPathComponent(".build/debug/backmap-testhelper")
        let made = try await run(helper, ["insights-example", store.path])
        try #require(made.status == 0, "insights-example failed: \(made.stderr)")
        return (folder, store)
    }

    /// The text block under "## What helps" in README.md.
    private func readmeOutput() throws -> String {
        let readme = try String(contentsOf: Programs.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## What helps\n").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```text\n").dropFirst().first)
        return try #require(block.components(separatedBy: "\n```").first) + "\n"
    }

    @Test func insightsPrintExactlyWhatTheReadmeShows() async throws {
        let (folder, store) = try await exampleStore()
        _ = folder
        let printed = try await run(try Programs.backmap(), ["insights", "--store", store.path],
                                    environment: ["NO_COLOR": "1", "LANG": "C.UTF-8"], timeout: 60)
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout == (try readmeOutput()))
        #expect(printed.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(printed.stdout.contains("Sessions tagged epsom had a mean tightness"))
        #expect(printed.stdout.contains("No clear difference: sessions tagged stretch had a mean tightness"))
        #expect(printed.stdout.contains("These are associations in your own records, not causes"))

        let json = try await run(try Programs.backmap(), ["insights", "--json", "--last", "40", "--store", store.path], timeout: 60)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["sessions"] as? Int == 40)
        #expect(object["last"] as? Int == 40)
        let findings = try #require(object["findings"] as? [[String: Any]])
        let epsom = try #require(findings.first {
            $0["name"] as? String == "epsom" && $0["measure"] as? String == "meanTightness" && $0["nextSession"] as? Bool == false
        })
        #expect(epsom["clear"] as? Bool == true)
        #expect((epsom["high"] as? Double ?? 0) < 0)
    }

    @Test func insightsNameAnUnknownSubjectAndSayWhatIsNeeded() async throws {
        let folder = try TemporaryFolder("backmap-whathelps-empty")
        let store = folder.appending("store")
        let start = try #require(Timestamp(iso8601: "2026-11-10T19:00:00+01:00"))
        try SessionStore(root: store).save(Session(id: SessionID.make(at: start), startedAt: start, tags: ["water"],
                                                   marks: [Mark(at: start, pass: 1, zone: Zone(.left, .s1), tightness: .mild)]))
        let unknown = try await run(try Programs.backmap(), ["insights", "--subject", "nobody", "--store", store.path])
        #expect(unknown.status != 0)
        #expect(unknown.stderr == "backmap: No sessions of subject nobody; `--subject all` pools every subject.\n")
        let few = try await run(try Programs.backmap(), ["insights", "--store", store.path], environment: ["NO_COLOR": "1"])
        #expect(few.status == 0)
        #expect(few.stdout.contains("Nothing to compare yet: tag at least 5 sessions with and 5 without."))
        #expect(few.stdout.contains("Not compared, too few sessions: water (1 with, 0 without)"))
    }

    @Test func compareWithOneRefSetsTheFirstPassAgainstTheLast() async throws {
        let (folder, store) = try await exampleStore()
        _ = folder
        // 2026-09-02 has two passes in the generated diary; 2026-09-01 has one.
        let session = try SessionStore(root: store).load(try SessionStore(root: store).resolve("2026-09-02").id)
        let release = try #require(session.release)
        let printed = try await run(try Programs.backmap(), ["compare", "2026-09-02", "--print", "--store", store.path],
                                    environment: ["NO_COLOR": "1", "LANG": "C.UTF-8"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("pass 1 of 2"))
        #expect(printed.stdout.contains("pass 2 of 2"))
        #expect(printed.stdout.contains("\(release.released) better"))

        let json = try await run(try Programs.backmap(), ["compare", "2026-09-02", "--json", "--store", store.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let a = try #require(object["a"] as? [String: Any])
        let b = try #require(object["b"] as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(a["id"] as? String == session.id.rawValue && b["id"] as? String == session.id.rawValue)
        #expect(a["pass"] as? Int == 1 && b["pass"] as? Int == 2)
        #expect(summary["better"] as? Int == release.released)
        #expect(summary["worse"] as? Int == release.tightened)

        let single = try await run(try Programs.backmap(), ["compare", "2026-09-01", "--print", "--store", store.path])
        #expect(single.status != 0)
        #expect(single.stderr.hasPrefix("backmap: Session 20260901-"))
        #expect(single.stderr.contains("has one pass; with one REF, compare sets its first pass against its last"))
    }

    @Test func showSaysHowManyZonesReleasedAndTheMeanBeforeAndAfter() async throws {
        let (folder, store) = try await exampleStore()
        _ = folder
        let session = try SessionStore(root: store).load(try SessionStore(root: store).resolve("2026-09-02").id)
        let release = try #require(session.release)
        let shown = try await run(try Programs.backmap(), ["show", "2026-09-02", "--store", store.path],
                                  environment: ["NO_COLOR": "1", "LANG": "C.UTF-8"])
        #expect(shown.stdout.contains(release.summaryLine), "\(shown.stdout)")
        let ascii = try await run(try Programs.backmap(), ["show", "2026-09-02", "--ascii", "--store", store.path],
                                  environment: ["NO_COLOR": "1", "LANG": "C.UTF-8"])
        #expect(ascii.stdout.contains(release.summary(arrow: "->")))
        let onePass = try await run(try Programs.backmap(), ["show", "2026-09-01", "--store", store.path],
                                    environment: ["NO_COLOR": "1", "LANG": "C.UTF-8"])
        #expect(!onePass.stdout.contains("released"))
    }

    @Test func compareWithOneRefOnTheScreenShowsBothPasses() async throws {
        let (folder, store) = try await exampleStore()
        _ = folder
        // The default terminal: compare's layout fits 80×24.
        let tmux = try await TmuxSession(["compare", "2026-09-02"], store: store, width: 80, height: 24)
        defer { tmux.close() }
        // At 80×24 the title names the session on both sides and the status line the passes.
        let screen = try await tmux.waitForFrame("A pass 1 · B pass 2")
        #expect(screen.contains("A 2026-09-02 → B 2026-09-02"))
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func trendsShowWhatHelpsOnI() async throws {
        let (folder, store) = try await exampleStore()
        _ = folder
        // The default terminal: trends' layout fits 80×24.
        let tmux = try await TmuxSession(["trends", "--last", "60"], store: store, width: 80, height: 24)
        defer { tmux.close() }
        try await tmux.waitFor("trends")
        try await tmux.send("i")
        let screen = try await tmux.waitForFrame("Associations in your own records, not causes.")
        #expect(screen.contains("What helps — me, 60 sessions from 2026-09-01 to 2026-10-30"))
        #expect(screen.contains("Sessions tagged epsom had"))
        try await tmux.send("i")
        try await tmux.waitForFrame("T12")
        try await tmux.send("q")
        #expect(try await tmux.waitForExit() == 0)
    }
}
