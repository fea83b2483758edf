import Foundation

/// The folder of session files, and every way the program touches it.
///
/// Layout: `sessions/<id>.json` (one file per session), `trash/` (sessions the
/// user deleted, recoverable by moving them back), `locks/` (one lock file per
/// session open in an editor). A file that cannot be read or is not valid is
/// reported and never changed, moved or deleted.
public final class SessionStore {
    public let root: URL
    public var sessionsFolder: URL { root.appendingPathComponent("sessions", isDirectory: true) }
    public var trashFolder: URL { root.appendingPathComponent("trash", isDirectory: true) }
    var locksFolder: URL { root.appendingPathComponent("locks", isDirectory: true) }

    public init(root: URL) {
        self.root = root
    }

    /// Creates the store's folders (0700) if they are missing.
    public func prepare() throws {
        for folder in [root, sessionsFolder, trashFolder, locksFolder] {
            try AtomicFile.ensureFolder(folder, mode: 0o700)
        }
    }

    public func url(for id: SessionID) -> URL {
        sessionsFolder.appendingPathComponent(id.rawValue + ".json")
    }

    // MARK: Reading

    /// Every session's summary, and every file that could not be used with the reason.
    /// Unchanged files are taken from the summary index (see IndexedScan.swift).
    public func scan() -> StoreScan {
        indexedScan()
    }

    /// Loads the session with this id.
    public func load(_ id: SessionID) throws -> Session {
        let file = url(for: id)
        do {
            return try load(file: file)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.badFile(file, Self.reason(error))
        }
    }

    /// Loads the session with this id with the file's bytes, to export it exactly as stored.
    public func loadStored(_ id: SessionID) throws -> (session: Session, bytes: Data) {
        let file = url(for: id)
        do {
            return try loadStored(file: file)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.badFile(file, Self.reason(error))
        }
    }

    /// Loads and validates one file, checking that its name matches its id.
    public func load(file: URL) throws -> Session {
        try loadStored(file: file).session
    }

    private func loadStored(file: URL) throws -> (session: Session, bytes: Data) {
        let data = try BoundedRead.data(at: file, limit: SessionLimits.fileBytes, what: "a session file")
        let session = try SessionCodec.decode(data)
        let expected = session.id.rawValue + ".json"
        guard file.lastPathComponent == expected else {
            throw SessionFileError.invalidSession("its id \(session.id) does not match the file name (expected \(expected))")
        }
        return (session, data)
    }

    /// Finds the session a command-line reference names; with `subject`, `last`,
    /// `last~N`, dates and prefixes count only that subject's sessions.
    public func resolve(_ text: String, in scan: StoreScan? = nil, subject: String? = nil) throws -> SessionSummary {
        guard let ref = SessionRef(text) else { throw RefError.malformed(text) }
        let scan = scan ?? self.scan()
        do {
            return try ref.resolve(in: scan.summaries, subject: subject)
        } catch {
            let prefix: String
            switch error {
            case .unknown(let text), .unknownInSubject(let text, _): prefix = text
            default: throw error
            }
            // The id of a file that cannot be read: its reason, not "no session matches".
            let bad = scan.problems.filter { $0.file.lastPathComponent.hasPrefix(prefix) && $0.file.pathExtension == "json" }
            if bad.count == 1 { throw StoreError.badFile(bad[0].file, bad[0].reason) }
            throw error
        }
    }

    // MARK: Writing

    /// Writes the session atomically and durably, refusing what must not be written.
    public func save(_ session: Session) throws {
        guard !session.isFromNewerVersion else {
            throw StoreError.newerVersion(session.id, session.version)
        }
        if let problem = session.validationProblem {
            throw StoreError.invalid(session.id, problem)
        }
        try prepare()
        let data = try SessionCodec.encode(session)
        try AtomicFile.write(data, to: url(for: session.id), mode: 0o600)
    }

    /// A new session with a fresh id that no file in the store uses yet.
    public func makeSession(subject: String = "me", technique: Technique = .skinRolling,
                            at time: Timestamp = .now()) -> Session {
        var id = SessionID.make(at: time)
        while FileManager.default.fileExists(atPath: url(for: id).path) {
            id = SessionID.make(at: time)
        }
        return Session(id: id, startedAt: time, subject: subject, technique: technique)
    }

