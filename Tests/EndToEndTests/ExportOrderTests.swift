import BackMapCore
import Foundation
import Testing

/// `export` and `compare` with the newer session named first, and the CSV's
/// byte order mark, run as the built `backmap`.
@Suite struct ExportOrderTests {
    func backmap(_ arguments: [String], store: ReportStore) async throws -> Finished {
        try await run(try Programs.backmap(), arguments + ["--store", store.root.path],
                      environment: ["LANG": "C.UTF-8", "NO_COLOR": "1"], timeout: 60)
    }

    @Test func anSVGOfTheNewerThenTheOlderShowsTheOlderAsAAndSaysSoInOneLine() async throws {
        let store = try ReportStore(count: 2)
        defer { store.remove() }
        let (older, newer) = (store.sessions[0], store.sessions[1])
        let reordered = try await backmap(["export", newer.id.rawValue, older.id.rawValue, "--format", "svg"], store: store)
        #expect(reordered.status == 0)
        #expect(reordered.stdout.contains("A: \(older.startedAt.day) \(older.startedAt.clock)"))
        #expect(reordered.stdout.contains("B: \(newer.startedAt.day) \(newer.startedAt.clock)"))
        #expect(reordered.stderr.split(separator: "\n").count == 1)
        #expect(reordered.stderr.contains("is newer than B") && reordered.stderr.contains("the older is shown first"))

        let kept = try await backmap(["export", newer.id.rawValue, older.id.rawValue, "--format", "svg", "--as-given"], store: store)
        #expect(kept.status == 0)
        #expect(kept.stdout.contains("A: \(newer.startedAt.day) \(newer.startedAt.clock)"))
        #expect(kept.stderr.split(separator: "\n").count == 1)
        #expect(kept.stderr.contains("kept as given"))

        // In date order: nothing to say.
        let plain = try await backmap(["export", older.id.rawValue, newer.id.rawValue, "--format", "svg"], store: store)
        #expect(plain.status == 0)
        #expect(plain.stderr == "")
        #expect(plain.stdout == reordered.stdout)
    }

    @Test func compareSaysWhenAIsNewerThanB() async throws {
        let store = try ReportStore(count: 2)
        defer { store.remove() }
        let (older, newer) = (store.sessions[0], store.sessions[1])
        let backwards = try await backmap(["compare", "--print", newer.id.rawValue, older.id.rawValue], store: store)
        #expect(backwards.status == 0)
        #expect(backwards.stderr.split(separator: "\n").count == 1)
        #expect(backwards.stderr.contains("is newer than B"))
        let forwards = try await backmap(["compare", "--print", older.id.rawValue, newer.id.rawValue], store: store)
        #expect(forwards.status == 0)
        #expect(forwards.stderr == "")
    }

    @Test func exportHelpSaysWhatTheJSONBundleHoldsAndNamesItsSchema() async throws {
        let store = try ReportStore(count: 1)
        defer { store.remove() }
        let help = try await backmap(["export", "--help"], store: store)
        #expect(help.status == 0)
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        // It normalises times and drops nulls: not "exactly as stored".
        #expect(!text.contains("exactly as stored"))
        #expect(text.contains("Assets/bundle.schema.json"))
        #expect(text.contains("keys holding null are left out"))
        #expect(text.contains("--as-given"))
        #expect(text.contains("--bom"))
    }

    @Test func csvHasNoByteOrderMarkUnlessAskedAndDatesWithOffsets() async throws {
        let store = try ReportStore(count: 1)
        defer { store.remove() }
        let id = store.sessions[0].id.rawValue
        let plain = try await backmap(["export", id, "--format", "csv"], store: store)
        #expect(plain.status == 0)
        #expect(plain.stdout.hasPrefix("id,date,subject"))
        #expect(plain.stdout.contains("\(id),2026-09-07T18:00:00+01:00,me,left,T1,"))
        let excel = try await backmap(["export", id, "--format", "csv", "--bom"], store: store)
        #expect(excel.status == 0)
        #expect(Array(excel.stdout.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(excel.stdout.dropFirst() == plain.stdout[...])
        let wrong = try await backmap(["export", id, "--format", "md", "--bom"], store: store)
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("--bom"))
    }
}
