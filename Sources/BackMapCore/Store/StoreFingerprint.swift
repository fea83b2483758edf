import Foundation
import Glibc

/// A cheap summary of what the store's session folder holds: every session
/// file's name and stamp (size, times, inode), folded into one value.
///
/// A screen that shows the store compares fingerprints every second or so and
/// scans only when one differs: a session added, changed, removed or moved
/// back from the trash by another program changes it, and computing it reads
/// no file, only the folder and one `fstatat` per entry (the same listing a
/// scan starts with). Files are folded in without regard to their order, since
/// `readdir` gives no order.
public struct StoreFingerprint: Hashable, Sendable {
    /// How many `*.json` entries the folder has.
    public var files: Int
    /// The order-free fold of every entry's name and stamp.
    var fold: Int
    /// The folder's own stamp: it exists, and when it last changed.
    var folder: FileStamp?
}

extension SessionStore {
    /// The fingerprint of `sessions/` now.
    public func fingerprint() -> StoreFingerprint {
        var fold = 0
        let names = SessionFolderNames(folder: sessionsFolder)
        if let names {
            names.stat(0..<names.count)
            for index in 0..<names.count {
                var hasher = Hasher()
                // The name's bytes: no string for each of tens of thousands of names every second.
                names.idBytes(index).withUnsafeBytes { hasher.combine(bytes: $0) }
                hasher.combine(names.stamps[index])
                fold = fold &+ hasher.finalize()
            }
        }
        var info = stat()
        let folder = stat(sessionsFolder.path, &info) == 0 ? FileStamp(info) : nil
        return StoreFingerprint(files: names?.count ?? 0, fold: fold, folder: folder)
    }
}
