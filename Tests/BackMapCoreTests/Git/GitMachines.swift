import Foundation
import Testing
@testable import BackMapCore

/// Two machines and a remote, all on local disk: a bare repository `remote.git`
/// and stores cloned from it. git sees a private HOME with no configuration
/// (no identity either, so every commit also proves the fallback identity).
final class GitMachines {
    let folder: URL
    let environment: [String: String]
    let git: String
    var remote: URL { folder.appendingPathComponent("remote.git") }

    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("backmap-git-\(UUID().uuidString.prefix(8))", isDirectory: true)
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.path,
            "GIT_CONFIG_NOSYSTEM": "1",
        ]
        git = try #require(GitProcess.locate(environment: environment), "these tests need git on PATH")
        try run(["init", "-q", "--bare", "-b", "main", remote.path])
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// git outside any store (init, clone); fails the test with git's words.
    @discardableResult
    func run(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let output = try GitProcess.capture(git, arguments, environment: environment)
        #expect(output.succeeded, "git \(arguments.joined(separator: " ")): \(String(decoding: output.stderr, as: UTF8.self))",
                sourceLocation: sourceLocation)
        return output.text
    }

    /// The first machine: a store made a repository the way `backmap git init` does, pushed to the remote.
    func first(_ name: String = "a", sessions: [Session] = []) throws -> Machine {
        let store = SessionStore(root: folder.appendingPathComponent(name))
        try store.prepare()
        for session in sessions { try store.save(session) }
        try run(["-C", store.root.path, "init", "-q", "-b", "main"])
        let machine = try Machine(store: store, environment: environment)
        try machine.history.afterInit()
        try machine.git(["remote", "add", "origin", remote.path])
        _ = try machine.sync()
        return machine
    }

    /// Another machine: a clone of the remote.
    func clone(_ name: String) throws -> Machine {
        let root = folder.appendingPathComponent(name)
        try run(["clone", "-q", remote.path, root.path])
        let store = SessionStore(root: root)
        try store.prepare()
        return try Machine(store: store, environment: environment)
    }
}

/// One store that is a git repository.
struct Machine {
    let store: SessionStore
    let history: StoreHistory

    init(store: SessionStore, environment: [String: String]) throws {
        self.store = store
        history = try #require(try StoreHistory.of(root: store.root, environment: environment))
    }

    @discardableResult
    func git(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let output = try history.repository.attempt(arguments)
        #expect(output.succeeded, "git \(arguments.joined(separator: " ")): \(String(decoding: output.stderr, as: UTF8.self))",
                sourceLocation: sourceLocation)
        return output.text
    }

    func sync(editorWait: Duration = .seconds(10)) throws -> StoreSync.Report {
        try StoreSync(store: store, history: history, editorWait: editorWait).run()
    }

    /// `git status --porcelain`, which is empty when everything is committed.
    var status: String { get throws { try git(["status", "--porcelain", "--untracked-files=all"]) } }

    /// The first line of the last commit's message.
    var lastSubject: String { get throws { try git(["log", "-1", "--format=%s"]).trimmingCharacters(in: .whitespacesAndNewlines) } }

    var ids: [String] { store.scan().summaries.map(\.id.rawValue).sorted() }

    func bytes(_ id: SessionID) throws -> Data { try Data(contentsOf: store.url(for: id)) }
}

/// Sessions for these tests: a day of November, some marks, a note.
enum GitFixtures {
    static func session(_ day: Int, marks count: Int = 2, note: String? = nil) throws -> Session {
        let start = try #require(Timestamp(iso8601: String(format: "2026-11-%02d", day) + "T19:02:11+01:00"))
        let id = try #require(SessionID(String(format: "202611%02d-190211-%04x", day, day)))
        var session = Session(id: id, startedAt: start, note: note)
        for index in 0..<count { session.marks.append(mark(index, at: start)) }
        return session
    }

    static func mark(_ index: Int, at start: Timestamp, pass: Int = 1) -> Mark {
        let zone = Zone.all[index % Zone.all.count]
        return Mark(at: start, pass: pass, zone: zone, tightness: Tightness(rawValue: index % 4))
    }
}
