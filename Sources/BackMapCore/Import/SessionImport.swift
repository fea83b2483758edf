import Foundation

/// `backmap import`: adds sessions from session files and bundles to a store.
///
/// Nothing in the store is ever overwritten. A session whose id is new is
/// added; one identical to the stored session with its id is skipped; one that
/// differs from it is refused and named, and the stored file is left byte for
/// byte as it was. Each session is validated by the same rules as a session
/// file, so an import cannot put into the store what the store would refuse.
public enum SessionImport {
    /// What became of one session (or of a file that held none).
    public enum Outcome: Equatable, Sendable {
        case added(SessionID)
        case identical(SessionID)
        /// The store holds a different session with this id.
        case conflict(SessionID)
        /// Valid, but could not be added (written by a newer backmap, open in an editor, a disk error).
        case failed(SessionID, String)
        /// The file, or an entry of a bundle, is not a valid session.
        case invalid(String)
    }

    /// One outcome and where it came from ("a.json", "b.json sessions[3]").
    public struct Entry: Equatable, Sendable {
        public var source: String
        public var outcome: Outcome
    }

    /// Everything an import did, in order.
    public struct Report: Equatable, Sendable {
        public var entries: [Entry] = []

        public var added: [SessionID] { entries.compactMap { if case .added(let id) = $0.outcome { id } else { nil } } }
        public var identical: [SessionID] { entries.compactMap { if case .identical(let id) = $0.outcome { id } else { nil } } }
        public var conflicts: [SessionID] { entries.compactMap { if case .conflict(let id) = $0.outcome { id } else { nil } } }
        public var failed: [Entry] { entries.filter { if case .failed = $0.outcome { true } else { false } } }
        public var invalid: [Entry] { entries.filter { if case .invalid = $0.outcome { true } else { false } } }

        /// Nothing was refused, failed or invalid.
        public var isClean: Bool { conflicts.isEmpty && failed.isEmpty && invalid.isEmpty }

        /// "2 added, 1 skipped (identical), 1 refused (different session with the same id: 20261124-190211-a3f9)".
        public var summary: String {
            var parts = ["\(added.count) added", "\(identical.count) skipped (identical)"]
            if conflicts.isEmpty {
                parts.append("0 refused")
            } else {
                let shown = conflicts.prefix(10).map(\.rawValue).joined(separator: ", ")
                let more = conflicts.count > 10 ? " and \(conflicts.count - 10) more" : ""
                parts.append("\(conflicts.count) refused (different session with the same id: \(shown)\(more))")
            }
            if !failed.isEmpty { parts.append("\(failed.count) not added (see above)") }
            if !invalid.isEmpty { parts.append("\(invalid.count) invalid (see above)") }
            return parts.joined(separator: ", ")
        }

        /// One sentence per entry that needs the user's attention.
        public var problems: [String] {
            entries.compactMap { entry in
                switch entry.outcome {
                case .added, .identical: nil
                case .conflict(let id):
                    "\(entry.source): refused \(id): the store already holds a different session with this id; nothing was changed."
                case .failed(let id, let reason):
                    "\(entry.source): \(id) was not added: \(reason)"
                case .invalid(let reason):
                    "\(entry.source): \(reason)"
                }
            }
        }
    }

    /// Imports every file in order. A bundle is read a session at a time, so
    /// its size is not limited, only that of each session in it.
    public static func run(files: [URL], into store: SessionStore) -> Report {
        var report = Report()
        for file in files {
            let name = file.path
            do {
                let count = try SessionBundle.read(file: file) { item in
                    switch item {
                    case .session(let session):
                        report.entries.append(Entry(source: name, outcome: add(session, to: store)))
                    case .entry(let index, .success(let session)):
                        report.entries.append(Entry(source: "\(name) sessions[\(index)]", outcome: add(session, to: store)))
                    case .entry(_, .failure(let error)):
                        report.entries.append(Entry(source: name, outcome: .invalid(sentence(error))))
                    }
                }
                if count == 0 {
                    report.entries.append(Entry(source: name, outcome: .invalid("the bundle holds no sessions")))
                }
            } catch {
                report.entries.append(Entry(source: name, outcome: .invalid(sentence(error))))
            }
        }
        return report
    }

    /// Adds one session unless the store already has its id.
    public static func add(_ session: Session, to store: SessionStore) -> Outcome {
        // Compared before any lock is taken, so that a refused or skipped session
        // leaves the store exactly as it was, lock files included.
        if let existing = existingOutcome(session, in: store) { return existing }
        guard !session.isFromNewerVersion else {
            return .failed(session.id, "it was written by a newer backmap (format version \(session.version)), which this one cannot store unchanged")
        }
        let lock: FileLock
        do {
            lock = try store.lock(session.id)
        } catch {
            return .failed(session.id, sentence(error))
        }
        defer { lock.release() }
        // Someone may have added it between the first look and the lock.
        if let existing = existingOutcome(session, in: store) { return existing }
        do {
            try store.save(session)
            return .added(session.id)
        } catch {
            return .failed(session.id, sentence(error))
        }
    }

    private static func existingOutcome(_ session: Session, in store: SessionStore) -> Outcome? {
        let file = store.url(for: session.id)
        var info = stat()
        guard lstat(file.path, &info) == 0 else { return nil }
        do {
            return try store.load(file: file) == session ? .identical(session.id) : .conflict(session.id)
        } catch {
            return .failed(session.id, "the store's file for this id cannot be read (\(sentence(error))), so it was left alone")
        }
    }

    private static func sentence(_ error: Error) -> String {
        var text: String
        switch error {
        case let error as SessionFileError: text = error.description
        case let error as CustomStringConvertible: text = error.description
        default: text = String(describing: error)
        }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
