import Foundation
import Testing
@testable import BackMapCore
@testable import BackMapTUI

/// A clock the tests move by hand: the fake terminal moves it by the timeout
/// it "waited", so a retry comes due without the test sleeping.
final class FakeClock {
    var now = ContinuousClock.now
}

/// The terminal port played by a script: inputs to hand the loop, and things to
/// do to the world between them (break the disk, mend it). Keeps every frame shown.
final class FakeTerminal: TerminalPort {
    enum Step {
        case input(TerminalInput)
        case run(() -> Void)
    }

    var size = Size(width: 100, height: 30)
    let clock: FakeClock
    private var script: [Step]
    private(set) var frames: [String] = []
    private(set) var started = false
    private(set) var stopped = false
    private(set) var redraws = 0

    init(clock: FakeClock = FakeClock(), _ script: [Step]) {
        self.clock = clock
        self.script = script
    }

    /// The frame on the screen now.
    var screen: String { frames.last ?? "" }
    /// The status line of the frame on the screen now.
    var statusLine: String { screen.split(separator: "\n").last.map(String.init) ?? "" }

    func start() throws { started = true }
    func stop() { stopped = true }
    func suspend() {}
    func forceRedraw() { redraws += 1 }
    func present(_ canvas: Canvas) { frames.append(canvas.text()) }

    func nextInput(timeout: Int?) -> TerminalInput {
        while !script.isEmpty {
            switch script.removeFirst() {
            case .run(let body):
                body()
            case .input(let input):
                if input == .timeout { clock.now += .milliseconds(timeout ?? 0) }
                return input
            }
        }
        Issue.record("the loop asked for more input than the test scripted")
        return .key(.control("c"))
    }
}

extension FakeTerminal.Step {
    static func key(_ key: Key) -> Self { .input(.key(key)) }
    static func character(_ c: Character) -> Self { .input(.key(.character(c))) }
}

/// A store in a fresh folder, with a way to break and mend its disk as a full or
/// unwritable one would: the sessions folder becomes a file (root ignores modes).
struct ScratchStore {
    let root: URL
    let store: SessionStore

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-runtime-\(UUID().uuidString)")
        store = SessionStore(root: root)
        try store.prepare()
    }

    func breakDisk() throws {
        try FileManager.default.moveItem(at: store.sessionsFolder, to: root.appendingPathComponent("sessions.away"))
        try Data("not a folder".utf8).write(to: store.sessionsFolder)
    }

    func mendDisk() throws {
        try FileManager.default.removeItem(at: store.sessionsFolder)
        try FileManager.default.moveItem(at: root.appendingPathComponent("sessions.away"), to: store.sessionsFolder)
    }

    /// Makes the writes of one session fail while the rest of the store reads and
    /// writes as usual: its file becomes a folder that a rename cannot replace.
    func blockSession(_ id: SessionID) throws {
        let file = store.url(for: id)
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
        try Data().write(to: file.appendingPathComponent("keep"))
    }

    func unblockSession(_ id: SessionID) throws {
        try FileManager.default.removeItem(at: store.url(for: id))
    }

    /// A saved session with one mark, started `minutes` after a fixed time.
    func session(minutes: Int, subject: String = "me") throws -> Session {
        let start = try #require(Timestamp(iso8601: "2026-11-24T19:00:00+01:00"))
        let at = Timestamp(date: start.date.addingTimeInterval(Double(minutes * 60)), utcOffset: start.utcOffset)
        var session = store.makeSession(subject: subject, at: at)
        session.marks.append(Mark(at: at, pass: 1, zone: Zone(.left, .l4), tightness: .tight))
        try store.save(session)
        return session
    }

    /// Whether another editor could take this session's lock now.
    func isFree(_ id: SessionID) -> Bool {
        guard let lock = try? store.lock(id) else { return false }
        lock.release()
        return true
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// Removes the rescue copy a note names ("a copy of it is in PATH: move it…"), returning its session.
func takeRescueCopy(from note: String) throws -> Session {
    let start = try #require(note.range(of: "a copy of it is in ")?.upperBound)
    let end = try #require(note[start...].range(of: ": move")?.lowerBound)
    let file = URL(fileURLWithPath: String(note[start..<end]))
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    return try SessionCodec.decode(Data(contentsOf: file))
}
