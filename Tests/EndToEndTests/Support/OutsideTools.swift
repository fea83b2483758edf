import BackMapCore
import Foundation

/// Programs outside the package that some tests check exports with: headless
/// Chromium to print the HTML report, and poppler's pdfinfo and pdftotext to
/// read the PDF back. Tests that need one skip, naming it, when it is missing
/// (`.ci/run` installs them).
enum OutsideTools {
    /// The first executable called `name` on PATH.
    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    static var chromium: URL? { find("chromium") ?? find("chromium-browser") }

    /// Chromium, pdfinfo and pdftotext are all there.
    static var canPrint: Bool { chromium != nil && find("pdfinfo") != nil && find("pdftotext") != nil }
}

/// A store of sessions made for the report tests: a week apart, every zone
/// rolled, a note on the session and on a zone, so a printed page has all a
/// real one has.
struct ReportStore {
    let root: URL
    let sessions: [Session]

    init(count: Int, subjects: [String] = ["me"], longNote: String? = nil) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("backmap-e2e-report-\(getpid())-\(UInt32.random(in: 0 ... .max))", isDirectory: true)
        let store = SessionStore(root: root)
        var made: [Session] = []
        for index in 0..<count {
            let start = 1_788_800_400 + index * 7 * 86_400
            let startedAt = Timestamp(date: Date(timeIntervalSince1970: TimeInterval(start)), utcOffset: 3_600)
            var marks = Zone.rollingOrder.enumerated().map { offset, zone in
                Mark(at: Timestamp(date: Date(timeIntervalSince1970: TimeInterval(start + 60 + offset * 5)), utcOffset: 3_600),
                     pass: 1, zone: zone, tightness: Tightness(rawValue: (offset * 7 + index) % 4))
            }
            marks[5].note = "burning feeling here in session \(index + 1), pulls away at once"
            var session = Session(id: SessionID.make(at: startedAt, random: { UInt16(index + 10) }), startedAt: startedAt,
                                  subject: subjects[index % subjects.count],
                                  note: longNote ?? "Session \(index + 1): slept badly, sat at the desk all day.\nEasier on the left than last week.",
                                  tags: ["weekly"], marks: marks)
            session.painBefore = 7 - index % 4
            session.painAfter = 4 - index % 4
            try store.save(session)
            made.append(session)
        }
        sessions = made
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
