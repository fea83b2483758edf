import Foundation
import Glibc

/// Where a session goes when the program must end and the store will not take it
/// (a full disk, a read-only or vanished store): a fresh private folder holding
/// `<id>.json`, ready to be moved into `sessions/`, and found again by the next
/// start of backmap on the same store, which offers to bring it back.
///
/// The folder is made with `mkdtemp`, so it is new, ours and 0700: in a shared
/// `/tmp` nobody can have prepared a link or a folder there to catch the file.
/// It is made in the first of these that takes it: `$XDG_STATE_HOME/backmap/rescue`
/// (or `~/.local/state/backmap/rescue`), which survives a reboot; `$TMPDIR`;
/// `/tmp`; `$HOME`. Beside the session it keeps `store` (which store it belongs
/// to) and, when the session had been saved before, `base` (the file as the
/// program last read or wrote it), so that restoring can tell a newer version
/// of the same edit from a file someone else changed meanwhile.
public enum RescueCopy {
    /// Writes the session and returns the file.
    /// - Parameters:
    ///   - store: the store it could not be saved in; without it the copy is not offered at the next start.
    ///   - base: the bytes of the session's file as last read or written (nil: none was).
    public static func write(_ session: Session, from store: SessionStore? = nil, base: Data? = nil,
                             environment: [String: String] = ProcessEnvironment.current) throws -> URL {
        let data = try SessionCodec.encode(session)
        var lastError: Error = FileSystemError(operation: "write a rescue copy in", path: "/tmp", errno: ENOENT)
        for base_ in places(environment) {
            if base_.hasSuffix("/backmap/rescue") {
                // The known place may not exist yet; a failure here just means the next place.
                do { try AtomicFile.ensureFolder(URL(fileURLWithPath: base_), mode: 0o700) } catch {
                    lastError = error
                    continue
                }
            }
            var template = Array("\(base_)/\(folderPrefix)XXXXXX".utf8CString)
            let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
                guard let start = buffer.baseAddress, let folder = mkdtemp(start) else { return nil }
                return String(cString: folder)
            }
            guard let path = made else {
                lastError = FileSystemError(operation: "write a rescue copy in", path: base_, errno: errno)
                continue
            }
            let folder = URL(fileURLWithPath: path)
            let file = folder.appendingPathComponent(session.id.rawValue + ".json")
            do {
                // The session last: a folder holding it always says where it belongs.
                if let store { try AtomicFile.write(Data((storePath(store) + "\n").utf8), to: folder.appendingPathComponent("store")) }
                if let base { try AtomicFile.write(base, to: folder.appendingPathComponent("base")) }
                try AtomicFile.write(data, to: file, mode: 0o600)
                return file
            } catch {
                lastError = error
                for name in ["store", "base", file.lastPathComponent] { unlink(folder.appendingPathComponent(name).path) }
                rmdir(folder.path)
            }
        }
        throw lastError
    }

    /// A rescue copy found for a store.
    public struct Found: Equatable, Sendable {
        /// The session file in its rescue folder.
        public var file: URL
        public var session: Session
        /// The store's file as the program last read or wrote it, if it had one.
        public var base: Data?
        /// When the copy was written.
        public var writtenAt: Date
    }

    /// The rescue copies written for this store and not yet restored or deleted,
    /// oldest first. Only folders of this user, made as `write` makes them, are
    /// looked at; a copy that is not a valid session is left alone.
    public static func find(for store: SessionStore,
                            environment: [String: String] = ProcessEnvironment.current) -> [Found] {
        let wanted = storePath(store) + "\n"
        var found: [Found] = []
        var seen = Set<String>()
        for base in places(environment) where seen.insert(base).inserted {
            for name in DirectoryNames.starting(with: folderPrefix, in: base) {
                let folder = URL(fileURLWithPath: base).appendingPathComponent(name)
                var info = stat()
                guard lstat(folder.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid(),
                      let origin = try? BoundedRead.data(at: folder.appendingPathComponent("store"), limit: 8_192),
                      String(decoding: origin, as: UTF8.self) == wanted else { continue }
                let baseBytes = try? BoundedRead.data(at: folder.appendingPathComponent("base"), limit: SessionLimits.fileBytes)
                for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where file.hasSuffix(".json") {
                    let url = folder.appendingPathComponent(file)
                    guard let data = try? BoundedRead.data(at: url, limit: SessionLimits.fileBytes, what: "a session file"),
                          let session = try? SessionCodec.decode(data), file == session.id.rawValue + ".json" else { continue }
                    var fileInfo = stat()
                    let written = lstat(url.path, &fileInfo) == 0 ? Date(timeIntervalSince1970: TimeInterval(fileInfo.st_mtim.tv_sec)) : Date()
                    found.append(Found(file: url, session: session, base: baseBytes, writtenAt: written))
                }
            }
        }
        return found.sorted { ($0.writtenAt, $0.file.path) < ($1.writtenAt, $1.file.path) }
    }

    /// What restoring a rescue copy did.
    public enum Restored: Equatable, Sendable {
        /// The copy is now the session's file.
        case restored(SessionID)
        /// The store already holds exactly this session.
        case alreadyInStore(SessionID)
        /// The store's file had changed since: the copy became a new session beside it.
        case keptAsCopy(of: SessionID, as: SessionID)
    }

    /// Brings a rescue copy back into the store and deletes it from its folder.
    ///
    /// The session's file is replaced only if it is still what the program that
    /// wrote the copy last read or wrote (or there is none); otherwise both
    /// survive: the copy becomes a new session with a note naming the original.
    /// A session open in an editor is refused, as for a second editor.
    @discardableResult
    public static func restore(_ found: Found, into store: SessionStore) throws -> Restored {
        let id = found.session.id
        let lock = try store.lock(id)
        defer { lock.release() }
        let current = try store.storedBytes(of: id)
        let outcome: Restored
        if current == nil || current == found.base {
            try store.save(found.session)
            outcome = .restored(id)
        } else if let current, (try? SessionCodec.decode(current)) == found.session {
            outcome = .alreadyInStore(id)
        } else {
            let copy = try ConflictCopy.save(found.session, in: store, reason: "kept from a rescue copy, as the session had changed since")
            outcome = .keptAsCopy(of: id, as: copy.id)
        }
        discard(found)
        return outcome
    }

    /// Deletes a rescue copy, and its folder once nothing else is in it.
    public static func discard(_ found: Found) {
        let folder = found.file.deletingLastPathComponent()
        unlink(found.file.path)
        let rest = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        if !rest.contains(where: { $0.hasSuffix(".json") }) {
            for name in rest where name == "store" || name == "base" { unlink(folder.appendingPathComponent(name).path) }
            rmdir(folder.path)
        }
        _ = AtomicFile.syncFolder(folder.deletingLastPathComponent().path)
    }

    static let folderPrefix = "backmap-rescue-"

    /// The folders a rescue folder is made in, in order of preference.
    static func places(_ environment: [String: String]) -> [String] {
        var places: [String] = []
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            places.append(state + "/backmap/rescue")
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            places.append(home + "/.local/state/backmap/rescue")
        }
        if let folder = environment["TMPDIR"], folder.hasPrefix("/") { places.append(folder) }
        places.append("/tmp")
        if let home = environment["HOME"], home.hasPrefix("/") { places.append(home) }
        return places
    }

    private static func storePath(_ store: SessionStore) -> String {
        store.root.standardizedFileURL.path
    }
}
