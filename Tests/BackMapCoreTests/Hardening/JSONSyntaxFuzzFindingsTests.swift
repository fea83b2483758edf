import Foundation
import Testing
@testable import BackMapCore

/// What the decoder fuzzer found: JSON our syntax check let through but
/// Foundation cannot parse, so the file was refused without a line and column.
@Suite("JSON syntax: fuzzer findings")
struct JSONSyntaxFuzzFindingsTests {
    static func decodeError(_ text: String) -> SessionFileError? {
        do {
            _ = try SessionCodec.decode(Data(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    static let head = #"{"format": "backmap.session", "version": 1, "id": "20261124-190000-beef", "startedAt": "2026-11-24T19:00:00Z", "marks": [], "#

    @Test func aNumberBeyondTheRangeOfADoubleIsReportedWhereItIs() {
        #expect(Self.decodeError(Self.head + "\"x\": 1e999}") == .invalidJSON(line: 1, column: Self.head.count + 6, detail: "a number too large to read"))
        #expect(JSONSyntax.firstError(in: Data("[-2.5E+400]".utf8))?.message == "a number too large to read")
        #expect(JSONSyntax.firstError(in: Data("[1e308, 1e-999, 0.000001]".utf8)) == nil)
        #expect(JSONSyntax.firstError(in: Data(("[" + String(repeating: "9", count: 400) + "]").utf8))?.message == "a number too large to read")
    }

    @Test func halfASurrogatePairIsReportedWhereItIs() {
        #expect(Self.decodeError(Self.head + #""x": "a\ud800b"}"#) == .invalidJSON(line: 1, column: Self.head.count + 9, detail: "\\u escape of the first half of a surrogate pair without the second"))
        #expect(JSONSyntax.firstError(in: Data(#"["\udc00"]"#.utf8))?.message == "\\u escape of the second half of a surrogate pair without the first")
        #expect(JSONSyntax.firstError(in: Data(#"["\ud800\u0041"]"#.utf8)) != nil)
        // A whole pair is fine, and decodes to the character it spells.
        #expect(JSONSyntax.firstError(in: Data(#"["\ud83d\udc4d"]"#.utf8)) == nil)
        let session = try? SessionCodec.decode(Data((Self.head + #""subject": "\ud83d\udc4d"}"#).utf8))
        #expect(session?.subject == "👍")
    }

    @Test func whatTheCheckAcceptsFoundationParses() throws {
        for text in ["[1e308]", #"["\ud83d\udc4d", "\u00e9"]"#, "\u{FEFF}[1]", "{\"a\": [true, false, null, -0, 0.5e-3]}"] {
            #expect(JSONSyntax.firstError(in: Data(text.utf8)) == nil, "\(text)")
            #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil, "\(text)")
        }
    }
}
