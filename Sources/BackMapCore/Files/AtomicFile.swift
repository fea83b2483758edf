import Foundation
import Glibc

/// Crash-safe file writes and folder creation for health data.
///
/// Every write goes to a hidden temporary file in the same folder, is flushed to
/// disk, renamed over the target and then the folder itself is flushed. A kill or
/// power loss at any instant therefore leaves either the old file or the new one,
/// whole. Foundation's `Data.write(options: .atomic)` is not used because on Linux
/// it neither flushes the folder nor keeps mode 0600, and it leaves junk after a kill.
public enum AtomicFile {
    /// Writes `data` to `url` atomically and durably, with exactly `mode` permissions.
    ///
    /// On failure the previous content of `url` is untouched and no temporary file is
    /// left behind. The one exception is an error from flushing the folder (operation
    /// "flush folder"): by then the new content is already in place, but it might not
    /// survive a power loss.
    public static func write(_ data: Data, to url: URL, mode: mode_t = 0o600) throws(FileSystemError) {
        let temporary = try writeTemporary(data, for: url, mode: mode)
        if rename(temporary, url.path) != 0 {
            let code = errno
            unlink(temporary)
            throw FileSystemError(operation: "write", path: url.path, errno: code)
        }
        try syncFolder(of: url)
    }

    /// Deletes temporary files left in `folder` by writers that were killed mid-write.
    ///
    /// Only names of the form `.<name>.tmp-<pid>-<hex>` are considered, and only when
    /// no process with that pid exists any more, so a write in progress in another
    /// process is never disturbed. Errors are ignored: this is housekeeping.
    /// - Returns: how many files were removed.
    @discardableResult
    public static func removeStaleTemporaries(in folder: URL) -> Int {
        let folderPath = folder.path
        guard let names = hiddenNames(in: folderPath) else { return 0 }
        var removed = 0
        for name in names {
            guard let pid = temporaryOwner(name), !isAlive(pid) else { continue }
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            // Only plain files: a folder or a link with a matching name is not ours.
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            if unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    /// Creates `url` and any missing parents with exactly `mode`; an existing folder is left alone.
    public static func ensureFolder(_ url: URL, mode: mode_t = 0o700) throws(FileSystemError) {
        let path = url.standardizedFileURL.path
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw FileSystemError(operation: "create folder", path: path, errno: ENOTDIR)
            }
            return
        }
        guard errno == ENOENT else {
            throw FileSystemError(operation: "create folder", path: path, errno: errno)
        }
        let parent = url.standardizedFileURL.deletingLastPathComponent()
        if parent.path != path {
            try ensureFolder(parent, mode: mode)
        }
        if mkdir(path, mode) != 0 {
            let code = errno
            // Someone else may have created it between our stat and mkdir; that is fine.
            if code == EEXIST, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return }
            throw FileSystemError(operation: "create folder", path: path, errno: code)
        }
        // mkdir's mode is filtered through the umask, which must not decide who can read health data.
        if chmod(path, mode) != 0 {
            throw FileSystemError(operation: "create folder", path: path, errno: errno)
        }
        // Best effort: makes the new folder's own name durable, not just the files later put in it.
        _ = syncFolder(parent.path)
    }

    // MARK: - Pieces

    /// Writes `data` to a new temporary file beside `url`, with exactly `mode`, flushed
    /// to disk and closed, and returns its path; on failure nothing is left behind.
    static func writeTemporary(_ data: Data, for url: URL, mode: mode_t) throws(FileSystemError) -> String {
        let (fd, temporary) = try createTemporary(for: url, mode: mode)
        func fail(_ code: Int32) -> FileSystemError {
            unlink(temporary)
            return FileSystemError(operation: "write", path: url.path, errno: code)
        }
        // An explicit fchmod because the umask could have narrowed the mode given to open.
        if fchmod(fd, mode) != 0 {
            let code = errno
            close(fd)
            throw fail(code)
        }
        let writeError = FileDescriptor.writeAll(data, to: fd)
        if writeError != 0 {
            close(fd)
            throw fail(writeError)
        }
        let syncError = retryingEINTR { fsync(fd) }
        if syncError != 0 {
            close(fd)
            throw fail(syncError)
        }
        // On Linux the descriptor is gone even when close reports EINTR, and the data is
        // already on disk, so only a real error (such as EIO on a network mount) counts.
        if close(fd) != 0, errno != EINTR {
            throw fail(errno)
        }
        return temporary
    }

    /// Flushes the folder holding `url`, so its new name survives a power loss.
    static func syncFolder(of url: URL) throws(FileSystemError) {
        let folder = url.deletingLastPathComponent().path
        let folderError = syncFolder(folder)
        if folderError != 0 {
            throw FileSystemError(operation: "flush folder", path: folder, errno: folderError)
        }
    }

    /// Opens a new, uniquely named temporary file next to `url`.
    static func createTemporary(for url: URL, mode: mode_t) throws(FileSystemError) -> (Int32, String) {
        let folder = url.deletingLastPathComponent()
        // A fresh random suffix on collision; three clashes of 64 random bits would mean something else is wrong.
        var lastError: Int32 = EEXIST
        for _ in 0..<3 {
            let suffix = String(UInt64.random(in: .min ... .max), radix: 16)
            let name = ".\(url.lastPathComponent).tmp-\(getpid())-\(suffix)"
            let path = folder.appendingPathComponent(name).path
            let fd = retryingEINTRForDescriptor {
                open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            }
            if fd >= 0 { return (fd, path) }
            lastError = errno
            if lastError != EEXIST { break }
        }
        throw FileSystemError(operation: "write", path: url.path, errno: lastError)
    }

    /// Flushes a folder so that a rename or new entry in it survives a power loss. Returns 0 or an errno.
    static func syncFolder(_ path: String) -> Int32 {
        let fd = retryingEINTRForDescriptor { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { return errno }
        defer { close(fd) }
        let code = retryingEINTR { fsync(fd) }
        // Some file systems cannot flush folders at all; nothing more can be done there.
        return code == EINVAL ? 0 : code
    }

    /// The names in a folder that start with a dot (temporaries always do), read with
    /// `readdir` so that a folder of thousands of sessions costs no String per session:
    /// this runs at every start of the interactive program. Nil if the folder cannot be read.
    private static func hiddenNames(in path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name: String? = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { name in
                    name[0] == CChar(UInt8(ascii: ".")) ? String(cString: name) : nil
                }
            }
            if let name, name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// The pid inside a temporary file name `.<name>.tmp-<pid>-<hex>`, or nil for any other name.
    static func temporaryOwner(_ name: String) -> pid_t? {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards),
              marker.lowerBound > name.index(after: name.startIndex) else { return nil }
        let parts = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
              !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isHexDigit }),
              let pid = pid_t(parts[0]), pid > 0 else { return nil }
        return pid
    }

    /// Whether a process with this pid exists; EPERM means it exists but belongs to someone else.
    private static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno != ESRCH
    }

    /// Runs a call returning 0 or -1 until it is not interrupted. Returns 0 or the errno.
    static func retryingEINTR(_ call: () -> Int32) -> Int32 {
        while true {
            if call() == 0 { return 0 }
            if errno != EINTR { return errno }
        }
    }

    /// Runs a call returning a descriptor until it is not interrupted; errno is left set on failure.
    private static func retryingEINTRForDescriptor(_ call: () -> Int32) -> Int32 {
        while true {
            let fd = call()
            if fd >= 0 || errno != EINTR { return fd }
        }
    }
}
