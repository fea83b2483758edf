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
        let file = open(indexFile.path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        guard let summaries = UnchangedFolder.summaries(index: file, directory: directory, stamp: stamp, blocks: blocks) else { return nil }
        var scan = StoreScan()
        scan.summaries = Self.isChronological(summaries) ? summaries : Self.chronological(summaries)
        return scan
    }
}

/// Reads an index and checks each entry against its file, on every core: a block of the
/// index at a time, each line parsed and its file stat'ed by the thread that takes it.
/// Listing a folder of tens of thousands of files costs as much as stat'ing them, and
/// matching the listed names to the entries more again; an unchanged folder needs neither.
///
/// The index is read a piece at a time (`IndexLines`), never whole: it is megabytes at
/// that size, and memory the process has not had before costs more to get (the system
/// clears every page) than the file does to read.
private final class UnchangedFolder: @unchecked Sendable {
    private let index: Int32
    /// The bytes of the entry lines, between the count line and the folder line, in
    /// blocks; a line belongs to the block its first byte is in.
    private let body: Range<Int>
    private let ranges: [Range<Int>]
    private let directory: Int32
    private let count: Int
    /// Oldest first, as a scan gives them: entry `i` (newest first in the file) goes to
    /// `count - 1 - i`. Each slot is written by the one block that holds its line.
    private let slots: UnsafeMutablePointer<SessionSummary>
    /// Each entry's inode, to tell a line written twice from two files.
    let inodes: UnsafeMutableBufferPointer<UInt64>
    /// How many lines each block holds, then which entry is its first.
    private let lines: UnsafeMutableBufferPointer<Int>
    private let firsts: UnsafeMutableBufferPointer<Int>
    /// How many lines of each block are in `slots`, so a failed check frees exactly those.
    private let filled: UnsafeMutableBufferPointer<Int>
    private let failed = Atomic<Bool>(false)

    var blocks: Int { ranges.count }

    private init(index: Int32, body: Range<Int>, count: Int, directory: Int32,
                 slots: UnsafeMutablePointer<SessionSummary>, blocks: Int?) {
        self.index = index
        self.body = body
        self.count = count
        self.directory = directory
        self.slots = slots
        let cores = ProcessInfo.processInfo.activeProcessorCount
        // Small stores in one block on this thread; large ones in blocks of some 500 lines
        // (a few milliseconds of stat'ing), so the cores finish together.
        let blocks = max(1, blocks ?? (count < 1024 || cores < 2 ? 1 : max(cores * 8, count / 512)))
        ranges = (0..<blocks).map { block in
            body.lowerBound + body.count * block / blocks ..< body.lowerBound + body.count * (block + 1) / blocks
        }
        inodes = .allocate(capacity: count)
        lines = .allocate(capacity: blocks)
        lines.initialize(repeating: 0)
        firsts = .allocate(capacity: blocks)
        firsts.initialize(repeating: 0)
        filled = .allocate(capacity: blocks)
        filled.initialize(repeating: 0)
    }

    deinit {
        inodes.deallocate()
        lines.deallocate()
        firsts.deallocate()
        filled.deallocate()
    }

