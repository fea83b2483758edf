import Foundation
import TestSupport
import Testing
@testable import BackMapCore

/// `Assets/session.schema.json` and `Assets/bundle.schema.json` checked with a
/// real validator: Python's jsonschema (Debian's python3-jsonschema), draft
/// 2020-12, with the `date-time` format asserted through Python's own calendar.
/// Every example file, every bundle, the files of a random store, and a set of
/// edge cases where the program and the schema must give the same answer.
@Suite(.enabled(if: Python.has("jsonschema"), "needs python3 with jsonschema (apt-get install python3-jsonschema)"))
struct SchemaValidationTests {
    /// Reads {"documents": [{"kind": "session"|"bundle", "text": …}]} from stdin
    /// and prints, for each document, the list of its errors (empty when valid).
    static let validator = #"""
        import datetime, json, re, sys
        from jsonschema import Draft202012Validator, FormatChecker, RefResolver

        root = sys.argv[1]
        session = json.load(open(root + "/Assets/session.schema.json", encoding="utf-8"))
        bundle = json.load(open(root + "/Assets/bundle.schema.json", encoding="utf-8"))
        Draft202012Validator.check_schema(session)
        Draft202012Validator.check_schema(bundle)

        # Debian's jsonschema asserts date-time only with a module Debian lacks;
        # RFC 3339 is checked here with Python's calendar instead.
        formats = FormatChecker()
        @formats.checks("date-time", raises=ValueError)
        def date_time(text):
            if not isinstance(text, str):
                return True
            m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-](\d\d):(\d\d))", text)
            if not m:
                raise ValueError("not an RFC 3339 date-time")
            datetime.date(int(m[1]), int(m[2]), int(m[3]))
            datetime.time(int(m[4]), int(m[5]), int(m[6]))
            if m[9] is not None:
                datetime.time(int(m[9]), int(m[10]))
            return True

        store = {session["$id"]: session, bundle["$id"]: bundle}
        validators = {
            name: Draft202012Validator(schema, format_checker=formats, resolver=RefResolver.from_schema(schema, store=store))
            for name, schema in (("session", session), ("bundle", bundle))
        }
        results = []
        for document in json.load(sys.stdin)["documents"]:
            # A byte order mark is outside what a schema sees (the schema's description says so).
            value = json.loads(document["text"].lstrip("\ufeff"))
            errors = sorted(validators[document["kind"]].iter_errors(value), key=lambda e: list(e.absolute_path))
            results.append(["/".join(map(str, e.absolute_path)) + ": " + e.message[:200] for e in errors])
        print(json.dumps(results))
        """#

    enum Kind: String { case session, bundle }

    /// The validator's errors for each document, in order.
    func validate(_ documents: [(Kind, String)]) throws -> [[String]] {
        let input: [String: [[String: String]]] = ["documents": documents.map { ["kind": $0.0.rawValue, "text": $0.1] }]
        let result = try Python.run(Self.validator, arguments: [repositoryRoot.path], input: try JSONEncoder().encode(input))
        try #require(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode([[String]].self, from: Data(result.stdout.utf8))
    }

    func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    @Test func everyExampleFileAndTheExampleBundleAreValid() throws {
        let folder = exampleStoreURL.appendingPathComponent("sessions")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
        #expect(files.count >= 5)
        let sessions = try files.map { try SessionCodec.decode(try Data(contentsOf: $0)) }
        var documents = try files.map { (Kind.session, text(try Data(contentsOf: $0))) }
        documents.append((.bundle, text(try SessionBundle.encode(sessions))))
        let results = try validate(documents)
        for (name, errors) in zip(files.map(\.lastPathComponent) + ["the bundle"], results) {
            #expect(errors == [], "\(name)")
        }
    }

    @Test func theFilesAndTheBundleOfARandomStoreAreValid() throws {
        var random = SeededRandom(seed: 0x5C4E_3A)
        let sessions = (0..<150).map { _ in RandomSession.make(&random) }
        var documents = try sessions.map { (Kind.session, text(try SessionCodec.encode($0))) }
        documents.append((.bundle, text(try SessionBundle.encode(sessions))))
        let results = try validate(documents)
        try #require(results.count == documents.count)
        for (index, errors) in results.enumerated() where !errors.isEmpty {
            Issue.record("document \(index): \(errors)")
        }
    }

    /// A session file with `replacements` spliced into a valid one, as text.
    static func probe(_ fields: [String: String], markFields: [String: String] = [:], dropping: Set<String> = []) -> String {
        var top: [String: String] = [
            "format": "\"backmap.session\"", "version": "1", "id": "\"20261124-190211-a3f9\"",
            "startedAt": "\"2026-11-24T19:02:11+01:00\"", "subject": "\"me\"", "technique": "\"skin-rolling\"",
        ]
        var mark: [String: String] = [
            "at": "\"2026-11-24T19:03:00+01:00\"", "pass": "1", "side": "\"left\"", "segment": "\"T7\"", "tightness": "2",
        ]
        top.merge(fields) { $1 }
        mark.merge(markFields) { $1 }
        let marks = "[{" + mark.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}]"
        top["marks"] = marks
        return "{" + top.filter { !dropping.contains($0.key) }.sorted { $0.key < $1.key }
            .map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
    }

    static func json(_ text: String) -> String {
        String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
    }

    @Test func theProgramAndTheSchemaAcceptAndRefuseTheSameFiles() throws {
        let flags = String(repeating: "🇫🇷", count: 60)
        let probes: [(String, String)] = [
            ("a plain file", Self.probe([:])),
            ("60 flags: 60 characters, 120 code points", Self.probe(["subject": Self.json(flags)])),
            ("50 flags: 100 code points", Self.probe(["subject": Self.json(String(flags.prefix(50)))])),
            ("100 accented letters in one code point each", Self.probe(["subject": Self.json(String(repeating: "é", count: 100))])),
            ("100 letters with a combining accent", Self.probe(["subject": Self.json(String(repeating: "e\u{301}", count: 100))])),
            ("an empty subject", Self.probe(["subject": "\"\""])),
            ("null subject", Self.probe(["subject": "null"])),
            ("null technique", Self.probe(["technique": "null"])),
            ("null pains, note and tags", Self.probe(["painBefore": "null", "painAfter": "null", "note": "null", "tags": "null"])),
            ("null mark note", Self.probe([:], markFields: ["note": "null"])),
            ("null tightness", Self.probe([:], markFields: ["tightness": "null"])),
            ("an unknown technique in version 1", Self.probe(["technique": "\"cupping\""])),
            ("an unknown technique in version 2", Self.probe(["technique": "\"cupping\"", "version": "2"])),
            ("month 13, day 45, 25:61:61", Self.probe(["startedAt": "\"2026-13-45T25:61:61Z\""])),
            ("30 February", Self.probe(["startedAt": "\"2026-02-30T10:00:00Z\""])),
            ("29 February of a common year", Self.probe(["startedAt": "\"2026-02-29T10:00:00Z\""])),
            ("29 February of a leap year", Self.probe(["startedAt": "\"2028-02-29T10:00:00Z\""])),
            ("31 April", Self.probe([:], markFields: ["at": "\"2026-04-31T10:00:00Z\""])),
            ("a compact offset", Self.probe(["startedAt": "\"2026-11-24T23:32:11+0530\""])),
            ("a space for the T", Self.probe(["startedAt": "\"2026-11-24 19:02:11Z\""])),
            ("a leap second", Self.probe(["startedAt": "\"2026-06-30T23:59:60Z\""])),
            ("an offset of 24 hours", Self.probe(["startedAt": "\"2026-11-24T19:02:11+24:00\""])),
            ("nine digits of a second and a lower-case z", Self.probe(["startedAt": "\"2026-11-24t19:02:11.123456789z\""])),
            ("ten digits of a second", Self.probe(["startedAt": "\"2026-11-24T19:02:11.1234567890Z\""])),
            ("pass 999", Self.probe([:], markFields: ["pass": "999"])),
            ("pass 1000", Self.probe([:], markFields: ["pass": "1000"])),
            ("pain 11", Self.probe(["painAfter": "11"])),
            ("pain 2.5", Self.probe(["painAfter": "2.5"])),
            ("33 tags", Self.probe(["tags": "[" + (0...32).map { "\"t\($0)\"" }.joined(separator: ",") + "]"])),
            ("a tag of 40 code points", Self.probe(["tags": "[\"" + String(repeating: "x", count: 40) + "\"]"])),
            ("a tag of 41 code points", Self.probe(["tags": "[\"" + String(repeating: "x", count: 41) + "\"]"])),
            ("version 0", Self.probe(["version": "0"])),
            ("no marks", Self.probe([:], dropping: ["marks"])),
            ("a note of 2000 code points", Self.probe(["note": Self.json(String(repeating: "n", count: 2000))])),
            ("a note of 2001 code points", Self.probe(["note": Self.json(String(repeating: "n", count: 2001))])),
            ("a byte order mark", "\u{FEFF}" + Self.probe([:])),
        ]
        let results = try validate(probes.map { (.session, $0.1) })
        try #require(results.count == probes.count)
        for ((name, text), errors) in zip(probes, results) {
            var programAccepts = true
            do { _ = try SessionCodec.decode(Data(text.utf8)) } catch { programAccepts = false }
            #expect(programAccepts == errors.isEmpty, "\(name): the program \(programAccepts ? "accepts" : "refuses"), the schema says \(errors)")
        }
        // The probes cover both answers.
        #expect(results.contains { $0.isEmpty } && results.contains { !$0.isEmpty })
    }

    @Test func aBundleOfANewerVersionOrWithABadSessionIsInvalid() throws {
        let session = try SessionCodec.decode(Data(Self.probe([:]).utf8))
        let good = text(try SessionBundle.encode([session]))
        var object = try #require(try JSONSerialization.jsonObject(with: Data(good.utf8)) as? [String: Any])
        object["version"] = 2
        let newer = text(try JSONSerialization.data(withJSONObject: object))
        let badEntry = good.replacingOccurrences(of: "\"tightness\" : 2", with: "\"tightness\" : 7")
        #expect(badEntry != good)
        let results = try validate([(.bundle, good), (.bundle, newer), (.bundle, badEntry)])
        #expect(results[0] == [])
        #expect(results[1] != [])
        #expect(results[2].contains { $0.hasPrefix("sessions/0/marks/0/tightness") })
        // And the program says the same of each.
        #expect(throws: SessionFileError.self) { try SessionBundle.read(Data(newer.utf8)) }
        guard case .bundle(let entries) = try SessionBundle.read(Data(badEntry.utf8)) else {
            Issue.record("not read as a bundle")
            return
        }
        #expect(entries.allSatisfy { if case .failure = $0 { true } else { false } })
    }
}
