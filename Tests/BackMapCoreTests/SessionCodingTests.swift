import Foundation
import Testing
@testable import BackMapCore

/// A session file as a newer backmap might write it: every known key, plus
/// keys this version does not know at the session and at the mark level.
private let fileWithUnknownKeys = """
{
  "format" : "backmap.session",
  "id" : "20261124-190211-a3f9",
  "marks" : [
    {
      "at" : "2026-11-24T19:03:00+01:00",
      "note" : "knot",
      "pass" : 1,
      "pressure" : {
        "kg" : 2.5,
        "tool" : [
          "thumb",
          null,
          true
        ]
      },
      "segment" : "T7",
      "side" : "left",
      "tightness" : 2
    },
    {
      "at" : "2026-11-24T19:04:00+01:00",
      "pass" : 2,
      "segment" : "S1",
      "side" : "right",
      "tightness" : null
    }
  ],
  "mood" : "calm",
  "note" : "after a long drive",
  "painAfter" : 3,
  "painBefore" : 6,
  "startedAt" : "2026-11-24T19:02:11+01:00",
  "subject" : "me",
  "tags" : [
    "evening"
  ],
  "technique" : "skin-rolling",
  "version" : 1,
  "weather" : {
    "humid" : false,
    "temperature" : -3
  }
}

"""

/// A small valid file; tests break it in one place.
private func minimalFile(marks: String = "[]", extra: String = "") -> String {
    """
    {"format": "backmap.session", "version": 1, "id": "20261124-190211-a3f9",
     "startedAt": "2026-11-24T19:02:11+01:00", "subject": "me", "technique": "skin-rolling",\(extra)
     "marks": \(marks)}
    """
}

private func decode(_ text: String) throws(SessionFileError) -> Session {
    try SessionCodec.decode(Data(text.utf8))
}

/// The error decoding `text` gives, or nil if it decodes.
private func failure(_ text: String) -> SessionFileError? {
    failure(Data(text.utf8))
}

private func failure(_ data: Data) -> SessionFileError? {
    do {
        _ = try SessionCodec.decode(data)
        return nil
    } catch {
        return error
    }
}

private func fullSession() throws -> Session {
    var s = try session(marks: [
        mark(.left, .s1, .tight, note: "pulls at the belt line"),
        mark(.left, .l5, .veryTight),
        mark(.right, .s1, nil),
        mark(.right, .t7, .mild, pass: 2, at: "2026-11-24T19:10:42+01:00"),
    ])
    s.painBefore = 7
    s.painAfter = 4
    s.note = "first session, sore after gardening"
    s.tags = ["garden", "evening"]
    s.technique = .foamRoller
    s.subject = "Ann"
    return s
}

@Suite("Session files")
struct SessionCodingTests {
    @Test func encodeThenDecodeGivesTheSameSession() throws {
        let original = try fullSession()
        let decoded = try SessionCodec.decode(try SessionCodec.encode(original))
        #expect(decoded == original)
        #expect(decoded.marks[2].tightness == nil)
        #expect(decoded.marks[0].note == "pulls at the belt line")
    }

