import Foundation
import Glibc
import Synchronization

extension SessionStore {
    /// The usual scan, of a store in which nothing was created, removed or renamed since the
    /// summary index was written: `sessions/` still has the stamp the index recorded, so its
    /// names are the index's names and the folder is not listed. Every file is still stat'ed,
    /// by its name from the index, and must match its entry's stamp, so a file edited in
    /// place is caught as in any scan.
    ///
    /// nil when anything differs (the folder, a file, a line of the index): the caller lists
    /// the folder then, which reads again what changed. `directory` is `sessions/`, open,
    /// and `stamp` its stamp, taken before anything else was read. `blocks` splits the work
    /// (by default: one block for a small store, more blocks than cores for a large one).
    func unchangedScan(directory: Int32, stamp: FileStamp, blocks: Int? = nil) -> StoreScan? {
        guard let bytes = UnchangedFolder.wholeIndex(at: indexFile),
              let summaries = bytes.withBytes({
                  UnchangedFolder.summaries(index: $0, directory: directory, stamp: stamp, blocks: blocks)
              })
        else { return nil }
        var scan = StoreScan()
        scan.summaries = Self.isChronological(summaries) ? summaries : Self.chronological(summaries)
        return scan
    }
}

/// Reads an index whole and checks each entry against its file, on every core: a block of
/// lines at a time, each line parsed and its file stat'ed by the thread that takes it.
/// Listing a folder of tens of thousands of files costs as much as stat'ing them, and
/// matching the listed names to the entries more again; an unchanged folder needs neither.
private final class UnchangedFolder: @unchecked Sendable {
    private let index: UnsafeBufferPointer<UInt8>
    /// Where each entry line starts, and one past the last line's end.
    private let starts: [Int]
    private let directory: Int32
    /// Oldest first, as a scan gives them: entry `i` (newest first in the file) goes to
    /// `count - 1 - i`. Each slot is written by the one block that holds its line.
    private let slots: UnsafeMutablePointer<SessionSummary>
    /// Each entry's inode, to tell a line written twice from two files.
    let inodes: UnsafeMutableBufferPointer<UInt64>
    /// How many lines of each block are in `slots`, so a failed check frees exactly those.
    private let filled: UnsafeMutableBufferPointer<Int>
    private let failed = Atomic<Bool>(false)
    private let blockSize: Int

    private var count: Int { starts.count - 1 }
    var blocks: Int { filled.count }

    private init(index: UnsafeBufferPointer<UInt8>, starts: [Int], directory: Int32,
                 slots: UnsafeMutablePointer<SessionSummary>, blocks: Int?) {
        self.index = index
        self.starts = starts
        self.directory = directory
        self.slots = slots
        let count = starts.count - 1
        let cores = ProcessInfo.processInfo.activeProcessorCount
        // Small stores in one block on this thread; large ones in more blocks than cores,
        // so a core that finishes early takes another.
        let blocks = max(1, blocks ?? (count < 1024 || cores < 2 ? 1 : cores * 8))
        blockSize = max(1, (count + blocks - 1) / blocks)
        inodes = .allocate(capacity: count)
        filled = .allocate(capacity: blocks)
        filled.initialize(repeating: 0)
    }

    deinit {
        inodes.deallocate()
        filled.deallocate()
    }

    /// The index file's bytes, read at once: the check below needs all its lines before it
    /// can hand out blocks. nil when it is missing, unreadable or larger than an index can be.
    static func wholeIndex(at url: URL) -> MappedBytes? {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= SummaryIndex.fileLimit else { return nil }
        let size = Int(info.st_size)
        // One byte more than the file, to see that it did not grow while being read.
        guard let buffer = MappedBytes(capacity: size + 1) else { return nil }
        while buffer.count <= size {
            let got = read(fd, buffer.start + buffer.count, size + 1 - buffer.count)
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            buffer.count += got
        }
        return buffer.count == size ? buffer : nil
    }

    /// The summaries, oldest first, when every line of `index` is an entry whose file has
    /// its entry's stamp, the index ends with the folder's `stamp`, and no file is named
    /// twice; nil otherwise.
    static func summaries(index: UnsafeBufferPointer<UInt8>, directory: Int32, stamp: FileStamp, blocks: Int?) -> [SessionSummary]? {
        // The folder line comes last and is the cheapest to check, so it is checked first.
        guard index.last == 0x0A else { return nil }
        let body = UnsafeBufferPointer(rebasing: index[..<(index.count - 1)])
        let lastStart = body.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        guard SummaryIndex.folderStamp(UnsafeBufferPointer(rebasing: body[lastStart...])) == stamp else { return nil }
        var lines = LineReader(bytes: UnsafeBufferPointer(rebasing: body[..<lastStart]))
        guard let first = lines.next(), UnsafeBufferPointer(rebasing: index[first]).elementsEqual(SummaryIndex.header.utf8),
              let second = lines.next(), let total = SummaryIndex.count(UnsafeBufferPointer(rebasing: index[second]))
        else { return nil }
        // Every line up to the folder line is an entry, and there are as many as the count says.
        var starts = [lines.start]
        starts.reserveCapacity(min(total, index.count / 64) + 1)
        var position = lines.start
        while position < lastStart {
            guard let newline = memchr(index.baseAddress! + position, 0x0A, lastStart - position) else { return nil }
            position = UnsafeRawPointer(newline) - UnsafeRawPointer(index.baseAddress!) + 1
            starts.append(position)
        }
        guard starts.count - 1 == total else { return nil }

        var checked = false
        let summaries = [SessionSummary](unsafeUninitializedCapacity: total) { buffer, initialized in
            guard let slots = buffer.baseAddress else { checked = total == 0; return }
            HugePages.advise(UnsafeMutableRawPointer(slots), count: total * MemoryLayout<SessionSummary>.stride)
            let check = UnchangedFolder(index: index, starts: starts, directory: directory, slots: slots, blocks: blocks)
            if check.blocks == 1 {
                check.run(block: 0)
            } else {
                DispatchQueue.concurrentPerform(iterations: check.blocks) { check.run(block: $0) }
            }
            if check.finish() {
                initialized = total
                checked = !Self.hasRepeats(check.inodes)
            }
        }
        return checked ? summaries : nil
    }

