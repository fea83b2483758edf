import Foundation
import Glibc

/// What tells one version of a file from another without reading it.
///
/// Size and modification time alone can lie: `cp -p`, `rsync -t` or `touch -d`
/// set the modification time back, and an edit can keep the size. The change
/// time (which no tool can set) and the inode (which every atomic save
/// replaces) close those gaps.
public struct FileStamp: Hashable, Sendable {
    public var size: Int64
    /// Modification time, nanoseconds since 1970.
    public var modified: Int64
    /// Status change time, nanoseconds since 1970.
    public var changed: Int64
    public var inode: UInt64

    public init(size: Int64, modified: Int64, changed: Int64, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
    }

    init(_ info: stat) {
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        inode = UInt64(info.st_ino)
    }
}

/// The session files of a folder with their stamps, read with one `readdir`
/// pass and one `fstatat` per file (FileManager costs several times more per
/// entry, which shows at tens of thousands of sessions).
enum SessionFolderListing {
    /// One `*.json` name, and its stamp when it is a regular file that could be stat'ed.
    struct File: Sendable {
        /// The name without `.json`: the session's id when `hasValidName`.
        var id: String
        /// The name is `<id>.json` with a valid id (checked on the bytes, before any string is made).
        var hasValidName: Bool
        /// nil for anything `load(file:)` must look at to name the problem (a folder, a broken link).
        var stamp: FileStamp?
        var name: String { id + ".json" }
    }

    /// The `*.json` names that do not start with a dot (temporaries of the atomic writer
    /// are hidden), in directory order; empty when the folder is missing or unreadable.
    static func files(in folder: URL) -> [File] {
        guard let directory = opendir(folder.path) else { return [] }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        var files: [File] = []
        while let entry = readdir(directory) {
            let file: File? = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: UInt8.self, capacity: 256) { name in
                    // Bytes, not String: this runs for every file of the store on every scan.
                    let length = strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
                    guard length > 5, name[0] != UInt8(ascii: "."), name[length - 5] == UInt8(ascii: "."),
                          name[length - 4] == UInt8(ascii: "j"), name[length - 3] == UInt8(ascii: "s"),
                          name[length - 2] == UInt8(ascii: "o"), name[length - 1] == UInt8(ascii: "n")
                    else { return nil }
                    var info = stat()
                    let isFile = fstatat(descriptor, UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), &info, 0) == 0
                        && info.st_mode & S_IFMT == S_IFREG
                    let id = UnsafeBufferPointer(start: name, count: length - 5)
                    return File(id: String(decoding: id, as: UTF8.self), hasValidName: SessionID.isValid(bytes: id),
                                stamp: isFile ? FileStamp(info) : nil)
                }
            }
            if let file { files.append(file) }
        }
        return files
    }
}
