import Foundation
import Glibc

/// `backmap sync`: commit what is pending, fetch, bring the remote in, push.
///
/// git's own merge never meets a session changed on both sides: before merging,
/// each file both sides changed is settled here. The remote's version stays at
/// its id; ours is kept as a new session with a fresh id and a note naming the
/// original (a trashed copy keeps a free name in the trash), and that is
/// committed. The merge then finds both sides agreeing on those files. Nothing
/// is ever left as a conflict, and no side is ever lost: each step is a commit
/// or an atomic write, so a kill at any moment leaves a store the next sync
/// finishes from.
///
/// A session the remote changed that is open in an editor (its lock is held)
/// is waited for; if it stays open, nothing is brought in. The locks of the
/// sessions the merge will touch are held until it is done.
public struct StoreSync {
    /// What a sync did.
    public struct Report: Sendable {
        /// The first line of the commit of pending changes, if there were any.
        public var committed: String?
        public var remote = ""
        /// Sessions the remote added or changed that are now here.
        public var broughtIn: [SessionID] = []
        /// Sessions both sides changed: the remote's stays at `original`, ours is now `copy`.
        public var keptBoth: [(original: SessionID, copy: SessionID)] = []
        /// Trashed files both sides changed: ours moved to `copy` in the trash.
        public var trashKept: [(original: String, copy: String)] = []
        public var pushed = false

        /// A few lines for the person who ran `backmap sync`.
        public var lines: [String] {
            var lines: [String] = []
            if let committed { lines.append("Committed: \(committed)") }
            if !broughtIn.isEmpty {
                let shown = broughtIn.prefix(10).map(\.rawValue).joined(separator: ", ")
                let more = broughtIn.count > 10 ? " and \(broughtIn.count - 10) more" : ""
                lines.append("Brought in from \(remote): \(broughtIn.count) session\(broughtIn.count == 1 ? "" : "s") (\(shown)\(more)).")
            }
            for pair in keptBoth {
                lines.append("Both machines changed \(pair.original): the remote's version stays at \(pair.original), this machine's is now \(pair.copy).")
            }
            for pair in trashKept {
                lines.append("Both machines changed the trashed \(pair.original): this machine's copy is now \(pair.copy).")
            }
            lines.append(pushed ? "Pushed to \(remote)." : "Up to date with \(remote).")
            return lines
        }
    }

    public let store: SessionStore
    let history: StoreHistory
    var repository: GitRepository { history.repository }
    /// How long to wait for an editor that holds a session the remote changed.
    public var editorWait: Duration

    public init(store: SessionStore, history: StoreHistory, editorWait: Duration = .seconds(10)) {
        self.store = store
        self.history = history
        self.editorWait = editorWait
    }

    /// Runs the whole sync; throws a sentence when it cannot finish (nothing local is lost then either).
    public func run() throws -> Report {
        try store.prepare()
        // One sync at a time in a store; the lock dies with a killed sync.
        let syncLock: FileLock
        do {
            syncLock = try FileLock.acquire(at: store.root.appendingPathComponent("locks/sync.lock"))
        } catch is FileLock.Busy {
            throw GitError.failed("sync", "another backmap sync is running in this store")
        }
        defer { syncLock.release() }

        var report = Report()
        try repository.waitForIndexLock()
        try finishInterruptedMerge()
        report.committed = try history.commitPending()?.split(separator: "\n").first.map(String.init)
        let (remote, branch) = try upstream()
        report.remote = remote
        for _ in 1...3 {
            try fetch(remote)
            let theirs = try remoteHead(remote, branch)
            if let theirs { try integrate(theirs, remote: remote, branch: branch, into: &report) }
            guard let ours = try repository.head(), ours != theirs else { return report }
            let push = try repository.attempt(["push", "--quiet", "--porcelain", "-u", remote, "HEAD:refs/heads/\(branch)"])
            if push.succeeded {
                report.pushed = true
                return report
            }
            // Someone pushed meanwhile: fetch again and bring that in too; anything else is final.
            try fetch(remote)
            if try remoteHead(remote, branch) == theirs {
                throw GitError.pushRejected(remote, push.reason)
            }
        }
        throw GitError.pushRejected(remote, "the remote kept changing while this sync ran; run `backmap sync` again")
    }

