@testable import BackMapCore
import BackMapTUI
import Foundation

/// Sessions with known marks for the list, replay and compare tests.
enum HistoryFixtures {
    static let plain = Theme(ascii: false, color: false)
    static let ascii = Theme(ascii: true, color: false)

    static func time(_ text: String) -> Timestamp {
        Timestamp(iso8601: text) ?? Timestamp(date: Date(timeIntervalSince1970: 0), utcOffset: 0)
    }

    static func id(_ text: String) -> SessionID {
        SessionID(text) ?? SessionID.make(at: time("2026-01-01T00:00:00Z"))
    }

    static func context(_ width: Int = 120, _ height: Int = 40) -> Context {
        Context(now: time("2026-11-30T12:00:00+01:00"), width: width, height: height)
    }

    /// A session whose marks are `seconds` apart from its start.
    static func session(_ id: String, at start: String, subject: String = "me", technique: Technique = .skinRolling,
                        painBefore: Int? = nil, painAfter: Int? = nil, tags: [String] = [],
                        marks: [(Int, Side, Segment, Tightness?)]) -> Session {
        let begin = time(start)
        var session = Session(id: self.id(id), startedAt: begin, subject: subject, technique: technique,
                              painBefore: painBefore, painAfter: painAfter, tags: tags)
        for (index, mark) in marks.enumerated() {
            let at = Timestamp(date: begin.date.addingTimeInterval(Double(index * 7)), utcOffset: begin.utcOffset)
            session.marks.append(Mark(at: at, pass: mark.0, zone: Zone(mark.1, mark.2), tightness: mark.3))
        }
        return session
    }

    /// Two passes: the roll goes up from S1, then L4 and T7 again.
    static let older = session("20261110-190000-aaaa", at: "2026-11-10T19:00:00+01:00", painBefore: 6, painAfter: 3,
                               tags: ["evening", "after work"], marks: [
        (1, .left, .s1, .mild), (1, .left, .l4, .veryTight), (1, .left, .t7, .tight),
        (1, .right, .s1, .relaxed), (1, .right, .l4, .tight), (1, .right, .t7, .veryTight),
        (2, .left, .l4, .tight), (2, .right, .t7, .tight),
    ])

    static let newer = session("20261124-190400-bbbb", at: "2026-11-24T19:04:00+01:00", technique: .foamRoller,
                               painBefore: 4, painAfter: 2, marks: [
        (1, .left, .s1, .relaxed), (1, .left, .l4, .mild), (1, .left, .t7, .tight),
        (1, .right, .l4, .veryTight), (1, .right, .t7, .mild), (1, .right, .t1, .mild),
    ])

    static let partner = session("20261115-080000-cccc", at: "2026-11-15T08:00:00+01:00", subject: "sam",
                                 technique: .tennisBall, tags: ["morning"], marks: [
        (1, .left, .t3, .tight), (1, .right, .t3, .mild),
    ])

    static let middle = session("20261117-190000-dddd", at: "2026-11-17T19:00:00+01:00", marks: [
        (1, .left, .l4, .tight),
    ])

    static var all: [Session] { [older, partner, middle, newer] }

    static func scan(_ sessions: [Session] = all, problems: [StoreProblem] = []) -> StoreScan {
        var scan = StoreScan()
        scan.summaries = sessions.map(SessionSummary.init).sorted(by: SessionSummary.chronological)
        scan.problems = problems
        return scan
    }

    static let brokenFile = StoreProblem(file: URL(fileURLWithPath: "/store/sessions/20261101-100000-eeee.json"),
                                         reason: "bad JSON at line 3, column 5: expected a value")

    static func text(_ screen: some Screen, _ width: Int, _ height: Int, theme: Theme = plain) -> String {
        var canvas = Canvas(width: width, height: height, asciiOnly: theme.ascii)
        screen.draw(into: &canvas, theme: theme)
        return canvas.text()
    }
}
