import Foundation
import Glibc

/// Writing to standard output and standard error without ever trapping.
///
/// `FileHandle.write` traps (SIGILL, with a backtrace) on EPIPE, ENOSPC or a
/// closed descriptor, so `backmap list > /dev/full`, `backmap list >&-` or a
/// reader that went away crashed. These calls return the error instead, and the
/// caller decides: a pipe whose reader left ends the program quietly, any other
/// error is one sentence.
public enum StandardStream {
    /// Standard streams that were closed when the program started, by descriptor.
    nonisolated(unsafe) public private(set) static var closedAtStart: Set<Int32> = []

    /// Puts `/dev/null` on each of descriptors 0, 1 and 2 that is closed, and
    /// remembers which were. Call it first thing: otherwise the next file the
    /// program opens takes the free number, and output meant for stdout would
    /// land in that file, a session file perhaps.
    public static func guardDescriptors() {
        for fd in Int32(0)...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            closedAtStart.insert(fd)
            let null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0, null != fd {
                _ = dup2(null, fd)
                close(null)
            }
        }
    }

    /// Writes to standard output. Returns 0 or an errno (EBADF when it was closed at start).
    public static func writeOutput(_ data: some ContiguousBytes) -> Int32 {
        if closedAtStart.contains(STDOUT_FILENO) { return EBADF }
        return FileDescriptor.writeAll(data, to: STDOUT_FILENO)
    }

    /// Writes to standard error, ignoring failure: there is nowhere left to report it.
    public static func writeError(_ text: String) {
        guard !closedAtStart.contains(STDERR_FILENO) else { return }
        _ = FileDescriptor.writeAll(Data(text.utf8), to: STDERR_FILENO)
    }
}
