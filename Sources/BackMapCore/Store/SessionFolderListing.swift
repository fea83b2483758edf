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

    /// The stamp of `name` in the open folder `directory` when it is a regular file; nil for
    /// anything else (`load(file:)` must look at it to name the problem) or none at all.
    init?(regularFile name: UnsafePointer<CChar>, in directory: Int32) {
        var info = stat()
        guard fstatat(directory, name, &info, 0) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        inode = UInt64(info.st_ino)
    }
}

/// The session files of a folder with their stamps, read with one `readdir` pass and
/// one `fstatat` per file (FileManager costs several times more per entry, which shows
/// at tens of thousands of sessions).
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
        guard let names = SessionFolderNames(folder: folder) else { return [] }
        names.stat(0..<names.count)
        return (0..<names.count).map { File(id: names.id($0), hasValidName: names.hasValidName[$0], stamp: names.stamps[$0]) }
    }
}

/// The `*.json` names of a folder as one block of bytes, from one `readdir` pass, and
/// their stamps, filled in afterwards by `stat(_:)` a range at a time, from any thread.
///
/// A scan reads the folder of every session on every start: a string and an array entry
/// per name cost more than the `readdir` itself, and stat'ing tens of thousands of files
/// goes twice as fast on two cores (see `FolderScan`).
final class SessionFolderNames: @unchecked Sendable {
    /// Every name without `.json`, back to back; name `i` is `bytes[starts[i]..<starts[i + 1]]`.
    let bytes: [UInt8]
    private let starts: [Int32]
    /// The name is `<id>.json` with a valid id.
    let hasValidName: [Bool]
    /// Each name's stamp once `stat` has covered it; nil for anything that is not a regular
    /// file (`load(file:)` must look at it to name the problem). Each slot is written by one
    /// `stat` call, so calls on ranges that do not overlap may run at once.
    let stamps: UnsafeMutableBufferPointer<FileStamp?>
    private let directory: OpaquePointer

    var count: Int { hasValidName.count }

    /// The `*.json` names that do not start with a dot (temporaries of the atomic writer are
    /// hidden), in directory order; nil when the folder is missing or unreadable.
    init?(folder: URL) {
        guard let directory = opendir(folder.path) else { return nil }
        self.directory = directory
        var bytes: [UInt8] = []
        var starts: [Int32] = [0]
        var valid: [Bool] = []
        while let entry = readdir(directory) {
            withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: UInt8.self, capacity: 256) { name in
                    let length = strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
                    guard length > 5, name[0] != UInt8(ascii: "."), name[length - 5] == UInt8(ascii: "."),
                          name[length - 4] == UInt8(ascii: "j"), name[length - 3] == UInt8(ascii: "s"),
                          name[length - 2] == UInt8(ascii: "o"), name[length - 1] == UInt8(ascii: "n")
                    else { return }
                    let id = UnsafeBufferPointer(start: name, count: length - 5)
                    bytes.append(contentsOf: id)
                    starts.append(Int32(bytes.count))
                    valid.append(SessionID.isValid(bytes: id))
                }
            }
        }
        self.bytes = bytes
        self.starts = starts
        hasValidName = valid
        stamps = .allocate(capacity: valid.count)
        stamps.initialize(repeating: nil)
    }

    deinit {
        closedir(directory)
        stamps.deallocate()
    }

    /// Name `index`'s bytes without `.json`.
    func idBytes(_ index: Int) -> ArraySlice<UInt8> {
        bytes[Int(starts[index])..<Int(starts[index + 1])]
    }

    /// Whether name `index` without `.json` is `id` (memcmp: a generic comparison of the
    /// two kinds of buffer cost more than finding the name).
    func hasName(_ index: Int, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[index])
        guard Int(starts[index + 1]) - start == id.count else { return false }
        guard !id.isEmpty else { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, id.baseAddress!, id.count) == 0 }
    }

    /// Name `index` without `.json`: the session's id when `hasValidName[index]`.
    func id(_ index: Int) -> String {
        String(decoding: idBytes(index), as: UTF8.self)
    }

    /// Name `index` as it is in the folder.
    func name(_ index: Int) -> String { id(index) + ".json" }

    /// Stats the files in `range`, by name relative to the open folder.
    func stat(_ range: Range<Int>) {
        let descriptor = dirfd(directory)
        var path = [CChar](repeating: 0, count: 262)
        for index in range {
            let id = idBytes(index)
            var end = 0
            for byte in id { path[end] = CChar(bitPattern: byte); end += 1 }
            for byte in ".json".utf8 { path[end] = CChar(bitPattern: byte); end += 1 }
            path[end] = 0
            stamps[index] = FileStamp(regularFile: path, in: descriptor)
        }
    }
}
