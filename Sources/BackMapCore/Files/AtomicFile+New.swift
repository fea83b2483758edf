import Foundation
import Glibc

extension AtomicFile {
    /// Thrown by `writeNew` when a file already has that name.
    public struct Exists: Error, Equatable, CustomStringConvertible {
        public let path: String
        public var description: String { "\(path) already exists, so it was not replaced." }
    }

    /// Writes `data` as a new file at `url`, durably, and never replaces anything there.
    ///
    /// Same steps as `write`, except that the finished temporary file is hard-linked
    /// to its name instead of renamed: link() refuses an existing name, so two
    /// writers picking the same name at once cannot overwrite each other, and a file
    /// that appeared between a check and the write is kept. On a file system without
    /// hard links it falls back to a checked rename, the best such a system allows.
    /// - Throws: `Exists` if the name is taken, `FileSystemError` otherwise.
    public static func writeNew(_ data: Data, to url: URL, mode: mode_t = 0o600) throws {
        let target = url.path
        let temporary = try writeTemporary(data, for: url, mode: mode)
        defer { unlink(temporary) }
        if link(temporary, target) != 0 {
            let code = errno
            if code == EEXIST { throw Exists(path: target) }
            guard [EPERM, EXDEV, ENOTSUP, ENOSYS].contains(code) else {
                throw FileSystemError(operation: "write", path: target, errno: code)
            }
            var info = stat()
            if lstat(target, &info) == 0 { throw Exists(path: target) }
            if rename(temporary, target) != 0 { throw FileSystemError(operation: "write", path: target, errno: errno) }
        }
        try syncFolder(of: url)
    }
}