    // MARK: Steps

    /// A merge a killed sync left half done: finished when nothing in it conflicts, else undone.
    /// (The side it was bringing in is still on the remote, and ours is committed.)
    func finishInterruptedMerge() throws {
        let mergeHead = repository.gitFolder.appendingPathComponent("MERGE_HEAD")
        guard FileManager.default.fileExists(atPath: mergeHead.path) else { return }
        let unmerged = try repository.run(["ls-files", "--unmerged"], what: "ls-files").stdout
        if unmerged.isEmpty {
            try repository.run(try repository.identityArguments() + ["commit", "--quiet", "--no-verify", "--no-gpg-sign", "--no-edit"],
                               what: "commit")
        } else {
            try repository.run(["merge", "--abort"], what: "merge --abort")
        }
    }

    /// The remote and branch to sync with: the branch's upstream, else `origin` (or
    /// the only remote) and the branch of the same name.
    func upstream() throws -> (String, String) {
        let symbolic = try repository.attempt(["symbolic-ref", "--quiet", "--short", "HEAD"])
        guard symbolic.succeeded else {
            throw GitError.failed("sync", "the store's repository is not on a branch (detached HEAD); `backmap git switch main` first")
        }
        let branch = symbolic.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let remotes = try repository.run(["remote"], what: "remote").text.split(separator: "\n").map(String.init)
        let configured = try repository.attempt(["config", "--get", "branch.\(branch).remote"]).text
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let remote: String? = remotes.contains(configured) ? configured
            : remotes.contains("origin") ? "origin" : remotes.count == 1 ? remotes[0] : nil
        guard let remote else {
            if remotes.isEmpty { throw GitError.noRemote }
            throw GitError.failed("sync", "the store's repository has several remotes and none is set for \(branch); `backmap git branch --set-upstream-to REMOTE/\(branch)` picks one")
        }
        let merge = try repository.attempt(["config", "--get", "branch.\(branch).merge"]).text
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let remoteBranch = merge.hasPrefix("refs/heads/") ? String(merge.dropFirst("refs/heads/".count)) : branch
        return (remote, remoteBranch)
    }

    func fetch(_ remote: String) throws {
        let output = try repository.attempt(["fetch", "--quiet", "--no-tags", remote,
                                             "+refs/heads/*:refs/remotes/\(remote)/*"])
        guard output.succeeded else {
            let failure = repository.failure(of: output, what: "fetch")
            if case .locked = failure { throw failure }
            throw GitError.unreachable(remote, output.reason)
        }
    }

