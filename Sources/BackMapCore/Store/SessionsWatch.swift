import Foundation
import CFileSystem
import Glibc

/// Tells, without listing the folder, whether anything may have changed in `sessions/`
/// since it was last asked: the kernel's inotify events for the folder and for the store
/// folder above it (which sees `sessions/` created, removed or replaced).
///
/// Only on file systems whose every write passes through this machine's kernel (`ext4`,
/// `xfs`, `btrfs`, `tmpfs`, ...). On a network or FUSE file system, or an overlay, other
/// machines and lower layers write unseen, so there is no watch and the caller polls.
/// Even on a local disk two writes go unreported: one through a shared memory mapping,
/// and one through a hard link in another folder; a caller that must see those within a
/// bound still polls, only rarely.
public final class SessionsWatch {
    private let root: URL
    private let sessions: URL
    private let events: Int32
    /// The store folder's watch, whose events are news only when they name `sessions`.
    private var rootWatch: Int32 = -1
    /// `sessions/`'s watch, whose every event is news; -1 while there is no such folder.
    private var sessionsWatch: Int32 = -1
    /// Whether the watches see every change: false once the store folder is gone or
    /// `sessions/` cannot be watched or leads to another file system (a link to a network
    /// folder), and then every call has news, as polling would.
    private var seesEverything = false

    /// The file-system types (`statfs`'s `f_type`) where a watch sees every change:
    /// ext2/3/4, xfs, btrfs, tmpfs, f2fs, bcachefs, zfs.
    static let localTypes: Set<Int64> = [0xEF53, 0x5846_5342, 0x9123_683E, 0x0102_1994, 0xF2F5_2010, 0xCA45_1A4E, 0x2FC1_2FC1]

    /// What the folder's watch reports: an entry created, written, closed after writing,
    /// changed in its stamp, removed or renamed in or out, and the folder itself removed
    /// or renamed.
    private static let sessionsMask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM
        | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)
    /// What the store folder's watch reports: entries appearing or going (only `sessions`
    /// counts) and the store folder itself removed or renamed.
    private static let rootMask = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF
        | IN_ONLYDIR)

    /// A watch on `root`'s `sessions/`; nil when the store folder is missing, the file
    /// system is not one where a watch sees every change, or the system has no watch to give.
    public init?(root: URL) {
        guard Self.canWatch(root) else { return nil }
        let events = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard events >= 0 else { return nil }
        self.root = root
        sessions = root.appendingPathComponent("sessions", isDirectory: true)
        self.events = events
        seesEverything = watchFolders()
        guard seesEverything else { return nil }
    }

    /// Whether `folder` is on a file system where a watch sees every change.
    public static func canWatch(_ folder: URL) -> Bool {
        var info = statfs()
        return statfs(folder.path, &info) == 0 && localTypes.contains(Int64(info.f_type))
    }

    deinit {
        close(events)
    }

    /// Watches the store folder and `sessions/` as they are now (the same watch again
    /// when they are the same folders; a folder that moved away is no longer watched).
    /// Whether they see every change: a missing `sessions/` is seen through the store
    /// folder until it appears.
    private func watchFolders() -> Bool {
        func rewatch(_ watch: inout Int32, _ folder: URL, _ mask: UInt32) {
            let new = inotify_add_watch(events, folder.path, mask)
            if watch >= 0 && watch != new { inotify_rm_watch(events, watch) }
            watch = new
        }
        rewatch(&rootWatch, root, Self.rootMask)
        rewatch(&sessionsWatch, sessions, Self.sessionsMask)
        guard rootWatch >= 0 else { return false }
        return sessionsWatch >= 0 ? Self.canWatch(sessions) : access(sessions.path, F_OK) != 0 && errno == ENOENT
    }

    /// Whether anything may have changed since the last call (or since the watch began):
    /// reads every event waiting. A watch that lost events (the kernel's queue overflowed)
    /// or a folder says yes, and watches the folders again by their paths; one that no
    /// longer sees every change says yes until it does again.
    public func hasNews() -> Bool {
        var news = false
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(events, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                // EAGAIN: nothing more waiting. Anything else: say yes, so the caller looks.
                if count < 0 && errno != EAGAIN { news = true }
                break
            }
            buffer.withUnsafeBytes { bytes in
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    if isNews(event, name: UnsafeRawBufferPointer(rebasing: bytes[nameStart..<nameStart + Int(event.len)])) {
                        news = true
                    }
                    offset = nameStart + Int(event.len)
                }
            }
        }
        guard news || !seesEverything else { return false }
        seesEverything = watchFolders()
        return true
    }

    /// Every event of `sessions/`'s watch is news; of the store folder's, only those that
    /// name `sessions` or concern the store folder itself (the index and the locks next
    /// to `sessions/` change all the time); of a watch given up, none.
    private func isNews(_ event: inotify_event, name: UnsafeRawBufferPointer) -> Bool {
        if event.mask & UInt32(IN_Q_OVERFLOW) != 0 || event.wd == sessionsWatch { return true }
        guard event.wd == rootWatch else { return false }
        if event.mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED) != 0 { return true }
        // The name is NUL-padded to the event's length.
        return name.prefix(9).elementsEqual(Self.sessionsName)
    }

    private static let sessionsName = Array("sessions".utf8) + [0]
}
