import Foundation

/// The store's history in git: a commit for each finished change, every earlier
/// version of a session within reach.
///
/// Only `sessions/` and `trash/` are ever committed by backmap (and, once, the
/// `.gitignore` that `backmap git init` writes): each commit names its files by
/// path, so a file the user staged by hand elsewhere stays out of it. A commit
/// comes after the save it records, which is already durable; when git fails,
/// the change waits in the working tree and the next commit takes it along.
public struct StoreHistory: Sendable {
    public let root: URL
    let repository: GitRepository

    /// The history of the store at `root`, or nil when the store is not a git
    /// repository (one stat: a store without git pays nothing more).
    /// Throws `.missing` when it is one but git is not installed.
    public static func of(root: URL, environment: [String: String] = ProcessEnvironment.current) throws(GitError) -> StoreHistory? {
        guard GitRepository.exists(at: root) else { return nil }
        return StoreHistory(repository: try GitRepository(root: root, environment: environment))
    }

    init(repository: GitRepository) {
        self.repository = repository
        self.root = repository.root
    }

    /// The history of a store that must be a repository (history, restore, sync).
    public static func required(root: URL, environment: [String: String] = ProcessEnvironment.current) throws(GitError) -> StoreHistory {
        guard let history = try of(root: root, environment: environment) else {
            _ = try GitRepository(root: root, environment: environment)
            throw .notARepository(root.path)
        }
        return history
    }

    // MARK: Committing

    /// Commits every change pending under `sessions/` and `trash/`.
    ///
    /// `headline` is the message when its file is among the changes (an editor
    /// visit names its session); anything else pending, from a commit that failed
    /// earlier, is listed below it. Returns the message, or nil when nothing was
    /// pending. `lockWait` is how long a `.git/index.lock` may stand before giving up.
    @discardableResult
    public func commitPending(headline: (path: String, text: String)? = nil,
                              lockWait: Duration = .seconds(5)) throws(GitError) -> String? {
        try repository.waitForIndexLock(limit: lockWait)
        // Three git runs, the least that works: stage the two folders, read what is
        // staged (index against HEAD, no second scan of the files), commit.
        let folders = ["sessions", "trash"].filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) }
        guard !folders.isEmpty else { return nil }
        try repository.run(["add", "--all", "--"] + folders, what: "add")
        let staged = try stagedChanges()
        let changes = staged.filter { $0.path.hasPrefix("sessions/") || $0.path.hasPrefix("trash/") }
        guard !changes.isEmpty else { return nil }
        let message = CommitMessage.make(for: changes, headline: headline)
        if changes.count == staged.count {
            try commitIndex(["-m", message])
        } else {
            // Something the user staged elsewhere stays staged and out of this commit.
            let list = Data(changes.map(\.path).joined(separator: "\u{0}").utf8) + Data([0])
            try commitIndex(["-m", message, "--pathspec-from-file=-", "--pathspec-file-nul"], input: list)
        }
        return message
    }

    /// A commit of exactly these paths (added, changed or deleted), whatever else is staged.
    func commit(paths: [String], message: String) throws(GitError) {
        let list = Data(paths.joined(separator: "\u{0}").utf8) + Data([0])
        try repository.run(["add", "--all", "--pathspec-from-file=-", "--pathspec-file-nul"], input: list, what: "add")
        try commitIndex(["-m", message, "--pathspec-from-file=-", "--pathspec-file-nul"], input: list)
    }

    /// `git commit` with the user's identity, or, when git has none it can use, a local one
    /// (asked for only then: one git run fewer on every commit of a configured machine).
    func commitIndex(_ arguments: [String], input: Data? = nil) throws(GitError) {
        let command = ["commit", "--quiet", "--no-verify", "--no-gpg-sign", "--no-edit"] + arguments
        let first = try repository.attempt(command, input: input)
        if first.succeeded { return }
        let text = String(decoding: first.stderr, as: UTF8.self)
        guard ["tell me who you are", "auto-detect", "empty ident", "user.email", "user.name"].contains(where: text.contains) else {
            throw repository.failure(of: first, what: "commit")
        }
        try repository.run(try repository.identityArguments() + command, input: input, what: "commit")
    }

    /// What the index holds that HEAD does not, as porcelain-like two-letter codes.
    func stagedChanges() throws(GitError) -> [CommitMessage.Change] {
        let output = try repository.run(["diff", "--cached", "--name-status", "-z", "--no-renames"], what: "diff")
        let fields = GitRepository.fields(output.stdout)
        return stride(from: 0, to: fields.count - 1, by: 2).map { index in
            CommitMessage.Change(code: fields[index] + " ", path: fields[index + 1])
        }
    }

    /// What differs under `sessions/` and `trash/` from the last commit.
    func pendingChanges() throws(GitError) -> [CommitMessage.Change] {
        let output = try repository.run(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames",
                                         "--", "sessions", "trash"], what: "status")
        return GitRepository.fields(output.stdout).compactMap { entry in
            guard entry.count > 3 else { return nil }
            let code = String(entry.prefix(2))
            return CommitMessage.Change(code: code, path: String(entry.dropFirst(3)))
        }
    }

    /// The path of a session file inside the store, as git names it.
    public static func path(of id: SessionID) -> String { "sessions/\(id.rawValue).json" }

    /// The headline of an editor visit: "20261124-190211-a3f9: 14 marks, pass 2".
    public static func visitHeadline(_ session: Session) -> (path: String, text: String) {
        let marks = session.marks.count == 1 ? "1 mark" : "\(session.marks.count) marks"
        return (path(of: session.id), "\(session.id): \(marks), pass \(session.lastPass)")
    }

    // MARK: Setting up

    /// What `backmap git init` writes to `.gitignore`: everything that belongs to one machine.
    public static let ignoreRules = """
        # Written by `backmap git init`: what stays on this machine.
        # Who is editing what, right now, here.
        /locks/
        # A cache of the session list, rebuilt from the files.
        /sessions.index
        # Temporary files of a save or an index write in progress.
        .*.tmp-*
        *.tmp
        *~

        """

    /// After `git init`: writes `.gitignore` (kept if the user already has one that
    /// covers it) and makes the first commit, of it and of the sessions already there.
    @discardableResult
    public func afterInit() throws(GitError) -> String? {
        let ignore = root.appendingPathComponent(".gitignore")
        let existing = (try? String(contentsOf: ignore, encoding: .utf8)) ?? ""
        let missing = Self.ignoreRules.split(separator: "\n").filter { line in
            !line.hasPrefix("#") && !existing.split(separator: "\n").contains(line)
        }
        if existing.isEmpty || !missing.isEmpty {
            let text = existing.isEmpty ? Self.ignoreRules : existing + (existing.hasSuffix("\n") ? "" : "\n") + Self.ignoreRules
            do {
                try AtomicFile.write(Data(text.utf8), to: ignore, mode: 0o600)
            } catch {
                throw .failed("init", error.description)
            }
        }
        let changes = try pendingChanges()
        let ignoreChanged = try !repository.run(["status", "--porcelain", "--", ".gitignore"]).stdout.isEmpty
        guard ignoreChanged || !changes.isEmpty else { return nil }
        let count = changes.filter { $0.path.hasPrefix("sessions/") }.count
        let message = "backmap: history starts" + (count > 0 ? " (\(count) session\(count == 1 ? "" : "s") so far)" : "")
        try commit(paths: [".gitignore"] + changes.map(\.path), message: message)
        return message
    }
}
