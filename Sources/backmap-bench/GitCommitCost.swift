import BackMapCore
import Foundation

/// SPEC 8 / issue 15: what the commit after an editor visit costs when the store is a
/// git repository: the save is done, then `StoreHistory.commitPending` (git status of
/// sessions/ and trash/, add, commit: three git processes) runs before the editor
/// closes. Measured in-process on the synthetic store made a repository, one session
/// changed per run as an editor visit changes it.
enum GitCommitCost {
    static func measure(sessions: Int, runs: Int) throws -> String {
        log("writing \(sessions) sessions …")
        let synthetic = try SyntheticStore.make(sessions: sessions)
        defer { synthetic.remove() }
        let store = SessionStore(root: synthetic.root)
        guard let git = GitProcess.locate() else { throw BenchError("git is not installed") }
        log("git init and the first commit of every session …")
        let initialized = try GitProcess.capture(git, ["-C", store.root.path, "init", "-q"], environment: ProcessInfo.processInfo.environment)
        guard initialized.succeeded else { throw BenchError("git init failed: \(initialized.reason)") }
        guard let history = try StoreHistory.of(root: store.root) else { throw BenchError("no repository after git init") }
        try history.afterInit()
        letFilesSettle()
        let ids = store.scan().summaries.map(\.id).suffix(runs)
        var durations: [Double] = []
        for id in ids {
            var session = try store.load(id)
            session.note = (session.note ?? "") + " (edited)"
            try store.save(session)
            let start = Clock.now()
            guard try history.commitPending(headline: StoreHistory.visitHeadline(session)) != nil else {
                throw BenchError("nothing was committed after changing \(id)")
            }
            durations.append(Clock.milliseconds(from: start, to: Clock.now()))
        }
        let met = (median(durations) ?? .infinity) < 100 ? "yes" : "NO"
        return "commit after an editor visit, store a git repository (\(sessions) sessions, median of \(durations.count)): "
            + "\(Report.ms(median(durations))) (slowest \(Report.ms(durations.max()))), target < 100 ms: \(met)"
    }
}
