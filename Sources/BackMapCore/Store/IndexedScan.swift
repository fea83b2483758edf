import Foundation
import Synchronization

extension SessionStore {
    /// Where the summary index lives: beside `sessions/`, not in it, so copying
    /// `sessions/` between stores never carries a cache along.
    public var indexFile: URL { root.appendingPathComponent(SummaryIndex.fileName) }

    /// A scan that reads only the session files that are new or changed since the
    /// index was written, and brings the index up to date.
    ///
    /// The result is the same as decoding every file: each entry is checked against
    /// a fresh `stat` of its file, and a file that cannot be used is always read
    /// again so its problem is named with today's reason.
    func indexedScan(now: Date = Date()) -> StoreScan {
        let folder = sessionsFolder
        // The folder's stamp is taken before anything in it is read, so a listing it vouches
        // for (see `SummaryIndex.folder`) is never older than the stamp.
        let directory = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if directory >= 0 { close(directory) } }
        var info = stat()
        let folderStamp = directory >= 0 && fstat(directory, &info) == 0 ? FileStamp(info) : nil
        if let folderStamp, let scan = unchangedScan(directory: directory, stamp: folderStamp) { return scan }
        // The file system and the index are read at the same time: neither needs the other.
        let folderScan = FolderScan(folder: folder)
        let previous = SummaryIndex.entriesInOrder(contentsOf: indexFile)
        var scan = StoreScan()
        guard let names = folderScan.finish() else {
            // No folder (a store not made yet) or one that cannot be read: nothing to list, and
            // an index left from before describes nothing.
            if previous.count > 0 { saveIndex(SummaryIndex()) }
            return scan
        }
        for index in 0..<names.count where !names.hasValidName[index] {
            // A name no id can have (odd characters, or bytes that are not UTF-8 and could not
            // even be opened by the name we were given) is reported unread.
            scan.problems.append(StoreProblem(file: folder.appendingPathComponent(names.name(index)), reason: Self.badNameReason))
        }
        // Entries whose file is unchanged, by their place in the index (newest first); each file once.
        let table = NameTable(names)
        var used = [Bool](repeating: false, count: names.count)
        var reused: [Int32] = []
        reused.reserveCapacity(names.count)
        for (position, summary) in previous.summaries.enumerated() {
            guard let index = table.find(summary.id.rawValue), !used[index],
                  let stamp = names.stamps[index], stamp == previous.stamps[position] else { continue }
            used[index] = true
            reused.append(Int32(position))
        }
        // Every other file is read: new, changed, or not a session the index could hold.
        let unindexed = (0..<names.count).filter { !used[$0] && names.hasValidName[$0] }
        // The index may vouch for the folder's names when it will hold every file, each
        // read and settled, and the folder itself has settled (as for files: see `isRacy`).
        let allValid = scan.problems.isEmpty
        let settledFolder = folderStamp.flatMap { Self.isRacy($0, now: now) ? nil : $0 }
        if unindexed.isEmpty, reused.count == previous.count {
            // Every entry stands, in the index's order. The summaries are handed on, not
            // copied; the index changes only to vouch for the folder.
            if let settledFolder, settledFolder != previous.folder, allValid, reused.count == names.count {
                saveIndex(SummaryIndex(previous, keeping: 0..<previous.count, adding: [], folder: settledFolder))
            }
            var summaries = previous.summaries
            summaries.reverse()
            scan.summaries = Self.isChronological(summaries) ? summaries : Self.chronological(summaries)
            scan.problems.sort { $0.file.lastPathComponent < $1.file.lastPathComponent }
            return scan
        }
        let urls = unindexed.map { folder.appendingPathComponent(names.name($0)) }
        var fresh: [SummaryIndex.Entry] = []
        var summaries: [SessionSummary] = []
        summaries.reserveCapacity(reused.count + unindexed.count)
        for position in reused.reversed() { summaries.append(previous.summaries[Int(position)]) }
        for (index, (url, result)) in zip(unindexed, zip(urls, readSummaries(urls))) {
            switch result {
            case .success(let summary):
                summaries.append(summary)
                if let stamp = names.stamps[index], !Self.isRacy(stamp, now: now) {
                    fresh.append(SummaryIndex.Entry(stamp: stamp, summary: summary))
                }
            case .failure(let error):
                scan.problems.append(StoreProblem(file: url, reason: Self.reason(error)))
            }
        }
        // The index is written in order, so only files read again can be out of it.
        if !unindexed.isEmpty || !Self.isChronological(summaries) {
            summaries = Self.chronological(summaries)
        }
        scan.summaries = summaries
        scan.problems.sort { $0.file.lastPathComponent < $1.file.lastPathComponent }
        // The index changes when a file was read again, an entry no longer matches a file,
        // or it can vouch for a folder it did not.
        let exact = allValid && reused.count + fresh.count == names.count
        let vouched = exact ? settledFolder : nil
        if !fresh.isEmpty || previous.count != reused.count || (vouched != nil && vouched != previous.folder) {
            saveIndex(SummaryIndex(previous, keeping: reused.lazy.map(Int.init), adding: fresh, folder: vouched))
        }
        return scan
    }

    /// The newest sessions as the summary index last saw them, oldest first like a scan,
    /// without looking at a single session file, and how many sessions the index holds;
    /// nil when there is no usable index.
    ///
    /// What the home screen draws at once while `scan()` checks every file in the
    /// background (stale-while-revalidate): it must be shown as not yet checked, and is
    /// replaced whole by the scan. It reads only the head of the index, so its cost does
    /// not grow with the store.
    public func preview(limit: Int = 200) -> (summaries: [SessionSummary], total: Int)? {
        guard let recent = SummaryIndex.recent(at: indexFile, limit: limit) else { return nil }
        return (recent.summaries.reversed(), recent.total)
    }

    /// Decodes session files, on every core when there are many (a first scan, an
    /// import): each file is independent, and decoding JSON is the slow part.
    private func readSummaries(_ urls: [URL]) -> [Result<SessionSummary, any Error>] {
        parallelMap(urls) { url in Result { SessionSummary(try load(file: url)) } }
    }

    static func isChronological(_ summaries: [SessionSummary]) -> Bool {
        // By index, not by pairs of elements: a pair is two copies of two summaries.
        summaries.indices.dropFirst().allSatisfy { !SessionSummary.chronological(summaries[$0], summaries[$0 - 1]) }
    }

    /// The summaries in `SessionSummary.chronological` order. Sorting small keys and then
    /// moving each summary once costs a fraction of sorting the summaries themselves, which
    /// arrive in directory order.
    static func chronological(_ summaries: [SessionSummary]) -> [SessionSummary] {
        let order = summaries.indices.sorted { a, b in
            let x = summaries[a].startedAt.date
            let y = summaries[b].startedAt.date
            return x == y ? summaries[a].id < summaries[b].id : x < y
        }
        return order.map { summaries[$0] }
    }

    /// A file changed within the last two seconds could change again within the file
    /// system's clock tick and keep the same stamp; it is left out of the index (and
    /// so read again next time) until it has settled, as git does for its index.
    static func isRacy(_ stamp: FileStamp, now: Date) -> Bool {
        let nowNanoseconds = Int64(now.timeIntervalSince1970 * 1_000_000_000)
        return max(stamp.modified, stamp.changed) > nowNanoseconds - 2_000_000_000
    }

    /// Writes the index if the store exists; a store that cannot take it (read-only,
    /// full) still works, only slower, so failures are ignored.
    private func saveIndex(_ index: SummaryIndex) {
        var info = stat()
        guard stat(sessionsFolder.path, &info) == 0 else { return }
        try? AtomicFile.write(index.encoded(), to: indexFile, mode: 0o600)
    }
}

