import Foundation
import Glibc

/// The git repository of a store folder, run as `git` child processes.
///
/// GIT_DIR and GIT_WORK_TREE are always set to the store: a store kept inside
/// some other repository (a dotfiles checkout of the home folder, say) must
/// never commit there, and variables the user exported for another repository
/// must not leak in. Internal runs get no pager, no editor, no prompt for
/// credentials, English messages and literal pathspecs (a session file name
/// is never a glob); `run(attached:)` leaves the user's choices alone.
public struct GitRepository: Sendable {
    public let root: URL
    public var gitFolder: URL { root.appendingPathComponent(".git", isDirectory: true) }
    let git: String

    /// The repository of `root`; throws `.missing` when git is not installed.
    public init(root: URL, environment: [String: String] = ProcessEnvironment.current) throws(GitError) {
        guard let git = GitProcess.locate(environment: environment) else { throw .missing }
        self.root = root
        self.git = git
        self.environment = environment
    }

    private let environment: [String: String]

    /// Whether the store folder has a `.git`: one stat, so a store without git pays nothing.
    public static func exists(at root: URL) -> Bool {
        var info = stat()
        return lstat(root.appendingPathComponent(".git").path, &info) == 0
    }

    /// Variables that would point git at some other repository or index.
    private static let locationVariables: Set<String> = [
        "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_COMMON_DIR",
        "GIT_PREFIX", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM",
    ]

    /// The environment for `backmap git ARGS…`: the user's, pointed at the store.
    var userEnvironment: [String: String] {
        var env = environment.filter { !Self.locationVariables.contains($0.key) }
        env["GIT_DIR"] = gitFolder.path
        env["GIT_WORK_TREE"] = root.path
        return env
    }

    /// The environment for backmap's own runs.
    var quietEnvironment: [String: String] {
        var env = userEnvironment.filter { !$0.key.hasPrefix("LC_") && $0.key != "LANG" && $0.key != "GIT_CONFIG_PARAMETERS" }
        env["LC_ALL"] = "C"
        env["GIT_PAGER"] = "cat"
        env["PAGER"] = "cat"
        env["GIT_EDITOR"] = "true"
        env["GIT_SEQUENCE_EDITOR"] = "true"
        env["GIT_MERGE_AUTOEDIT"] = "no"
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["GIT_LITERAL_PATHSPECS"] = "1"
        // status must not rewrite the index behind a user's own git command.
        env["GIT_OPTIONAL_LOCKS"] = "0"
        return env
    }

    /// `git ARGS…` on the user's terminal, in the store; its exit status.
    ///
    /// `init` and `clone` run in the store folder without GIT_DIR and GIT_WORK_TREE:
    /// with them, `git init` would write the store's absolute path into the
    /// repository's configuration, and a moved store would point at its old place.
    public func run(attached arguments: [String]) throws(GitError) -> Int32 {
        do {
            try AtomicFile.ensureFolder(root, mode: 0o700)
        } catch {
            throw .failed(arguments.first ?? "", error.description)
        }
        // -C: relative paths are the store's, whatever folder the user is in.
        let creates = ["init", "clone"].contains(arguments.first ?? "")
        let env = creates ? environment.filter { !Self.locationVariables.contains($0.key) } : userEnvironment
        return try GitProcess.attached(git, ["-C", root.path] + arguments, environment: env)
    }

    /// A captured run; throws with git's reason when it fails (a lock left behind is named).
    @discardableResult
    func run(_ arguments: [String], input: Data? = nil, what: String? = nil) throws(GitError) -> GitProcess.Output {
        let output = try attempt(arguments, input: input)
        guard output.succeeded else { throw failure(of: output, what: what ?? arguments.first ?? "") }
        return output
    }

    /// A captured run whose failure the caller looks at.
    func attempt(_ arguments: [String], input: Data? = nil) throws(GitError) -> GitProcess.Output {
        try GitProcess.capture(git, ["-C", root.path, "-c", "gc.auto=0", "-c", "core.quotePath=false"] + arguments,
                               environment: quietEnvironment, input: input)
    }

    /// The error for a failed run: a git lock left behind is named as such.
    func failure(of output: GitProcess.Output, what: String) -> GitError {
        let text = String(decoding: output.stderr, as: UTF8.self)
        if text.contains(".lock': File exists") || text.contains(".lock': file exists") {
            let path = text.split(separator: "'").first(where: { $0.hasSuffix(".lock") }).map(String.init)
            return .locked(path ?? gitFolder.appendingPathComponent("index.lock").path)
        }
        if text.contains("not a git repository") { return .notARepository(root.path) }
        return .failed(what, output.reason)
    }

    /// Waits (up to `limit`) for a `.git/index.lock` to go: a git run a killed backmap
    /// left going finishes in a moment. One still there is named in the error.
    func waitForIndexLock(limit: Duration = .seconds(5)) throws(GitError) {
        let lock = gitFolder.appendingPathComponent("index.lock").path
        let start = ContinuousClock.now
        while access(lock, F_OK) == 0 {
            if ContinuousClock.now - start > limit { throw .locked(lock) }
            usleep(20_000)
        }
    }

    /// `-c user.name=… -c user.email=…` when git has no identity configured, so a
    /// commit never fails for want of one: the login name at this machine's name.
    func identityArguments() throws(GitError) -> [String] {
        let configured = try attempt(["config", "--get-regexp", "^user\\.(name|email)$"]).text
        let keys = Set(configured.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        var arguments: [String] = []
        let user = environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "backmap"
        if !keys.contains("user.name") { arguments += ["-c", "user.name=\(user)"] }
        if !keys.contains("user.email") {
            var host = [CChar](repeating: 0, count: 256)
            let name = gethostname(&host, host.count - 1) == 0
                ? String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "localhost"
            arguments += ["-c", "user.email=\(user)@\(name.isEmpty ? "localhost" : name)"]
        }
        return arguments
    }

    /// The commit HEAD names, or nil on a branch with no commit yet.
    func head() throws(GitError) -> String? {
        let output = try attempt(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
        if output.succeeded { return output.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        if output.status == 1 || output.stderr.isEmpty { return nil }
        throw failure(of: output, what: "rev-parse")
    }

    /// NUL-separated fields of `git` output, without the empty last one.
    static func fields(_ data: Data) -> [String] {
        data.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            .dropLast(data.last == 0 ? 1 : 0).map { $0 }
    }
}