    /// Parses and checks the lines of one block, stopping at the first that fails (and
    /// as soon as another block has failed: the caller will list the folder anyway).
    private func run(block: Int) {
        let lines = min(block * blockSize, count)..<min((block + 1) * blockSize, count)
        var path = [CChar](repeating: 0, count: 72)
        for line in lines {
            guard !failed.load(ordering: .relaxed) else { return }
            let bytes = UnsafeBufferPointer(rebasing: index[starts[line]..<(starts[line + 1] - 1)])
            // Parsed first: only a valid id (no `/`, no `..`) is ever used as a name.
            guard let (stamp, summary) = SummaryIndex.parts(bytes), matches(stamp, name: bytes, path: &path) else {
                failed.store(true, ordering: .relaxed)
                return
            }
            (slots + (count - 1 - line)).initialize(to: summary)
            inodes[line] = stamp.inode
            filled[block] += 1
        }
    }

    /// Whether the file named by the line's first field (`<id>.json`, already checked) is a
    /// regular file with exactly `stamp`.
    private func matches(_ stamp: FileStamp, name line: UnsafeBufferPointer<UInt8>, path: inout [CChar]) -> Bool {
        guard let tab = line.firstIndex(of: 0x09), tab < path.count else { return false }
        path.withUnsafeMutableBytes { path in
            path.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: line[..<tab])))
            path[tab] = 0
        }
        return FileStamp(regularFile: path, in: directory) == stamp
    }

    /// Whether every line was checked; if not, the summaries already made are freed.
    private func finish() -> Bool {
        guard failed.load(ordering: .relaxed) else { return true }
        for block in 0..<blocks {
            let first = block * blockSize
            for line in first..<first + filled[block] { (slots + (count - 1 - line)).deinitialize(count: 1) }
        }
        return false
    }

    /// Whether an inode comes twice: one file named by two lines (an index damaged by hand,
    /// which the count alone does not catch) or a file linked under two names.
    private static func hasRepeats(_ inodes: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        var size = 16
        while size < 2 * inodes.count { size *= 2 }
        // 0 marks an empty slot; no file has inode 0.
        var table = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        for inode in inodes {
            guard inode != 0 else { return true }
            var slot = Int(truncatingIfNeeded: (inode &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            while table[slot] != 0 {
                if table[slot] == inode { return true }
                slot = (slot + 1) & mask
            }
            table[slot] = inode
        }
        return false
    }
}

/// Anonymous memory for a read of megabytes, mapped for it and unmapped after, in huge
/// pages where the system gives them (see `HugePages`).
final class MappedBytes {
    let start: UnsafeMutablePointer<UInt8>
    private let mapping: UnsafeMutableRawPointer
    private let mappedLength: Int
    /// How many bytes at `start` hold data.
    var count = 0

    init?(capacity: Int) {
        let capacity = max(capacity, 1)
        // Room to start on a huge page's boundary: the kernel places a mapping on any page.
        let slack = capacity >= HugePages.size ? HugePages.size : 0
        guard let mapped = mmap(nil, capacity + slack, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapped != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        mapping = mapped
        mappedLength = capacity + slack
        let aligned = slack == 0 ? mapped : mapped + (HugePages.size - Int(bitPattern: mapped) % HugePages.size) % HugePages.size
        HugePages.advise(aligned, count: capacity)
        start = aligned.bindMemory(to: UInt8.self, capacity: capacity)
    }

    deinit { munmap(mapping, mappedLength) }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        body(UnsafeBufferPointer(start: start, count: count))
    }
}

/// Memory of megabytes about to be filled is asked for in huge pages (2 MB), which systems
/// with transparent huge pages in `madvise` mode (the usual default) then give: filling
/// 7 MB takes a handful of page faults instead of 1,800, each of them a trip through the
/// kernel. Reading a 7.4 MB index here took 9-11 ms in 4 kB pages and 2.3-3.4 ms in huge
/// ones, but up to 14 ms when the virtual machine had first to get the memory from its
/// host; where there are no huge pages the advice is ignored and nothing changes.
enum HugePages {
    static let size = 2 << 20

    /// Advises the whole huge pages inside `count` bytes at `start`, which must not be in
    /// use by anything else yet (advice splits the mapping, never moves or clears it).
    static func advise(_ start: UnsafeMutableRawPointer, count: Int) {
        let first = (Int(bitPattern: start) + size - 1) / size * size
        let end = (Int(bitPattern: start) + count) / size * size
        guard end > first, let page = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(page, end - first, MADV_HUGEPAGE)
    }
}