    /// The summaries, oldest first, when every line of the index is an entry whose file
    /// has its entry's stamp, the index ends with the folder's `stamp`, and no file is
    /// named twice; nil otherwise. `index` is the index file, open.
    static func summaries(index: Int32, directory: Int32, stamp: FileStamp, blocks: Int?) -> [SessionSummary]? {
        var info = Glibc.stat()
        guard fstat(index, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= SummaryIndex.fileLimit else { return nil }
        let size = Int(info.st_size)
        // The folder line comes last and is the cheapest to check, so it is checked first.
        guard let folderLine = IndexLines.lastLine(of: index, size: size),
              folderLine.text.withUnsafeBufferPointer(SummaryIndex.folderStamp) == stamp,
              let (total, bodyStart) = IndexLines.head(of: index, before: folderLine.start)
        else { return nil }

        var checked = false
        let summaries = [SessionSummary](unsafeUninitializedCapacity: total) { buffer, initialized in
            guard let slots = buffer.baseAddress else { checked = total == 0 && bodyStart == folderLine.start; return }
            HugePages.advise(UnsafeMutableRawPointer(slots), count: total * MemoryLayout<SessionSummary>.stride)
            let check = UnchangedFolder(index: index, body: bodyStart..<folderLine.start, count: total, directory: directory,
                                        slots: slots, blocks: blocks)
            // Every line up to the folder line is an entry, and there are as many as the count
            // says: the blocks' lines are counted first, which also tells each block where
            // its entries go.
            check.inParallel { check.countLines(block: $0) }
            guard check.numberBlocks() else { return }
            check.inParallel { check.run(block: $0) }
            if check.finish() {
                initialized = total
                checked = !Self.hasRepeats(check.inodes)
            }
        }
        return checked ? summaries : nil
    }

    private func inParallel(_ work: @Sendable (Int) -> Void) {
        if blocks == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: blocks, execute: work)
        }
    }

    private func countLines(block: Int) {
        var lines = 0
        if !IndexLines.forEach(in: index, startingIn: ranges[block], body: body, { _ in lines += 1; return true }) {
            failed.store(true, ordering: .relaxed)
        }
        self.lines[block] = lines
    }

    /// Whether the blocks hold as many lines as the index says, each block's first entry set.
    private func numberBlocks() -> Bool {
        guard !failed.load(ordering: .relaxed) else { return false }
        var next = 0
        for block in 0..<blocks {
            firsts[block] = next
            next += lines[block]
        }
        return next == count
    }

    /// Parses and checks the lines of one block, stopping at the first that fails (and
    /// as soon as another block has failed: the caller will list the folder anyway).
    private func run(block: Int) {
        var path = [CChar](repeating: 0, count: 72)
        var entry = firsts[block]
        let read = IndexLines.forEach(in: index, startingIn: ranges[block], body: body) { bytes in
            // Parsed first: only a valid id (no `/`, no `..`) is ever used as a name.
            guard !failed.load(ordering: .relaxed), entry < firsts[block] + lines[block],
                  let (stamp, summary) = SummaryIndex.parts(bytes), matches(stamp, name: bytes, path: &path) else { return false }
            (slots + (count - 1 - entry)).initialize(to: summary)
            inodes[entry] = stamp.inode
            filled[block] += 1
            entry += 1
            return true
        }
        if !read || filled[block] != lines[block] { failed.store(true, ordering: .relaxed) }
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
            let first = firsts[block]
            for entry in first..<first + filled[block] { (slots + (count - 1 - entry)).deinitialize(count: 1) }
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

/// The lines of an index file read a piece at a time into one small buffer, by `pread`
/// (so blocks read on several threads share the open file).
enum IndexLines {
    /// Calls `line` with each line (without its line feed) that starts in `range`, a part
    /// of `body`, the whole lines of the file between two line starts. Every line in
    /// `body` ends with a line feed inside it. False when a read fails or comes short, or
    /// when `line` returns false. `piece` is how much is read at a time; a longer line
    /// grows the buffer.
    static func forEach(in file: Int32, startingIn range: Range<Int>, body: Range<Int>, piece: Int = 64 << 10,
                        _ line: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        guard !range.isEmpty else { return true }
        var capacity = max(1, piece)
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        // The buffer holds the file's bytes from `offset`, `held` of them.
        var offset = range.lowerBound
        var held = 0
        // A block's first line starts after the first line feed at or after the byte before it.
        var start = range.lowerBound
        var skipping = range.lowerBound > body.lowerBound
        if skipping { offset -= 1; start -= 1 }
        while start < range.upperBound {
            let searched = start - offset
            if let feed = memchr(buffer + searched, 0x0A, held - searched) {
                let end = offset + (UnsafeMutableRawPointer(feed) - UnsafeMutableRawPointer(buffer))
                if !skipping, !line(UnsafeBufferPointer(start: buffer + (start - offset), count: end - start)) { return false }
                skipping = false
                start = end + 1
                continue
            }
            // No whole line left in the buffer: keep the part of this one, and read on.
            guard offset + held < body.upperBound else { return false }
            if start > offset {
                memmove(buffer, buffer + (start - offset), held - (start - offset))
                held -= start - offset
                offset = start
            }
            if held == capacity {
                capacity *= 2
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
                grown.initialize(from: buffer, count: held)
                buffer.deallocate()
                buffer = grown
            }
            let got = pread(file, buffer + held, min(capacity - held, body.upperBound - offset - held), off_t(offset + held))
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return false }
            held += got
        }
        return true
    }

    /// The file's last line (which must end with a line feed) and where it starts; nil if
    /// it is longer than a folder line can be.
    static func lastLine(of file: Int32, size: Int) -> (text: [UInt8], start: Int)? {
        let tail = min(size, 256)
        var bytes = [UInt8](repeating: 0, count: tail)
        guard read(file, at: size - tail, into: &bytes), bytes.last == 0x0A else { return nil }
        guard let feed = bytes.dropLast().lastIndex(of: 0x0A) else {
            // The whole file is one line: no header, so no index to trust.
            return nil
        }
        return (Array(bytes[(feed + 1)..<(tail - 1)]), size - tail + feed + 1)
    }

    /// The entries' count and where the first entry starts, when the file opens with the
    /// index's header line and its count line, both before `limit`.
    static func head(of file: Int32, before limit: Int) -> (count: Int, bodyStart: Int)? {
        var bytes = [UInt8](repeating: 0, count: min(limit, 4096))
        guard read(file, at: 0, into: &bytes),
              let first = bytes.firstIndex(of: 0x0A), bytes[..<first].elementsEqual(SummaryIndex.header.utf8),
              let second = bytes[(first + 1)...].firstIndex(of: 0x0A),
              let total = bytes.withUnsafeBufferPointer({ SummaryIndex.count(UnsafeBufferPointer(rebasing: $0[(first + 1)..<second])) })
        else { return nil }
        return (total, second + 1)
    }

    /// Fills `bytes` from `offset`; false if the file ends first or a read fails.
    private static func read(_ file: Int32, at offset: Int, into bytes: inout [UInt8]) -> Bool {
        var done = 0
        while done < bytes.count {
            let got = bytes.withUnsafeMutableBytes { pread(file, $0.baseAddress! + done, $0.count - done, off_t(offset + done)) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return false }
            done += got
        }
        return true
    }
}

/// Memory of megabytes about to be filled (the summaries of a large store) is asked for in
/// huge pages (2 MB), which systems with transparent huge pages in `madvise` mode (the
/// usual default) then give: filling 7 MB takes a handful of page faults instead of 1,800,
/// each of them a trip through the kernel. Where there are no huge pages the advice is
/// ignored and nothing changes.
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
