import Foundation
import Glibc

/// Where `-o FILE` puts a command's output, without ever replacing what the
/// path names with something else.
///
/// A regular file or a new path gets the atomic replace (mode 0600). A
/// character device or a FIFO, reached directly or through links such as
/// `/dev/stdout`, is written straight through, so `-o /dev/stdout` and
/// `-o /dev/null` work and `/dev/null` stays a device. Anything else is refused:
/// a symbolic link to a file (replacing the link, or writing through it to a
/// file somewhere else, would both surprise), a folder, a socket, a block device.
public enum OutputFile {
    /// Why an output path was refused.
    public struct Refused: Error, Equatable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "Did not write \(path): \(reason)." }
    }

    /// Writes `data` to `path` as described above.
    /// - Throws: `Refused`, or `FileSystemError` (its `errno` is `EPIPE` when a FIFO's reader left).
    public static func write(_ data: Data, to path: String) throws {
        var link = stat()
        guard lstat(path, &link) == 0 else {
            let code = errno
            guard code == ENOENT else { throw FileSystemError(operation: "write", path: path, errno: code) }
            try AtomicFile.write(data, to: URL(fileURLWithPath: path), mode: 0o600)
            return
        }
        var target = stat()
        let isLink = link.st_mode & S_IFMT == S_IFLNK
        guard !isLink || stat(path, &target) == 0 else {
            throw Refused(path: path, reason: "it is a symbolic link to nothing; give the path of the file itself")
        }
        if !isLink { target = link }
        switch target.st_mode & S_IFMT {
        case S_IFREG where !isLink:
            try AtomicFile.write(data, to: URL(fileURLWithPath: path), mode: 0o600)
        case S_IFREG:
            throw Refused(path: path, reason: "it is a symbolic link; give the path of the file itself")
        case S_IFCHR, S_IFIFO:
            try writeThrough(data, to: path)
        case S_IFDIR:
            throw Refused(path: path, reason: "it is a folder")
        default:
            throw Refused(path: path, reason: "it is not a regular file, a device or a pipe")
        }
    }

    /// Opens the existing device or FIFO (never creating or truncating anything)
    /// and writes every byte; what was opened is checked again, in case the path
    /// changed since it was looked at.
    private static func writeThrough(_ data: Data, to path: String) throws {
        var fd: Int32
        repeat {
            fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw FileSystemError(operation: "write", path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, [S_IFCHR, S_IFIFO].contains(info.st_mode & S_IFMT) else {
            throw Refused(path: path, reason: "it changed while being opened")
        }
        let code = FileDescriptor.writeAll(data, to: fd)
        if code != 0 { throw FileSystemError(operation: "write", path: path, errno: code) }
    }
}
