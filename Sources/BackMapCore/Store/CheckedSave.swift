import Foundation
import Glibc

extension SessionStore {
    /// The bytes of the session's file as it is now; nil when there is no such file.
    public func storedBytes(of id: SessionID) throws -> Data? {
        let file = url(for: id)
        var info = stat()
        guard lstat(file.path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw StoreError.io(FileSystemError(operation: "read", path: file.path, errno: errno))
        }
        return try BoundedRead.data(at: file, limit: SessionLimits.fileBytes, what: "a session file")
    }

    /// Saves the session only if its file still holds what this program last read
    /// or wrote (`expected`; nil: there was no file), and returns the bytes
    /// written, to expect at the next save.
    ///
    /// Anything else may have changed the file meanwhile: a sync tool, a restore
    /// from backup, `import`, a hand edit. Overwriting it would lose that change
    /// without a word, so this throws `StoreError.changedOnDisk` and writes
    /// nothing; the caller keeps its version elsewhere (see `ConflictCopy`).
    ///
    /// The content is compared, not only the size, times and inode: a rewrite in
    /// place within one tick of the file system's clock keeps all four (git's
    /// "racy" stamps), while a `touch` or a sync tool writing the same bytes
    /// changes them without changing anything that could be lost. A session file
    /// is a few kilobytes, so reading it before each save costs nothing noticeable.
    ///
    /// A file that is gone is written again: no other version of it exists to be
    /// lost. A file that cannot be read now is a failed save (tried again later),
    /// never an overwrite.
    @discardableResult
    public func save(_ session: Session, ifStill expected: Data?) throws -> Data {
        if let current = try storedBytes(of: session.id), current != expected {
            throw StoreError.changedOnDisk(session.id)
        }
        try save(session)
        return try SessionCodec.encode(session)
    }
}