/// Lists a session folder on another thread while the caller reads the summary index,
/// then stats its files on both: whichever thread is free takes the next block of names.
/// Stat'ing is most of a scan's time at tens of thousands of sessions, and two cores do it
/// in about half the time.
private final class FolderScan: @unchecked Sendable {
    /// Written once by the worker before it signals `listed`; read only after `listed`.
    private var names: SessionFolderNames?
    private let listed = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    /// The first name no thread has taken yet.
    private let next = Atomic<Int>(0)
    private static let block = 512

    init(folder: URL) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.names = SessionFolderNames(folder: folder)
            self.listed.signal()
            self.statBlocks()
            self.done.signal()
        }
    }

    /// Helps with the stat'ing once the folder is listed, and returns the names with every
    /// stamp filled in; nil when the folder is missing or cannot be read.
    func finish() -> SessionFolderNames? {
        listed.wait()
        statBlocks()
        done.wait()
        return names
    }

    private func statBlocks() {
        guard let names else { return }
        while true {
            let start = next.add(Self.block, ordering: .relaxed).oldValue
            guard start < names.count else { return }
            names.stat(start..<min(start + Self.block, names.count))
        }
    }
}

/// Finds a name of a folder listing by its bytes: an open-addressing table of positions,
/// so matching the index's ids to the folder's names makes no string and no dictionary.
private struct NameTable {
    private let names: SessionFolderNames
    /// A position in `names` plus one, or 0 for an empty slot; twice as many slots as names.
    private var slots: [Int32]
    private let mask: Int

    init(_ names: SessionFolderNames) {
        self.names = names
        var size = 16
        while size < 2 * names.count { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
        for index in 0..<names.count where names.hasValidName[index] {
            var slot = Self.hash(names.idBytes(index)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }

    /// The position of the name `id`, if the folder has it.
    func find(_ id: String) -> Int? {
        var id = id
        return id.withUTF8 { bytes in
            var slot = Self.hash(bytes) & mask
            while slots[slot] != 0 {
                let index = Int(slots[slot]) - 1
                if names.hasName(index, bytes) { return index }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// FNV-1a: names differ in their last characters, which it mixes in well enough.
    private static func hash(_ bytes: some Sequence<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ hash >> 29)
    }
}
