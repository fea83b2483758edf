import Foundation
import Testing
@testable import BackMapCore

/// `--json` output reaches terminals too: no raw control or bidi character from a file.
@Suite("Terminal-safe JSON")
struct TerminalSafeJSONTests {
    static let hostile = "a\u{1B}[31m\u{7F}\u{9B}2J\u{202E}evil\u{2066}\u{2028}\u{E0041}🏴\u{E0067}\u{E007F}日本e\u{301}"

    /// Every scalar that must not reach a terminal raw, found in some text.
    static func unsafeScalars(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { $0 < 0x20 && $0 != 0x0A || TerminalText.needsJSONEscape($0) }
    }

    @Test func reportsOfAHostileSessionCarryNoRawControlAndDecodeToTheSameText() throws {
        let start = Timestamp(iso8601: "2026-11-24T19:00:00+01:00")!
        let session = Session(id: SessionID("20261124-190000-beef")!, startedAt: start, subject: Self.hostile, note: Self.hostile,
                              tags: [Self.hostile.prefix(30).description],
                              marks: [Mark(at: start, pass: 1, zone: Zone(.left, .t7), tightness: .tight, note: Self.hostile)])
        let show = try MapReport.json(session, pass: nil)
        let list = try SessionList.json([SessionSummary(session)])
        for data in [show, list] {
            let text = String(decoding: data, as: UTF8.self)
            #expect(Self.unsafeScalars(text).isEmpty, "\(text)")
        }
        let shown = try #require(try JSONSerialization.jsonObject(with: show) as? [String: Any])
        #expect(shown["subject"] as? String == Self.hostile)
        #expect(shown["note"] as? String == Self.hostile)
        let zones = try #require(shown["zones"] as? [[String: Any]])
        #expect(zones.contains { $0["note"] as? String == Self.hostile })
        let listed = try #require(try JSONSerialization.jsonObject(with: list) as? [[String: Any]])
        #expect(listed.first?["subject"] as? String == Self.hostile)
    }

    @Test func plainJSONIsLeftByteForByte() {
        let data = Data(#"{"a": "plain, \u001b escaped already, 日本 e\u0301"}"#.utf8)
        #expect(TerminalText.terminalSafeJSON(data) == data)
    }

    @Test func astralCharactersAreEscapedAsSurrogatePairs() {
        let data = Data("[\"\u{E0041}\"]".utf8)
        #expect(String(decoding: TerminalText.terminalSafeJSON(data), as: UTF8.self) == #"["\uDB40\uDC41"]"#)
    }
}
