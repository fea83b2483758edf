import Foundation
import Glibc

/// Where a session goes when the program must end and the store will not take it
/// (a full disk, a read-only or vanished store): a fresh private folder in the
/// temporary folder, holding `<id>.json`, ready to be moved into `sessions/`.
///
/// The folder is made with `mkdtemp`, so it is new, ours and 0700: in a shared
/// `/tmp` nobody can have prepared a link or a folder there to catch the file.
public enum RescueCopy {
    /// Writes the session and returns the file. Tries `$TMPDIR`, then `/tmp`, then `$HOME`.
    public static func write(_ session: Session,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let data = try SessionCodec.encode(session)
        var candidates: [String] = []
        if let folder = environment["TMPDIR"], folder.hasPrefix("/") { candidates.append(folder) }
        candidates.append("/tmp")
        if let home = environment["HOME"], home.hasPrefix("/") { candidates.append(home) }
        var lastError: Error = FileSystemError(operation: "write a rescue copy in", path: "/tmp", errno: ENOENT)
        for base in candidates {
            var template = Array("\(base)/backmap-rescue-XXXXXX".utf8CString)
            let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
                guard let start = buffer.baseAddress, let folder = mkdtemp(start) else { return nil }
                return String(cString: folder)
            }
            guard let path = made else {
                lastError = FileSystemError(operation: "write a rescue copy in", path: base, errno: errno)
                continue
            }
            let folder = URL(fileURLWithPath: path)
            let file = folder.appendingPathComponent(session.id.rawValue + ".json")
            do {
                try AtomicFile.write(data, to: file, mode: 0o600)
                return file
            } catch {
                lastError = error
                rmdir(folder.path)
            }
        }
        throw lastError
    }
}
