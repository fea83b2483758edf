import Foundation
import Glibc

/// A failed file-system call, kept with enough detail to tell the user what to fix.
///
/// The raw `errno` is kept so that callers can react differently to a full disk
/// (`ENOSPC`), a read-only mount (`EROFS`) or a permission problem (`EACCES`)
/// without parsing the message.
public struct FileSystemError: Error, Equatable, CustomStringConvertible {
    /// What we were trying to do, in the user's words ("write", "read", "create folder").
    public let operation: String
    /// The path the user knows about; for atomic writes this is the target, never the temporary file.
    public let path: String
    /// The `errno` value reported by the failing call.
    public let errno: Int32

    public init(operation: String, path: String, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    /// The system's text for `errno`, e.g. "No space left on device".
    public var reason: String {
        guard let text = strerror(errno) else { return "error \(errno)" }
        return String(cString: text)
    }

    /// One sentence, e.g. "Could not write /x/y.json: No space left on device."
    public var description: String {
        "Could not \(operation) \(path): \(reason)."
    }
}
