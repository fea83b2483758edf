import BackMapCore
import Foundation
import Glibc
import Testing

/// `backmap git`, `sync`, `history`, `show --at` and `restore`, run as the built
/// binary on stores that are clones of a bare repository on local disk: no network.
@Suite("git and sync, end to end")
struct GitEndToEndTests {
    /// Two machines and their remote, with a private HOME (no git identity, no config).
    final class Setup {
        let folder: TemporaryFolder
        let environment: [String: String]
        var remote: URL { folder.appending("remote.git") }
        var a: URL { folder.appending("a") }
        var b: URL { folder.appending("b") }

        init() throws {
            folder = try TemporaryFolder("backmap-e2e-git")
            let home = folder.appending("home")
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            environment = ["HOME": home.path, "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1"]
        }

        func backmap(_ store: URL, _ arguments: [String], path: String? = nil) async throws -> Finished {
            var environment = self.environment
            environment["BACKMAP_HOME"] = store.path
            if let path { environment["PATH"] = path }
            return try await run(try Programs.backmap(), arguments, environment: environment, timeout: 60)
        }

        func git(_ arguments: [String]) async throws -> Finished {
            let finished = try await run(URL(fileURLWithPath: try #require(GitProcess.locate())), arguments, environment: environment)
            #expect(finished.status == 0, "git \(arguments.joined(separator: " ")): \(finished.stderr)")
            return finished
        }

        /// a: sessions, `backmap git init`, a remote, a first sync; b: a clone.
        func twoMachines(_ sessions: [Session]) async throws {
            _ = try await git(["init", "-q", "--bare", "-b", "main", remote.path])
            let store = SessionStore(root: a)
            for session in sessions { try store.save(session) }
            #expect(try await backmap(a, ["git", "init", "-q", "-b", "main"]).status == 0)
            #expect(try await backmap(a, ["git", "remote", "add", "origin", remote.path]).status == 0)
            let first = try await backmap(a, ["sync"])
            #expect(first.status == 0, "\(first.stderr)")
            _ = try await git(["clone", "-q", remote.path, b.path])
        }

        func ids(_ store: URL) -> [String] { SessionStore(root: store).scan().summaries.map(\.id.rawValue).sorted() }

        func status(_ store: URL) async throws -> String {
            try await git(["-C", store.path, "status", "--porcelain", "--untracked-files=all"]).stdout
        }
    }

    static func session(_ day: Int, note: String? = nil) throws -> Session {
        let start = try #require(Timestamp(iso8601: String(format: "2026-11-%02d", day) + "T19:02:11+01:00"))
        var session = Session(id: try #require(SessionID(String(format: "202611%02d-190211-%04x", day, day))), startedAt: start, note: note)
        session.marks = [Mark(at: start, pass: 1, zone: Zone.all[day % 36], tightness: .tight)]
        return session
    }

    @Test func gitMissingIsOneSentence() async throws {
        let setup = try Setup()
        let finished = try await setup.backmap(setup.a, ["git", "status"], path: "/nonexistent")
        #expect(finished.status == 1)
        #expect(finished.stderr == "backmap: Git is not installed (no git on PATH); history and sync need it, everything else works without it.\n")
        let sync = try await setup.backmap(setup.a, ["sync"], path: "/nonexistent")
        #expect(sync.status == 1)
        #expect(sync.stderr.split(separator: "\n").count == 1)
    }

    @Test func syncWithoutARepositoryOrARemoteIsOneSentenceAndNonZero() async throws {
        let setup = try Setup()
        try SessionStore(root: setup.a).save(try Self.session(1))
        let notGit = try await setup.backmap(setup.a, ["sync"])
        #expect(notGit.status == 1)
        #expect(notGit.stderr.contains("is not a git repository; `backmap git init` makes it one"))
        #expect(try await setup.backmap(setup.a, ["git", "init", "-q"]).status == 0)
        let noRemote = try await setup.backmap(setup.a, ["sync"])
        #expect(noRemote.status == 1)
        #expect(noRemote.stderr == "backmap: The store's repository has no remote to sync with; add one with `backmap git remote add origin URL`.\n")
        // Nothing else changed: the session is there and committed.
        #expect(setup.ids(setup.a) == ["20261101-190211-0001"])
        #expect(try await setup.status(setup.a).isEmpty)
    }

    @Test func theSameSessionChangedOnBothMachinesKeepsBothAndCheckAndStatusAreClean() async throws {
        let setup = try Setup()
        let shared = try Self.session(2)
        try await setup.twoMachines([shared])
        var onA = shared
        onA.note = "from a"
        try SessionStore(root: setup.a).save(onA)
        var onB = shared
        onB.note = "from b"
        try SessionStore(root: setup.b).save(onB)
        try SessionStore(root: setup.b).save(try Self.session(3))

        #expect(try await setup.backmap(setup.a, ["sync"]).status == 0)
        let sync = try await setup.backmap(setup.b, ["sync"])
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stdout.contains("Both machines changed \(shared.id): the remote's version stays at \(shared.id), this machine's is now "))
        #expect(try await setup.backmap(setup.a, ["sync"]).status == 0)

        for store in [setup.a, setup.b] {
            let check = try await setup.backmap(store, ["check"])
            #expect(check.status == 0 && check.stdout.hasSuffix("3 sessions, all valid.\n"), "\(check.stdout)")
            #expect(try await setup.status(store).isEmpty)
            let notes = setup.ids(store).compactMap { try? SessionStore(root: store).load(SessionID($0)!).note }
            #expect(notes.contains("from a"))
            #expect(notes.contains { $0.hasSuffix("from b") && $0.contains(shared.id.rawValue) })
        }
    }

    @Test func historyShowAtAndRestoreReachEveryVersion() async throws {
        let setup = try Setup()
        let first = try Self.session(4, note: "first")
        try await setup.twoMachines([first])
        var second = first
        second.note = "second"
        second.marks.append(Mark(at: first.startedAt, pass: 2, zone: Zone.all[0], tightness: .veryTight))
        try SessionStore(root: setup.a).save(second)
        #expect(try await setup.backmap(setup.a, ["sync"]).status == 0)

        let history = try await setup.backmap(setup.a, ["history", "last"])
        #expect(history.status == 0)
        let lines = history.stdout.split(separator: "\n")
        #expect(lines.first == "Session \(first.id): 2 versions, oldest first")
        #expect(lines.count == 3 && lines[1].hasPrefix("1  ") && lines[1].hasSuffix("new: 1 mark, pass 1"))
        #expect(lines.count == 3 && lines[2].hasSuffix("2 marks, pass 2 (+1 mark, note)"))

        let old = try await setup.backmap(setup.a, ["show", "last", "--at", "1", "--json"])
        #expect(old.status == 0)
        #expect(old.stdout.contains("\"passes\" : [\n    1\n  ]") || old.stdout.contains("\"first\"") || !old.stdout.contains("\"pass\" : 2"))
        let missing = try await setup.backmap(setup.a, ["show", "last", "--at", "7"])
        #expect(missing.status == 1 && missing.stderr.contains("has no version 7; its versions are 1 to 2"))

        let restore = try await setup.backmap(setup.a, ["restore", "last", "--at", "1"])
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(try SessionStore(root: setup.a).load(first.id) == first)
        let log = try await setup.git(["-C", setup.a.path, "log", "-1", "--format=%s"]).stdout
        #expect(log.hasPrefix("\(first.id): restored version 1 of "))
        #expect(try await setup.status(setup.a).isEmpty)
    }

    @Test func importIsCommitted() async throws {
        let setup = try Setup()
        try await setup.twoMachines([try Self.session(5)])
        let file = setup.folder.appending("20261106-190211-0006.json")
        try SessionCodec.encode(try Self.session(6)).write(to: file)
        let imported = try await setup.backmap(setup.a, ["import", file.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let log = try await setup.git(["-C", setup.a.path, "log", "-1", "--format=%s"]).stdout
        #expect(log == "20261106-190211-0006: imported\n")
    }

    @Test func aLockLeftInTheRepositoryIsAClearMessageAndNothingIsLost() async throws {
        let setup = try Setup()
        try await setup.twoMachines([try Self.session(7)])
        try Data().write(to: setup.a.appendingPathComponent(".git/index.lock"))
        try SessionStore(root: setup.a).save(try Self.session(8))
        let sync = try await setup.backmap(setup.a, ["sync"])
        #expect(sync.status == 1)
        #expect(sync.stderr == "backmap: The store's git repository is locked by \(setup.a.path)/.git/index.lock (another git is running there, or one was killed); if no git is running, remove that file.\n")
        #expect(setup.ids(setup.a).count == 2)
        try FileManager.default.removeItem(at: setup.a.appendingPathComponent(".git/index.lock"))
        #expect(try await setup.backmap(setup.a, ["sync"]).status == 0)
        #expect(try await setup.status(setup.a).isEmpty)
    }

    /// kill -9 of `backmap sync` while its git is committing, merging or pushing (a
    /// stand-in git on PATH stops there until told), with that git left to finish or
    /// killed too; then a plain sync on each machine. Every version written is still a
    /// session somewhere, the repository is whole (fsck), and everything is committed.
    @Test func killingASyncAtAnyStepThenSyncingAgainLosesNothing() async throws {
        let setup = try Setup()
        try await setup.twoMachines([try Self.session(9)])
        let shared = try SessionStore(root: setup.a).load(try #require(SessionID("20261109-190211-0009")))
        let realGit = try #require(GitProcess.locate())
        let bin = setup.folder.appending("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let pause = setup.folder.appending("pause")
        let script = """
            #!/bin/sh
            # Stops once at the git command named in PAUSE_AT until $PAUSE_DIR/go exists.
            if [ ! -e "$PAUSE_DIR/reached" ]; then
              for word in "$@"; do
                if [ "$word" = "$PAUSE_AT" ]; then
                  echo $$ > "$PAUSE_DIR/reached.tmp" && mv "$PAUSE_DIR/reached.tmp" "$PAUSE_DIR/reached"
                  while [ ! -e "$PAUSE_DIR/go" ]; do sleep 0.01; done
                  break
                fi
              done
            fi
            \(realGit) "$@"
            status=$?
            touch "$PAUSE_DIR/done.$$"
            exit $status
            """
        try Data(script.utf8).write(to: bin.appendingPathComponent("git"))
        chmod(bin.appendingPathComponent("git").path, 0o755)

        var notes: [String] = []
        var round = 0
        for step in ["commit", "merge", "push"] {
            for killGitToo in [false, true] {
                round += 1
                try? FileManager.default.removeItem(at: pause)
                try FileManager.default.createDirectory(at: pause, withIntermediateDirectories: true)
                // Both machines change the shared session and add one of their own.
                for (machine, store) in [("a", setup.a), ("b", setup.b)] {
                    let sessions = SessionStore(root: store)
                    var changed = try sessions.load(shared.id)
                    changed.note = "\(machine) round \(round)"
                    try sessions.save(changed)
                    var own = try Self.session(10 + round)
                    own.id = try #require(SessionID("202611\(10 + round)-190211-\(machine)00\(round)"))
                    own.note = "\(machine) own \(round)"
                    try sessions.save(own)
                    notes += ["\(machine) round \(round)", "\(machine) own \(round)"]
                }
                #expect(try await setup.backmap(setup.a, ["sync"]).status == 0)

                var environment = ProcessInfo.processInfo.environment.merging(setup.environment) { _, new in new }
                environment["BACKMAP_HOME"] = setup.b.path
                environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
                environment["PAUSE_AT"] = step
                environment["PAUSE_DIR"] = pause.path
                let sync = try ChildProcess(try Programs.backmap().path, ["sync"], environment: environment)
                var ended = false
                let reached = pause.appendingPathComponent("reached")
                try await waitUntil("the sync reaches git \(step)", timeout: 60) {
                    if !ended { ended = sync.hasExited() }
                    return FileManager.default.fileExists(atPath: reached.path) || ended
                }
                #expect(!ended, "round \(round): sync ended before git \(step)")
                sync.kill(SIGKILL)
                let gitPID = pid_t(try String(contentsOf: reached, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
                if killGitToo {
                    kill(gitPID, SIGKILL)
                } else {
                    // The orphaned git goes on and finishes, as it would after a real kill -9.
                    try Data().write(to: pause.appendingPathComponent("go"))
                    try await waitUntil("git \(step) finishes", timeout: 60) {
                        FileManager.default.fileExists(atPath: pause.appendingPathComponent("done.\(gitPID)").path)
                    }
                }

                // Its pipes stayed open for the orphaned git, as a terminal would; now they may close.
                _ = sync.result()
                for store in [setup.b, setup.a, setup.b] {
                    let again = try await setup.backmap(store, ["sync"])
                    #expect(again.status == 0, "round \(round) (\(step), git killed: \(killGitToo)): \(again.stderr)")
                }
            }
        }
        for store in [setup.a, setup.b] {
            let sessions = SessionStore(root: store)
            let kept = setup.ids(store).compactMap { try? sessions.load(SessionID($0)!).note ?? "" }
            // Each machine's own sessions and b's versions of the shared one (kept as copies, since a
            // always synced first) must all be there; a's earlier versions of the shared session were
            // replaced by a's own later edits, and stay in history.
            let lost = notes.filter { note in
                (note.contains("own") || note.hasPrefix("b round") || note == "a round \(round)")
                    && !kept.contains { $0 == note || $0.hasSuffix("\n" + note) }
            }
            #expect(lost.isEmpty, "\(store.lastPathComponent) lost \(lost); it has \(kept)")
            #expect(try await setup.status(store).isEmpty)
            #expect(try await setup.git(["-C", store.path, "fsck", "--no-progress"]).status == 0)
            #expect(StoreCheck(sessions).isClean)
        }
        #expect(setup.ids(setup.a) == setup.ids(setup.b))
    }

    func waitUntil(_ what: String, timeout: TimeInterval, _ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            if Date() >= deadline { throw EndToEndError("timed out waiting until \(what)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
