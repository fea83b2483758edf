import Foundation
import Glibc

/// An exclusive advisory lock that keeps two backmap processes from writing the same data.
///
/// The lock lives on a separate lock file, never on a data file: atomic writes rename a
/// new inode over the data file, which would silently detach a lock taken on it.
/// It is an `flock` lock, so the kernel drops it when the holding process dies and a
/// lock left by a killed process never blocks the next start; there is deliberately no
/// other staleness logic.
///
/// The holder deletes the file when it releases the lock (while still holding it), so
/// `locks/` does not keep a file for every session ever opened. Deleting alone would
/// race: a process that opened the file just before the delete could then lock the
/// deleted inode while a third creates and locks a new file at the path, and both
/// would think they hold the lock. So after locking, `acquire` checks that the path
/// still names the very inode it locked, and starts again if not. A holder killed
/// before it could delete leaves the file behind; the next holder deletes it.
public final class FileLock {
    /// Thrown by `acquire(at:)` when another open lock already holds the lock file.
    public struct Busy: Error, Equatable, CustomStringConvertible {
        /// The lock file.
        public let path: String
        /// The pid the holder wrote into the lock file, if it could be read.
        public let holderPID: Int32?

        public init(path: String, holderPID: Int32?) {
            self.path = path
            self.holderPID = holderPID
        }

        public var description: String {
            let holder = holderPID.map { "backmap (process \($0))" } ?? "backmap"
            return "Another \(holder) is already using this data (lock \(path)). Close it and try again."
        }
    }

    /// The lock file.
    public let url: URL
    private var descriptor: Int32

    private init(url: URL, descriptor: Int32) {
        self.url = url
        self.descriptor = descriptor
    }

    deinit {
        release()
    }

    /// Takes the lock without waiting.
    ///
    /// - Throws: `FileLock.Busy` if it is already held (also by another `FileLock` in this
    ///   process, since `flock` locks belong to the open file description), or
    ///   `FileSystemError` if the lock file cannot be opened or locked.
    public static func acquire(at url: URL) throws -> FileLock {
        // Each retry means another holder released (and deleted) the file between our
        // open and our lock; a thousand of those in a row means something else is wrong.
        for _ in 0..<1_000 {
            if let lock = try attempt(at: url) { return lock }
        }
        throw FileSystemError(operation: "lock", path: url.path, errno: EAGAIN)
    }

    /// One try: the lock, or nil when the file we locked is no longer the one at the path.
    private static func attempt(at url: URL) throws -> FileLock? {
        let path = url.path
        var fd: Int32
        repeat {
            // O_NOFOLLOW: the pid is written into this file after truncating it, so a
            // link planted in its place must not lead that write to some other file.
            fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW | O_NONBLOCK, 0o600)
        } while fd < 0 && errno == EINTR
        guard fd >= 0 else {
            throw FileSystemError(operation: "open the lock file", path: path, errno: errno)
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw FileSystemError(operation: "open the lock file", path: path, errno: EINVAL)
        }
        var result: Int32
        repeat {
            result = flock(fd, LOCK_EX | LOCK_NB)
        } while result != 0 && errno == EINTR
        if result != 0 {
            let code = errno
            if code == EWOULDBLOCK {
                let holder = readPID(from: fd)
                close(fd)
                throw Busy(path: path, holderPID: holder)
            }
            close(fd)
            throw FileSystemError(operation: "lock", path: path, errno: code)
        }
        var atPath = stat()
        guard stat(path, &atPath) == 0, atPath.st_dev == info.st_dev, atPath.st_ino == info.st_ino else {
            close(fd)
            return nil
        }
        // The pid is only there to name the holder in a refusal message, so failing to
        // record it (a full disk, say) must not cost us the lock we already hold.
        _ = fchmod(fd, 0o600)
        _ = ftruncate(fd, 0)
        let text = Array("\(getpid())\n".utf8)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return FileLock(url: url, descriptor: fd)
    }

    /// Gives the lock up and deletes the lock file; calling it again does nothing.
    public func release() {
        guard descriptor >= 0 else { return }
        // Only while the lock is still held, and only if the path still names our file
        // (see the type's comment for why that makes deleting safe).
        var ours = stat()
        var atPath = stat()
        if fstat(descriptor, &ours) == 0, stat(url.path, &atPath) == 0,
           ours.st_dev == atPath.st_dev, ours.st_ino == atPath.st_ino {
            _ = unlink(url.path)
        }
        // close alone would release it, but unlocking first makes the intent explicit
        // even if the descriptor was somehow duplicated.
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    /// Whether this object still holds the lock.
    public var isHeld: Bool { descriptor >= 0 }

    private static func readPID(from fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard let pid = Int32(text), pid > 0 else { return nil }
        return pid
    }
}
