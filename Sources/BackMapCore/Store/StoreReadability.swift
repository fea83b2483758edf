import Foundation
import Glibc

extension SessionStore {
    /// Whether the store folder exists yet; a store that does not is simply empty.
    public var exists: Bool {
        var info = stat()
        return lstat(root.path, &info) == 0
    }

    /// Throws when the store exists but cannot be read, so that a command never
    /// reports an unreadable store as empty and valid (a backup script would trust
    /// "0 sessions, all valid"). Only a store that does not exist yet passes as
    /// empty; a store folder without `sessions/` yet is empty too.
    public func checkReadable() throws(StoreError) {
        func refuse(_ reason: String) -> StoreError { .unreadable(root, reason) }
        func folderProblem(_ url: URL, missingIsFine: Bool) throws(StoreError) -> Bool {
            let path = url.path
            var info = stat()
            if lstat(path, &info) != 0 {
                let code = errno
                if code == ENOENT, missingIsFine { return false }
                throw refuse("\(path): \(Self.systemReason(code))")
            }
            if info.st_mode & S_IFMT == S_IFLNK, stat(path, &info) != 0 {
                throw refuse("\(path) is a link to nothing (\(Self.systemReason(errno)))")
            }
            guard info.st_mode & S_IFMT == S_IFDIR else { throw refuse("\(path) is not a folder") }
            // opendir checks read permission, and a file inside shows search permission.
            guard let directory = opendir(path) else { throw refuse("\(path): \(Self.systemReason(errno))") }
            closedir(directory)
            if faccessat(AT_FDCWD, path, X_OK, AT_EACCESS) != 0 {
                throw refuse("\(path): \(Self.systemReason(errno))")
            }
            return true
        }
        guard try folderProblem(root, missingIsFine: true) else { return }
        _ = try folderProblem(sessionsFolder, missingIsFine: true)
    }

    static func systemReason(_ code: Int32) -> String {
        strerror(code).map { String(cString: $0) } ?? "error \(code)"
    }
}
