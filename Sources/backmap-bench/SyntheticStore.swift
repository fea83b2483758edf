import BackMapCore
import Foundation
import Glibc

/// A store of daily sessions that looks like years of real use: one session
/// an evening, most zones rated on the first pass, a second and third pass on
/// some days, tightness that drifts and slowly improves, pain before and after
/// on most days, a few notes and tags, and a second person now and then.
///
/// The same seed always gives the same store, so figures compare across runs.
struct SyntheticStore {
    let root: URL
    let sessionCount: Int

    /// Writes `count` sessions ending today into a new temporary folder.
    static func make(sessions count: Int, seed: UInt64 = 0x6261_636B_6D61_70) throws -> SyntheticStore {
        var template = Array((FileManager.default.temporaryDirectory.path + "/backmap-bench-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw BenchError("could not create a temporary folder: \(String(cString: strerror(errno)))")
        }
        let root = URL(fileURLWithPath: String(cString: made))
        let store = SessionStore(root: root)
        try store.prepare()
        var random = SplitMix64(seed: seed)
        let offset = 3600
        let today = Int(Date().timeIntervalSince1970) / 86_400
        // Each zone has its own starting tightness; the back slowly gets better.
        let baseline = Zone.all.map { _ in Double(random.next(upTo: 300)) / 100 }
        for day in 0..<count {
            let progress = Double(day) / Double(max(1, count - 1))
            let evening = (today - count + day) * 86_400 + 18 * 3600 + random.next(upTo: 4 * 3600) - offset
            let session = makeSession(at: evening, offset: offset, progress: progress, baseline: baseline, random: &random)
            let data = try SessionCodec.encode(session)
            try write(data, to: store.url(for: session.id))
        }
        return SyntheticStore(root: root, sessionCount: count)
    }

    private static func makeSession(at seconds: Int, offset: Int, progress: Double, baseline: [Double],
                                    random: inout SplitMix64) -> Session {
        let start = Timestamp(date: Date(timeIntervalSince1970: Double(seconds)), utcOffset: offset)
        let id = SessionID.make(at: start, random: { UInt16(truncatingIfNeeded: random.next(upTo: 65_536)) })
        let second = random.next(upTo: 10) == 0
        var session = Session(
            id: id, startedAt: start, subject: second ? "Alex" : "me",
            technique: random.next(upTo: 20) == 0 ? .foamRoller : .skinRolling)
        let pain = max(0, min(10, Int((7 - 4 * progress).rounded()) + random.next(upTo: 3) - 1))
        if random.next(upTo: 10) < 7 {
            session.painBefore = pain
            session.painAfter = max(0, pain - random.next(upTo: 3))
        }
        if random.next(upTo: 10) == 0 { session.note = "Long day at the desk; the helper felt the left side first." }
        if random.next(upTo: 8) == 0 { session.tags = random.next(upTo: 2) == 0 ? ["evening"] : ["after run", "sore"] }
        let passes = 1 + (random.next(upTo: 10) < 4 ? 1 : 0) + (random.next(upTo: 10) < 2 ? 1 : 0)
        var clock = seconds
        for pass in 1...passes {
            for zone in Zone.rollingOrder {
                // The first pass rates most zones; later passes go back over some of them.
                let rolled = pass == 1 ? random.next(upTo: 12) != 0 : random.next(upTo: 3) == 0
                guard rolled else { continue }
                clock += 4 + random.next(upTo: 8)
                let drift = Double(random.next(upTo: 100)) / 100 - 0.5
                let level = max(0, min(3, Int((baseline[zone.index] * (1 - 0.6 * progress) + drift).rounded())))
                let note = random.next(upTo: 60) == 0 ? "knot under the fingers" : nil
                session.marks.append(Mark(
                    at: Timestamp(date: Date(timeIntervalSince1970: Double(clock)), utcOffset: offset),
                    pass: pass, zone: zone, tightness: Tightness(rawValue: level), note: note))
            }
        }
        return session
    }

    /// A plain write (no flush): the store is scratch, and flushing thousands of
    /// files would only slow the set-up down.
    private static func write(_ data: Data, to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw BenchError("could not write \(url.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { throw BenchError("could not write \(url.path)") }
    }

    /// Deletes the store.
    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound.
    mutating func next(upTo bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}

/// A benchmark failure, told in one sentence.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
