import TestSupport
import BackMapCore
import Foundation
import Glibc
import Testing

/// SPEC 6: "A kill at any instant leaves either the old file or the new one, whole."
///
/// `backmap-testhelper save-loop` saves three growing sessions through
/// `SessionStore.save` (the editor's path) as fast as it can and reports each
/// save on a pipe. The test kills it with SIGKILL after a random 0–20 ms, over
/// and over on the same store, and after every kill checks each file: it must
/// decode and hold either the last state reported saved or the one being
/// written. Each new helper also checks every file byte for byte before it
/// starts, and `verify` does so at the end.
@Suite("Crash consistency")
struct CrashConsistencyTests {
    static let kills = Int(ProcessInfo.processInfo.environment["CRASH_KILLS"] ?? "") ?? 220

    @Test func killingTheWriterAtRandomMomentsLeavesEveryFileWholeAndOldOrNew() throws {
        let helper = try HardeningBinary.helper
        let scratch = try HardeningScratch("crash")
        defer { scratch.remove() }
        let store = SessionStore(root: scratch.store)
        let seed = UInt64(ProcessInfo.processInfo.environment["CRASH_SEED"] ?? "") ?? 0xC4A5_4001
        var random = SeededRandom(seed: seed)
        let ids = ["20261124-190000-aaaa", "20261124-190000-bbbb", "20261124-190000-cccc"]
        var counts: [String: Int] = [:]
        var killsMidWrite = 0
        var totalSaves = 0
        let clock = ContinuousClock.now

        for run in 0..<Self.kills {
            let temporariesBefore = Self.temporaries(in: store)
            let process = try ChildProcess(helper.path, ["save-loop", scratch.store.path], environment: ProcessInfo.processInfo.environment)
            // Wait for "ready" (start-up done, existing files checked) and for the first save
            // reported, so that on a busy machine too the kill meets a writer at work; then
            // a random 0–20 ms, which picks the moment, not a wait for anything.
            _ = process.readLine() + process.readLine()
            usleep(UInt32.random(in: 0...20_000, using: &random))
            process.kill(SIGKILL)
            let outcome = process.finish()
            let reported = String(decoding: outcome.stdout, as: UTF8.self)
            let complaint = String(decoding: outcome.stderr, as: UTF8.self)
            #expect(complaint.isEmpty, "run \(run) (seed \(seed)): the helper found a broken file: \(complaint)")
            #expect(outcome.status == 128 + SIGKILL, "run \(run): the helper ended by itself: \(complaint)")

            var lastSaved: [String: Int] = [:]
            for line in reported.split(separator: "\n") {
                let parts = line.split(separator: " ")
                // A line cut by the kill is not a report.
                guard parts.count == 3, parts[0] == "saved", let count = Int(parts[2]) else { continue }
                lastSaved[String(parts[1])] = count
                totalSaves += 1
            }
            for id in ids {
                let before = lastSaved[id] ?? counts[id] ?? 0
                // Saved and reported, or saved and killed before reporting, or killed mid-write.
                let allowed: Set<Int> = [before, before >= 400 ? 1 : before + 1]
                let file = store.url(for: SessionID(id)!)
                guard FileManager.default.fileExists(atPath: file.path) else {
                    #expect(before == 0, "run \(run): \(id).json vanished after \(before) marks were saved")
                    continue
                }
                do {
                    let session = try SessionCodec.decode(try Data(contentsOf: file))
                    #expect(allowed.contains(session.marks.count),
                            "run \(run) (seed \(seed)): \(id) has \(session.marks.count) marks; expected one of \(allowed.sorted())")
                    counts[id] = session.marks.count
                } catch {
                    Issue.record("run \(run) (seed \(seed)): \(id).json is not whole: \(error)")
                    return
                }
            }
            if !Self.temporaries(in: store).subtracting(temporariesBefore).isEmpty { killsMidWrite += 1 }
        }

        // Every file exactly a state the writer produces, nothing but the three sessions listed.
        let verified = try runBlocking(helper, ["verify", scratch.store.path])
        #expect(verified.status == 0, "verify: \(verified.stderr)")
        let scan = store.scan()
        #expect(scan.problems.isEmpty, "\(scan.problems)")
        #expect(scan.summaries.count == 3)
        // What killed writers left behind is hidden, and tidying removes all of it.
        store.tidy()
        let left = Self.temporaries(in: store)
        #expect(left.isEmpty, "temporaries left after tidy: \(left)")
        // The test only proves something if kills landed inside writes.
        #expect(killsMidWrite > 0, "no kill landed inside a write")
        let elapsed = ContinuousClock.now - clock
        // Enough saves that most kills met a writer at work; on a loaded machine some kills
        // come before the first save, so this asks for half, not one per kill.
        #expect(totalSaves * 2 >= Self.kills, "too few saves between kills to prove anything")
        print("crash consistency: \(Self.kills) kills (seed \(seed)), \(totalSaves) saves reported, \(killsMidWrite) kills left a temporary (mid-write), \(elapsed)")
    }

    static func temporaries(in store: SessionStore) -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: store.sessionsFolder.path)) ?? []).filter { $0.contains(".tmp-") })
    }

}