    func remoteHead(_ remote: String, _ branch: String) throws -> String? {
        let output = try repository.attempt(["rev-parse", "--verify", "--quiet", "refs/remotes/\(remote)/\(branch)^{commit}"])
        return output.succeeded ? output.text.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    /// Brings `theirs` into the current branch, settling every session both sides changed first.
    func integrate(_ theirs: String, remote: String, branch: String, into report: inout Report) throws {
        let ours = try repository.head()
        if let ours {
            if ours == theirs { return }
            if try repository.attempt(["merge-base", "--is-ancestor", theirs, ours]).succeeded { return }
        }
        let commonBase = try ours.flatMap { ours -> String? in
            let output = try repository.attempt(["merge-base", ours, theirs])
            return output.succeeded ? output.text.trimmingCharacters(in: .whitespacesAndNewlines) : nil
        }
        let base = try commonBase ?? emptyTree()
        let theirChanges = try changedPaths(from: base, to: theirs)
        let ourChanges = try ours.map { try changedPaths(from: base, to: $0) } ?? []

        // Hold the lock of every session the merge will write; wait for editors that hold one.
        let touched = theirChanges.compactMap(Self.sessionID(of:))
        let locks = try lockSessions(touched)
        defer { locks.forEach { $0.release() } }

        let both = Set(ourChanges).intersection(theirChanges).sorted()
        if let ours, !both.isEmpty {
            let ourFiles = try tree(ours, both)
            let theirFiles = try tree(theirs, both)
            var written: [String] = []
            var copies: [(SessionID, SessionID)] = []
            for path in both where ourFiles[path] != theirFiles[path] {
                if let id = Self.sessionID(of: path) {
                    if ourFiles[path] != nil {
                        let copy = try keepOurs(of: id, avoiding: theirs)
                        written.append(copy.path)
                        if let copyID = copy.id {
                            copies.append((id, copyID))
                            report.keptBoth.append((id, copyID))
                        } else {
                            report.trashKept.append((path, copy.path))
                        }
                    }
                } else if path.hasPrefix("trash/") {
                    if ourFiles[path] != nil {
                        let free = try freeTrashName(for: path, avoiding: theirs)
                        guard rename(store.root.appendingPathComponent(path).path, store.root.appendingPathComponent(free).path) == 0 else {
                            throw FileSystemError(operation: "keep a trashed copy as", path: free, errno: errno)
                        }
                        written.append(free)
                        report.trashKept.append((path, free))
                    }
                } else {
                    continue
                }
                try putTheirs(path, from: theirs)
                written.append(path)
            }
            if !written.isEmpty {
                let names = copies.map { "\($0.0) as \($0.1)" }.joined(separator: ", ")
                let message = copies.isEmpty
                    ? "sync: kept this machine's trashed copies that \(remote) also changed"
                    : "sync: kept this machine's version of \(names) (both machines changed it)"
                try history.commit(paths: written, message: message)
            }
        }

        // What the remote had that differed from ours: a session added identically on both is not news.
        let kept = Set(report.keptBoth.map(\.original))
        let sessionPaths = theirChanges.filter { Self.sessionID(of: $0) != nil }
        let before = try ours.map { try tree($0, sessionPaths) } ?? [:]
        let after = try tree(theirs, sessionPaths)
        report.broughtIn += sessionPaths.filter { after[$0] != nil && before[$0] != after[$0] }.compactMap(Self.sessionID(of:))
            .filter { !kept.contains($0) }

        // The resolve strategy never looks for renames: to git's rename detection a
        // session moved to the trash here and kept as a copy there look like one file
        // renamed two ways (and sessions/ like a folder renamed to trash/), a conflict
        // where there is none. Every path both sides changed is already settled above.
        var arguments = try repository.identityArguments() + ["merge", "--quiet", "--no-edit", "--no-verify",
                                                               "--allow-unrelated-histories", "-m", "sync: brought in \(remote)/\(branch)"]
            // (resolve needs a common commit; histories that start apart have no deletes to mistake for renames.)
            + (commonBase == nil ? ["-X", "no-renames"] : ["--strategy=resolve"]) + [theirs]
        if ours == nil { arguments = ["merge", "--quiet", "--ff-only", theirs] }
        let merge = try repository.attempt(arguments)
        if !merge.succeeded {
            if FileManager.default.fileExists(atPath: repository.gitFolder.appendingPathComponent("MERGE_HEAD").path) {
                let unmerged = GitRepository.fields(try repository.attempt(["diff", "--name-only", "-z", "--diff-filter=U"]).stdout)
                _ = try repository.attempt(["merge", "--abort"])
                throw GitError.mergeConflict(unmerged.isEmpty ? merge.reason : "both changed \(unmerged.joined(separator: ", "))")
            }
            throw repository.failure(of: merge, what: "merge")
        }
    }

    // MARK: Pieces

    /// The tree with nothing in it, for histories that share no commit.
    func emptyTree() throws -> String {
        try repository.run(["hash-object", "-t", "tree", "--stdin"], input: Data(), what: "hash-object").text
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func changedPaths(from base: String, to commit: String) throws -> [String] {
        GitRepository.fields(try repository.run(["diff", "--name-only", "-z", "--no-renames", base, commit, "--"],
                                                what: "diff").stdout)
    }

    /// path → blob id in `commit`, for the given paths (missing when the commit lacks one).
    func tree(_ commit: String, _ paths: [String]) throws -> [String: String] {
        var files: [String: String] = [:]
        guard !paths.isEmpty else { return files }
        // ls-tree takes paths as arguments; chunks keep the command line short.
        for chunk in stride(from: 0, to: paths.count, by: 500).map({ Array(paths[$0..<min($0 + 500, paths.count)]) }) {
            let output = try repository.run(["ls-tree", "-z", "--full-tree", commit, "--"] + chunk, what: "ls-tree").stdout
            for entry in GitRepository.fields(output) {
                guard let tab = entry.firstIndex(of: "\t") else { continue }
                let meta = entry[..<tab].split(separator: " ")
                if meta.count == 3 { files[String(entry[entry.index(after: tab)...])] = String(meta[2]) }
            }
        }
        return files
    }

    /// Whether `path` exists in `commit`.
    func exists(_ path: String, in commit: String) throws -> Bool {
        try repository.attempt(["cat-file", "-e", "\(commit):\(path)"]).succeeded
    }

    /// Writes the remote's version of `path` into the working tree (or removes it, when the remote has none).
    func putTheirs(_ path: String, from theirs: String) throws {
        let file = store.root.appendingPathComponent(path)
        if let content = try history.contents(["\(theirs):\(path)"]).first ?? nil {
            try AtomicFile.ensureFolder(file.deletingLastPathComponent(), mode: 0o700)
            try AtomicFile.write(content, to: file, mode: 0o600)
        } else if unlink(file.path) != 0, errno != ENOENT {
            throw FileSystemError(operation: "remove", path: file.path, errno: errno)
        }
    }

    /// Keeps this machine's version of a session both sides changed as a new session
    /// with a fresh id (or, when it cannot be read as a session, as a trashed copy).
    func keepOurs(of id: SessionID, avoiding theirs: String) throws -> (path: String, id: SessionID?) {
        let file = store.url(for: id)
        if let session = try? store.load(file: file) {
            // A free id here (ConflictCopy never replaces a file) and, checked after, in the remote's tree too.
            for _ in 0..<100 {
                let copy = try ConflictCopy.save(session, in: store, reason: "another machine changed it too; sync kept this machine's version here")
                if try !exists(StoreHistory.path(of: copy.id), in: theirs) {
                    return (StoreHistory.path(of: copy.id), copy.id)
                }
                _ = unlink(store.url(for: copy.id).path)
            }
        }
        let free = try freeTrashName(for: "trash/\(id.rawValue).json", avoiding: theirs)
        try AtomicFile.ensureFolder(store.trashFolder, mode: 0o700)
        try AtomicFile.write(try Data(contentsOf: file), to: store.root.appendingPathComponent(free), mode: 0o600)
        return (free, nil)
    }

    /// `trash/<id>.N.json` free here and in the remote's tree.
    func freeTrashName(for path: String, avoiding theirs: String) throws -> String {
        let name = (path as NSString).lastPathComponent
        var stem = name.hasSuffix(".json") ? String(name.dropLast(5)) : name
        if let dot = stem.lastIndex(of: "."), Int(stem[stem.index(after: dot)...]) != nil { stem = String(stem[..<dot]) }
        for number in 2...10_000 {
            let candidate = "trash/\(stem).\(number).json"
            if !FileManager.default.fileExists(atPath: store.root.appendingPathComponent(candidate).path),
               try !exists(candidate, in: theirs) {
                return candidate
            }
        }
        throw GitError.failed("sync", "no free name in the trash for \(name)")
    }

    /// Takes the editing lock of each session, waiting up to `editorWait` for the ones open in an editor.
    func lockSessions(_ ids: [SessionID]) throws -> [FileLock] {
        var held: [FileLock] = []
        var waiting = ids
        let start = ContinuousClock.now
        while true {
            var stillOpen: [SessionID] = []
            for id in waiting {
                do {
                    held.append(try store.lock(id))
                } catch StoreError.locked {
                    stillOpen.append(id)
                }
            }
            if stillOpen.isEmpty { return held }
            if ContinuousClock.now - start >= editorWait {
                held.forEach { $0.release() }
                throw GitError.sessionsOpen(stillOpen.map(\.rawValue))
            }
            waiting = stillOpen
            usleep(100_000)
        }
    }

    /// The session a path names, when it is a session file.
    static func sessionID(of path: String) -> SessionID? {
        guard path.hasPrefix("sessions/"), path.hasSuffix(".json") else { return nil }
        let name = path.dropFirst("sessions/".count).dropLast(5)
        guard !name.contains("/") else { return nil }
        return SessionID(String(name))
    }
}
