import Foundation
import Glibc

/// Writing to a file descriptor without Foundation, which traps on EPIPE and ENOSPC.
enum FileDescriptor {
    /// Writes every byte to `fd`, resuming after partial writes and signals. Returns 0 or an errno.
    static func writeAll(_ data: some ContiguousBytes, to fd: Int32) -> Int32 {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32 in
            guard let base = buffer.baseAddress else { return 0 }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                // A zero-byte write for a non-empty request would loop forever; report it as an I/O error.
                if written == 0 { return EIO }
                offset += written
            }
            return 0
        }
    }
}