    /// Moves a session to `trash/`; bring it back by moving the file back into `sessions/`.
    ///
    /// Never replaces a file already in the trash, even when two programs trash
    /// at once: the file is hard-linked under a free name (link() refuses an
    /// existing one, so a name taken meanwhile just means trying the next) and
    /// only then removed from `sessions/`. rename() would silently replace a
    /// copy another program put there between the check and the move.
    ///
    /// A session open in an editor is refused like a second editor (StoreError.locked):
    /// the trash takes the session's lock for the move, so the editor's next save
    /// cannot bring the session back while an older copy sits in the trash.
    @discardableResult
    public func moveToTrash(_ id: SessionID) throws -> URL {
        try prepare()
        let lock: FileLock
        do {
            lock = try self.lock(id)
        } catch StoreError.locked(let id, let holder) {
            throw StoreError.openElsewhere(id, holder: holder)
        }
        defer { lock.release() }
        let source = url(for: id)
        for copy in 1...Self.trashCopies {
            let target = trashFolder.appendingPathComponent(copy == 1 ? source.lastPathComponent : "\(id.rawValue).\(copy).json")
            if link(source.path, target.path) != 0 {
                let error = errno
                if error == EEXIST { continue }
                guard [EPERM, EXDEV, ENOTSUP, ENOSYS].contains(error) else {
                    throw StoreError.io(FileSystemError(operation: "move to the trash", path: source.path, errno: error))
                }
                // A file system without hard links: rename into a name free just now, the best it allows.
                if FileManager.default.fileExists(atPath: target.path) { continue }
                guard rename(source.path, target.path) == 0 else {
                    throw StoreError.io(FileSystemError(operation: "move to the trash", path: source.path, errno: errno))
                }
            } else if !Self.sameFile(source, target) {
                // A save replaced the session between link() and now: trash what is there now.
                _ = unlink(target.path)
                continue
            } else if unlink(source.path) != 0 {
                let error = errno
                // Another program trashed the same file meanwhile: its copy stands, ours is a second name for it.
                _ = unlink(target.path)
                throw StoreError.io(FileSystemError(operation: "move to the trash", path: source.path, errno: error))
            }
            _ = AtomicFile.syncFolder(sessionsFolder.path)
            _ = AtomicFile.syncFolder(trashFolder.path)
            return target
        }
        throw StoreError.io(FileSystemError(operation: "move to the trash", path: source.path, errno: EEXIST))
    }

    /// Whether two paths name one file (the same inode), as a hard link and its original do.
    static func sameFile(_ a: URL, _ b: URL) -> Bool {
        var first = stat()
        var second = stat()
        guard stat(a.path, &first) == 0, stat(b.path, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// How many trashed copies of one id the trash holds before trashing gives up.
    static let trashCopies = 10_000

    /// Takes the editing lock of a session; a second editor of the same session is refused.
    public func lock(_ id: SessionID) throws -> FileLock {
        try prepare()
        do {
            return try FileLock.acquire(at: locksFolder.appendingPathComponent(id.rawValue + ".lock"))
        } catch let busy as FileLock.Busy {
            throw StoreError.locked(id, holder: busy.holderPID)
        }
    }

    /// Clears temporaries that a killed writer left behind: session files in
    /// `sessions/`, the summary index in the store folder.
    public func tidy() {
        AtomicFile.removeStaleTemporaries(in: sessionsFolder)
        AtomicFile.removeStaleTemporaries(in: root)
    }

    static let badNameReason = "its name is not <id>.json with an id of letters, digits, '-', '_' or '.', so it is not read"

    static func reason(_ error: Error) -> String {
        switch error {
        case let error as SessionFileError: return error.description
        case let error as StoreError: return error.description
        case let error as CustomStringConvertible: return error.description
        default: return String(describing: error)
        }
    }
}

/// The result of reading the whole store.
public struct StoreScan: Equatable, Sendable {
    /// Oldest first.
    public var summaries: [SessionSummary] = []
    public var problems: [StoreProblem] = []
    public init() {}
}

/// A file in the store that could not be used, and why.
public struct StoreProblem: Hashable, Sendable, CustomStringConvertible {
    public var file: URL
    public var reason: String
    public var description: String { "\(file.path): \(reason)" }
}

/// Store failures a person can act on.
public enum StoreError: Error, CustomStringConvertible {
    case badFile(URL, String)
    case newerVersion(SessionID, Int)
    case invalid(SessionID, String)
    case locked(SessionID, holder: Int32?)
    case io(FileSystemError)
    /// The store exists but cannot be read: the store folder, and why.
    case unreadable(URL, String)
    /// Not moved to the trash: an editor has the session open.
    case openElsewhere(SessionID, holder: Int32?)
    /// Not saved: the file is no longer the one last read or written (see `save(_:ifStill:)`).
    case changedOnDisk(SessionID)

    public var description: String {
        switch self {
        case .badFile(let file, let reason):
            return "\(file.path) cannot be used: \(reason)."
        case .newerVersion(let id, let version):
            return "Session \(id) was written by a newer backmap (format version \(version)); it is shown but never rewritten."
        case .invalid(let id, let problem):
            return "Session \(id) was not saved: \(problem)."
        case .locked(let id, let holder):
            let who = holder.map { " (process \($0))" } ?? ""
            return "Session \(id) is already open in another backmap\(who); close that one first."
        case .io(let error):
            return error.description
        case .openElsewhere(let id, let holder):
            let who = holder.map { " (process \($0))" } ?? ""
            return "Session \(id) is open in an editor\(who); not trashed."
        case .changedOnDisk(let id):
            return "Session \(id) changed on disk since it was opened, so it was not overwritten."
        case .unreadable(let root, let reason):
            return "The store \(root.path) cannot be read: \(reason)."
        }
    }
}
