import Foundation
import Glibc

/// Reads a whole file only if it is a regular file no larger than a limit.
///
/// Data files are user-reachable, so a huge or odd file (a folder, a FIFO, a device)
/// must produce a clear error rather than exhaust memory or hang the program.
public enum BoundedRead {
    /// The file is larger than the caller allows; it was not read.
    public struct TooLarge: Error, Equatable, CustomStringConvertible {
        public let path: String
        /// The size found, in bytes (at least this much if the file grew while being read).
        public let size: Int64
        /// The allowed size in bytes.
        public let limit: Int
        /// What the file is, for the message, e.g. "a session file".
        public let what: String

        public init(path: String, size: Int64, limit: Int, what: String) {
            self.path = path
            self.size = size
            self.limit = limit
            self.what = what
        }

        /// e.g. "/x/s.json is 64.0 MB, more than the 4.0 MB a session file may be."
        public var description: String {
            "\(path) is \(BoundedRead.readableSize(size)), more than the \(BoundedRead.readableSize(Int64(limit))) \(what) may be."
        }
    }

    /// The path is not a regular file, so it cannot hold our data.
    public struct NotAFile: Error, Equatable, CustomStringConvertible {
        public let path: String
        /// What was found instead, e.g. "a folder".
        public let kind: String

        public init(path: String, kind: String) {
            self.path = path
            self.kind = kind
        }

        public var description: String {
            "Could not read \(path): it is \(kind), not a file."
        }
    }

    /// Returns the contents of `url`.
    ///
    /// - Throws: `TooLarge` (without reading) if the file exceeds `limit` bytes,
    ///   `NotAFile` for folders, pipes, devices and sockets, `FileSystemError` for
    ///   a missing file, missing permission and other system errors.
    public static func data(at url: URL, limit: Int, what: String = "a file") throws -> Data {
        let path = url.path
        let limit = max(0, limit)
        // One byte past the limit is enough to prove the file grew after fstat; no more is ever held.
        let readCap = limit < Int.max ? limit + 1 : limit
        let (fd, info) = try openRegularFile(at: url)
        defer { close(fd) }
        if info.st_size > Int64(limit) {
            throw TooLarge(path: path, size: Int64(info.st_size), limit: limit, what: what)
        }
        var result = Data(capacity: Int(info.st_size))
        // Sized to the file (one byte more, to see it end), not to the largest read, and not
        // zeroed: a session file is a few kB, and zeroing a chunk for each of thousands of
        // them cost more than reading them.
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, min(64 * 1024, Int(info.st_size) + 1)), alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let wanted = min(chunk.count, readCap - result.count)
            let count = read(fd, chunk.baseAddress, wanted)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(operation: "read", path: path, errno: errno)
            }
            if count == 0 { break }
            result.append(UnsafeRawBufferPointer(rebasing: chunk[0..<count]).bindMemory(to: UInt8.self))
            if result.count > limit {
                throw TooLarge(path: path, size: max(Int64(result.count), Int64(info.st_size)), limit: limit, what: what)
            }
        }
        return result
    }

    /// Opens `url` for reading if it is a regular file, in blocking mode, with its `stat`.
    /// The caller closes the descriptor.
    static func openRegularFile(at url: URL) throws -> (Int32, stat) {
        let path = url.path
        // O_NONBLOCK so that opening a FIFO with no writer returns at once instead of hanging;
        // O_NOCTTY so that a terminal device can never become our controlling terminal.
        var fd: Int32
        repeat {
            fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        } while fd < 0 && errno == EINTR
        guard fd >= 0 else {
            throw FileSystemError(operation: "read", path: path, errno: errno)
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw FileSystemError(operation: "read", path: path, errno: code)
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            close(fd)
            throw NotAFile(path: path, kind: kindName(type))
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return (fd, info)
    }

    private static func kindName(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a pipe"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }

    /// Sizes the way people read them, in powers of 1024 with one decimal.
    static func readableSize(_ bytes: Int64) -> String {
        let units = ["KB", "MB", "GB", "TB"]
        guard bytes >= 1024 else { return bytes == 1 ? "1 byte" : "\(bytes) bytes" }
        var value = Double(bytes) / 1024
        var index = 0
        while value >= 1024, index < units.count - 1 {
            value /= 1024
            index += 1
        }
        return String(format: "%.1f", value) + " " + units[index]
    }
}