    @Test func unknownKeysAtSessionAndMarkLevelSurviveALoadAndSave() throws {
        let session = try decode(fileWithUnknownKeys)
        #expect(session.extra["mood"] == .string("calm"))
        #expect(session.extra["weather"] == .object(["humid": .bool(false), "temperature": .number(-3)]))
        #expect(session.marks[0].extra["pressure"] == .object([
            "kg": .number(2.5), "tool": .array([.string("thumb"), .null, .bool(true)]),
        ]))
        let written = try SessionCodec.encode(session)
        let before = try JSONSerialization.jsonObject(with: Data(fileWithUnknownKeys.utf8)) as? NSDictionary
        let after = try JSONSerialization.jsonObject(with: written) as? NSDictionary
        #expect(before != nil)
        #expect(before == after)
    }

    @Test func unknownNumbersSurviveALoadAndSaveExactlyAsWritten() throws {
        // Beyond 2^53 a Double loses digits: 9007199254740993 became …992 and
        // 12345678901234567890 became 1.2345678901234567e+19. Every digit stays.
        let numbers = ["9007199254740993", "12345678901234567890", "-98765432109876543210987",
                       "1.50", "1E2", "-0", "0.1000000000000000055511151231257827", "3e-400"]
        let text = minimalFile(
            marks: #"[{"at": "2026-11-24T19:03:00+01:00", "pass": 1, "side": "left", "segment": "T1", "tightness": 1, "deep": [\#(numbers.joined(separator: ", "))]}]"#,
            extra: #" "big": 9007199254740993, "huge": 12345678901234567890, "nested": {"list": [\#(numbers.joined(separator: ", "))]},"#)
        let written = String(decoding: try SessionCodec.encode(try decode(text)), as: UTF8.self)
        #expect(written.contains("\"big\" : 9007199254740993,"), "\(written)")
        #expect(written.contains("\"huge\" : 12345678901234567890,"), "\(written)")
        for number in numbers {
            // Once in the session's unknown key, once in the mark's.
            #expect(written.components(separatedBy: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix(number) }.count == 2,
                    "\(number) in \(written)")
        }
        // And the file written decodes to the same session, again and again.
        let again = try decode(written)
        #expect(String(decoding: try SessionCodec.encode(again), as: UTF8.self) == written)
    }

    @Test func ourOwnOutputIsByteForByteTheFileWeRead() throws {
        // The sample above is written in the encoder's own layout, so it must come back unchanged.
        let written = try SessionCodec.encode(try decode(fileWithUnknownKeys))
        #expect(String(decoding: written, as: UTF8.self) == fileWithUnknownKeys)
    }

    @Test func outputIsStablePrettyAndSorted() throws {
        let s = try fullSession()
        let first = try SessionCodec.encode(s)
        let second = try SessionCodec.encode(s)
        #expect(first == second)
        #expect(try SessionCodec.encode(try SessionCodec.decode(first)) == first)

        let text = String(decoding: first, as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        let lines = text.split(separator: "\n")
        #expect(lines.count > 20)
        let topKeys = lines.filter { $0.hasPrefix("  \"") }.map { $0.dropFirst(3).prefix { $0 != "\"" } }.map(String.init)
        #expect(topKeys == ["format", "id", "marks", "note", "painAfter", "painBefore", "startedAt",
                            "subject", "tags", "technique", "version"])
        #expect(topKeys == topKeys.sorted())
    }

    @Test func optionalKeysAreLeftOutWhenEmptyButTightnessNullIsWritten() throws {
        let s = try session(marks: [mark(.left, .t1, nil)])
        let text = String(decoding: try SessionCodec.encode(s), as: UTF8.self)
        #expect(!text.contains("painBefore"))
        #expect(!text.contains("tags"))
        #expect(!text.contains("\"note\""))
        #expect(text.contains("\"tightness\" : null"))
    }

    @Test func aMarkWithoutTightnessIsRefused() throws {
        let broken = minimalFile(marks: #"[{"at": "2026-11-24T19:03:00+01:00", "pass": 1, "side": "left", "segment": "T1"}]"#)
        let error = try #require(failure(broken))
        guard case .invalidSession = error else { Issue.record("expected an invalid session, got \(error)"); return }
        #expect(error.description.contains("marks[0].tightness"))
    }

    @Test func tightnessSevenIsRefusedNamingWhereItIs() throws {
        let marks = """
        [{"at": "2026-11-24T19:03:00+01:00", "pass": 1, "side": "left", "segment": "T1", "tightness": 1},
         {"at": "2026-11-24T19:03:05+01:00", "pass": 1, "side": "left", "segment": "T2", "tightness": 7}]
        """
        let error = try #require(failure(minimalFile(marks: marks)))
        #expect(error.description == "not a valid session: marks[1].tightness: 7 is not a tightness (0–3, or null when cleared)")
    }

    @Test(arguments: [
        (#"[{"at": "2026-11-24T19:03:00+01:00", "pass": 1, "side": "middle", "segment": "T1", "tightness": 1}]"#,
         #"marks[0].side: "middle" is not a side (left or right)"#),
        (#"[{"at": "2026-11-24T19:03:00+01:00", "pass": 1, "side": "left", "segment": "S2", "tightness": 1}]"#,
         #"marks[0].segment: "S2" is not a segment (T1–T12, L1–L5, S1)"#),
        (#"[{"at": "2026-11-24T19:03:00+01:00", "pass": 0, "side": "left", "segment": "T1", "tightness": 1}]"#,
         "marks[0].pass: pass must be 1 or more"),
        (#"[{"at": "2026-11-24T19:03:00", "pass": 1, "side": "left", "segment": "T1", "tightness": 1}]"#,
         "marks[0].at:"),
        (#"[{"at": "2026-11-24T19:03:00Z", "pass": 1, "side": "left", "segment": "T1", "tightness": "2"}]"#,
         "marks[0].tightness: expected a whole number"),
        (#"[{"at": "2026-11-24T19:03:00Z", "pass": 1.5, "side": "left", "segment": "T1", "tightness": 2}]"#,
         "marks[0].pass: 1.5 is not a whole number"),
        (#"[{"at": "2026-11-24T19:03:00Z", "pass": 1, "side": "left", "segment": "T1", "tightness": 2.5}]"#,
         "marks[0].tightness: 2.5 is not a whole number"),
        (#"[{"at": "2026-11-24T19:03:00Z", "pass": 1e30, "side": "left", "segment": "T1", "tightness": 2}]"#,
         "marks[0].pass: 1e+30 is too large a number"),
        ("[3]", "marks[0]: expected an object"),
        ("null", "marks: expected a list, found null"),
        ("{}", "marks: expected a list"),
    ])
    func badMarksAreRefusedWithThePlaceAndTheReason(marks: String, expected: String) throws {
        let error = try #require(failure(minimalFile(marks: marks)))
        #expect(error.description.contains(expected), "\(error.description)")
    }

    /// Sides and segments are read from their bytes: every name is read as itself, with or
    /// without an escape in it, and the near misses are refused in the words of the names.
    @Test func everySideAndSegmentNameIsReadAndNearMissesAreRefused() throws {
        func mark(side: String, segment: String) -> String {
            #"[{"at": "2026-11-24T19:03:00+01:00", "pass": 1, "side": "\#(side)", "segment": "\#(segment)", "tightness": 1}]"#
        }
        for side in Side.allCases {
            for segment in Segment.allCases {
                let read = try decode(minimalFile(marks: mark(side: side.rawValue, segment: segment.rawValue)))
                #expect(read.marks.first?.zone == Zone(side, segment))
            }
        }
        // The same names written with an escape are the same names.
        let escaped = try decode(minimalFile(marks: mark(side: #"l\u0065ft"#, segment: #"T\u00312"#)))
        #expect(escaped.marks.first?.zone == Zone(.left, .t12))
        for segment in ["T0", "T13", "T01", "T1 ", "t1", "L0", "L6", "S0", "S2", "S11", "X1", "T", "", "T123", #"L\u0000"#] {
            let error = failure(minimalFile(marks: mark(side: "left", segment: segment)))
            #expect(error?.description.contains("is not a segment (T1–T12, L1–L5, S1)") == true, "\(segment): \(String(describing: error))")
        }
        for side in ["Left", "lef", "lefts", "rights", "", "righ"] {
            let error = failure(minimalFile(marks: mark(side: side, segment: "T1")))
            #expect(error?.description.contains("is not a side (left or right)") == true, "\(side): \(String(describing: error))")
        }
    }

    /// Keys are matched from their bytes: one a letter off or of another length is kept as an
    /// unknown key, and a known key written with an escape is still that key.
    @Test func keysAreMatchedExactlyFromTheirBytes() throws {
        let marks = #"[{"at": "2026-11-24T19:03:00+01:00", "p\u0061ss": 1, "side": "left", "segment": "T1", "tightness": 1, "atx": 2, "sid": 3}]"#
        let session = try decode(minimalFile(marks: marks, extra: #" "notes": "x", "tag": [],"#))
        #expect(session.marks.first?.pass == 1)
        #expect(session.marks.first?.extra.keys.sorted() == ["atx", "sid"])
        #expect(session.extra.keys.sorted() == ["notes", "tag"])
        #expect(session.note == nil)
    }

    @Test func badSessionFieldsAreRefusedWithTheReason() throws {
        let cases: [(String, String)] = [
            (minimalFile().replacingOccurrences(of: "backmap.session", with: "backmap.other"), #""format" is not "backmap.session""#),
            (minimalFile().replacingOccurrences(of: #""version": 1"#, with: #""version": 0"#), "version must be 1 or more"),
            (minimalFile().replacingOccurrences(of: #""version": 1"#, with: #""version": "1""#), "version: expected a whole number"),
            (minimalFile().replacingOccurrences(of: "skin-rolling", with: "cupping"), #""cupping" is not one of skin-rolling, self, foam-roller, tennis-ball, other"#),
            (minimalFile().replacingOccurrences(of: #""subject": "me""#, with: #""subject": """#), "subject must be 1–100 characters"),
            (minimalFile(extra: #" "painBefore": 11,"#), "painBefore is 11, outside 0–10"),
            (minimalFile(extra: #" "painAfter": -1,"#), "painAfter is -1, outside 0–10"),
            (minimalFile(extra: #" "painAfter": 6.5,"#), "painAfter: 6.5 is not a whole number"),
            (minimalFile(extra: #" "tags": "evening","#), "tags: expected a list"),
            (minimalFile().replacingOccurrences(of: "20261124-190211-a3f9", with: "../etc/passwd"), "id:"),
            (minimalFile().replacingOccurrences(of: #""startedAt": "2026-11-24T19:02:11+01:00", "#, with: ""), "startedAt: missing"),
        ]
        for (text, expected) in cases {
            let error = failure(text)
            #expect(error?.description.contains(expected) == true, "\(expected) → \(String(describing: error))")
        }
    }

    @Test func optionalFieldsGetTheirDefaults() throws {
        let text = minimalFile().replacingOccurrences(of: #""subject": "me", "technique": "skin-rolling","#, with: "")
        let s = try decode(text)
        #expect(s.subject == "me")
        #expect(s.technique == .skinRolling)
        #expect(s.tags == [])
        #expect(s.painBefore == nil)
    }

    @Test func aNewerVersionWithAnUnknownTechniqueIsStillRead() throws {
        let text = minimalFile()
            .replacingOccurrences(of: #""version": 1"#, with: #""version": 2"#)
            .replacingOccurrences(of: "skin-rolling", with: "cupping")
        let s = try decode(text)
        #expect(s.version == 2)
        #expect(s.isFromNewerVersion)
        #expect(s.technique == .other)
    }

    @Test(arguments: [
        // (file, line, column, words of the message)
        ("{\n  \"format\": \"backmap.session\",\n  \"version\": 1,,\n}", 3, 16, "expected a key in quotes, found ','"),
        ("{\n  \"marks\": [1, 2,]\n}", 2, 18, "unexpected ']' where a value should be"),
        ("{\"a\": \"é\" x}", 1, 11, "expected ',' or '}', found 'x'"),
        ("{\n  \"note\": \"unterminated\n}", 2, 24, "a control character inside a string"),
        ("{\n  \"a\": 1\n", 3, 1, "the file ends inside an object"),
        ("{'a': 1}", 1, 2, "expected a key in quotes, found '''"),
        ("{\"a\": 01}", 1, 8, "numbers do not start with 0"),
        ("{\"a\": tru}", 1, 7, "unexpected text where a value should be"),
        ("{\"a\": 1} {}", 1, 10, "unexpected text after the end of the document"),
        ("", 1, 1, "the file ends where a value should be"),
        ("{\"a\": \"\\q\"}", 1, 9, "unknown escape"),
    ])
    func brokenJSONIsReportedWithLineAndColumn(text: String, line: Int, column: Int, words: String) throws {
        let error = try #require(failure(text))
        guard case .invalidJSON(let l, let c, let detail) = error else {
            Issue.record("expected bad JSON, got \(error)")
            return
        }
        #expect(l == line)
        #expect(c == column)
        #expect(detail.contains(words), "\(detail)")
        #expect(error.description.hasPrefix("bad JSON at line \(line), column \(column): "))
    }

    @Test func invalidUTF8IsBadJSON() throws {
        var data = Data("{\"note\": \"".utf8)
        data.append(contentsOf: [0xC3, 0x28])
        data.append(contentsOf: Data("\"}".utf8))
        let error = try #require(failure(data))
        #expect(error == .invalidJSON(line: 1, column: 11, detail: "invalid UTF-8"))
    }

    @Test func nestingDeeperThan64IsRefused() throws {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(JSONSyntax.firstError(in: Data(ok.utf8)) == nil)

        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let problem = try #require(JSONSyntax.firstError(in: Data(deep.utf8)))
        #expect(problem.message == "nested more than 64 levels deep")
        #expect(problem.column == 65)

        // A hostile file of a million brackets is refused without a crash.
        let hostile = String(repeating: "[", count: 1_000_000)
        #expect(JSONSyntax.firstError(in: Data(hostile.utf8))?.message == "nested more than 64 levels deep")
        let inSession = minimalFile(extra: " \"x\": " + String(repeating: "{\"a\":", count: 70) + "1" + String(repeating: "}", count: 70) + ",")
        #expect(failure(inSession)?.description.contains("nested more than 64 levels deep") == true)
    }

    @Test func aByteOrderMarkIsTolerated() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(minimalFile().utf8))
        #expect(failure(data) == nil)
    }

    @Test func tooManyMarksAreRefused() throws {
        var s = try session()
        let one = try mark(.left, .t1, .mild)
        s.marks = Array(repeating: one, count: SessionLimits.marks + 1)
        #expect(s.validationProblem == "it has 5001 marks, more than the 5000 a session may have")
        let error = try #require(failure(try SessionCodec.encode(s)))
        #expect(error == .invalidSession("it has 5001 marks, more than the 5000 a session may have"))

        s.marks.removeLast()
        #expect(failure(try SessionCodec.encode(s)) == nil)
    }

    @Test func notesLongerThanTheLimitAreRefused() throws {
        var s = try session(marks: [mark(.left, .t1, .mild)])
        s.note = String(repeating: "é", count: SessionLimits.noteCharacters)
        #expect(failure(try SessionCodec.encode(s)) == nil)
        s.note = String(repeating: "é", count: SessionLimits.noteCharacters) + "x"
        #expect(failure(try SessionCodec.encode(s))?.description == "not a valid session: the session note is longer than 2000 characters")

        s.note = nil
        s.marks[0].note = String(repeating: "a", count: SessionLimits.noteCharacters + 1)
        #expect(failure(try SessionCodec.encode(s))?.description == "not a valid session: the note of mark 0 is longer than 2000 characters")
    }

    @Test func tagsBeyondTheLimitsAreRefused() throws {
        var s = try session()
        s.tags = (0...SessionLimits.tags).map { "t\($0)" }
        #expect(s.validationProblem?.hasPrefix("tags:") == true)
        s.tags = [String(repeating: "x", count: SessionLimits.tagCharacters + 1)]
        #expect(s.validationProblem?.hasPrefix("tags:") == true)
        s.tags = [""]
        #expect(s.validationProblem?.hasPrefix("tags:") == true)
        s.tags = ["fine"]
        #expect(s.validationProblem == nil)
    }

    @Test func aFileLargerThanTheLimitIsRefusedBeforeParsing() throws {
        let data = Data(repeating: 0x20, count: SessionLimits.fileBytes + 1)
        let error = try #require(failure(data))
        #expect(error == .tooLarge(bytes: SessionLimits.fileBytes + 1))
        #expect(error.description.contains("more than the 2 MB a session file may be"))
    }
}
