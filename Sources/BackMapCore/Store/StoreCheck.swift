import Foundation

/// `backmap check`: reads every file of a store and names each one that
/// cannot be used, with the reason (line and column for bad JSON). It only
/// reads: nothing is changed, moved or deleted.
public struct StoreCheck: Sendable {
    /// Valid sessions found.
    public var sessionCount: Int
    /// Files that cannot be used, sorted by name.
    public var problems: [StoreProblem]
    /// False when the store folder does not exist yet.
    public var storeExists: Bool

    public var isClean: Bool { problems.isEmpty }

    public init(_ store: SessionStore) {
        var isFolder: ObjCBool = false
        storeExists = FileManager.default.fileExists(atPath: store.root.path, isDirectory: &isFolder) && isFolder.boolValue
        let scan = store.scan()
        sessionCount = scan.summaries.count
        var problems = scan.problems
        // Anything else visible in sessions/ is not read by backmap at all; a
        // session saved under a wrong name would silently be missing, so say so.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: store.sessionsFolder.path)) ?? []
        for name in names where !name.hasPrefix(".") && !name.hasSuffix(".json") {
            problems.append(StoreProblem(
                file: store.sessionsFolder.appendingPathComponent(name),
                reason: "not read: only files named <id>.json in sessions/ are sessions"))
        }
        self.problems = problems.sorted { $0.file.path < $1.file.path }
    }

    /// "12 sessions, all valid." or "12 sessions, 2 files with problems."
    public var summary: String {
        let sessions = sessionCount == 1 ? "1 session" : "\(sessionCount) sessions"
        if problems.isEmpty { return "\(sessions), all valid." }
        return "\(sessions), \(problems.count) file\(problems.count == 1 ? "" : "s") with problems."
    }
}
