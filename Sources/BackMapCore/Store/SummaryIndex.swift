import Foundation

/// A cache of session summaries, one line per session file, kept in the
/// store as `sessions.index` so that listing years of sessions reads one
/// small file and stats each session file instead of decoding thousands of
/// JSON files.
///
/// It is never trusted blindly: an entry is used only while its file's
/// `FileStamp` (size, modification and change time, inode) is unchanged;
/// a new, changed or removed file is read again or dropped; a damaged line
/// is ignored and a damaged or foreign index is ignored whole, and both are
/// rebuilt from the session files. Deleting the index loses nothing.
///
/// Entries are kept newest first, after a line with their count, so the home
/// screen can draw its first rows from the head of the file at once, whatever
/// the size of the store, and check the files afterwards (see `preview`).
///
/// The format is plain text, tab-separated, with `\` escapes in text fields:
/// a header line, then `name size modified changed inode startedAt offset
/// subject technique tags painBefore painAfter marks passes map newer note release`
/// (times in seconds or nanoseconds since 1970, the map as in `BackMap.compact`, the
/// release as `first,last,firstMap,lastMap` or empty). When the entries are exactly the
/// session files of `sessions/`, a last line `folder size modified changed inode` holds
/// the folder's stamp, which lets a scan skip listing a folder nobody changed since.
public struct SummaryIndex: Equatable, Sendable {
    /// One session file as it was when indexed.
    public struct Entry: Equatable, Sendable {
        public var stamp: FileStamp
        public var summary: SessionSummary

        public init(stamp: FileStamp, summary: SessionSummary) {
            self.stamp = stamp
            self.summary = summary
        }
    }

    /// The first line; a different one discards the index. It names the index format, the
    /// session format this build writes and the limits a valid session keeps, so an index
    /// written by a build that judged files differently is rebuilt rather than believed.
    /// Change the first number when what a summary means changes.
    static let header = "backmap summary index 3 session \(Session.currentVersion) limits "
        + "\(SessionLimits.fileBytes)/\(SessionLimits.marks)/\(SessionLimits.noteCharacters)/"
        + "\(SessionLimits.subjectCharacters)/\(SessionLimits.tags)/\(SessionLimits.tagCharacters)"
    /// The file's name in the store folder.
    public static let fileName = "sessions.index"

    /// Entries by file name (`<id>.json`).
    public var entries: [String: Entry]
    /// The stamp of `sessions/` when the entries were exactly its session files: every
    /// `*.json` name in it a valid id, and every file read and settled (see
    /// `SessionStore.unchangedScan`). Creating, removing or renaming anything in a folder
    /// changes its stamp, so while the folder's stamp is this one, its names are the
    /// entries' names; each file must still match its own stamp.
    public var folder: FileStamp?

    public init(entries: [String: Entry] = [:], folder: FileStamp? = nil) {
        self.entries = entries
        self.folder = folder
    }

    // MARK: Reading

    /// The index in `data`; unusable lines are left out, a bad header gives an empty index.
    public init(decoding data: Data) {
        entries = [:]
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lines = LineReader(bytes: bytes)
            guard let first = lines.next(), String(decoding: UnsafeBufferPointer(rebasing: bytes[first]), as: UTF8.self) == Self.header,
                  let second = lines.next(), Self.count(UnsafeBufferPointer(rebasing: bytes[second])) != nil else {
                return
            }
            entries.reserveCapacity(bytes.count / 160)
            while let line = lines.next() {
                let line = UnsafeBufferPointer(rebasing: bytes[line])
                if let entry = Self.entry(line) {
                    let name = entry.summary.id.rawValue + ".json"
                    entries[name] = entry
                } else if let stamp = Self.folderStamp(line) {
                    folder = stamp
                }
            }
        }
    }

    /// The index stored at `url`, or an empty one when it is missing, unreadable or damaged.
    public init(contentsOf url: URL) {
        guard let data = try? BoundedRead.data(at: url, limit: Self.fileLimit, what: "the summary index") else {
            self.init()
            return
        }
        self.init(decoding: data)
    }

    /// The entries of an index in the file's order (newest first), stamps and summaries
    /// apart: a scan that finds every file unchanged hands the summaries on as they are.
    struct Columns {
        var stamps: [FileStamp] = []
        var summaries: [SessionSummary] = []
        var folder: FileStamp?
        var count: Int { stamps.count }
    }

    /// An index of the entries of `previous` at `positions`, and `fresh` ones.
    init(_ previous: Columns, keeping positions: some Sequence<Int>, adding fresh: [Entry], folder: FileStamp?) {
        self.init(folder: folder)
        entries.reserveCapacity(previous.count + fresh.count)
        for position in positions {
            let summary = previous.summaries[position]
            entries[summary.id.rawValue + ".json"] = Entry(stamp: previous.stamps[position], summary: summary)
        }
        for entry in fresh { entries[entry.summary.id.rawValue + ".json"] = entry }
    }

    /// The entries at `url` in the file's order (newest first), or none when it is missing,
    /// unreadable or damaged. Read a block at a time, so a store of a hundred thousand
    /// sessions never holds its whole index in memory as bytes and entries at once.
    static func entriesInOrder(contentsOf url: URL) -> Columns {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return Columns() }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= fileLimit else { return Columns() }
        var entries = Columns()
        entries.stamps.reserveCapacity(Int(info.st_size) / 170)
        entries.summaries.reserveCapacity(Int(info.st_size) / 170)
        let block = 1 << 20
        var buffer = [UInt8](repeating: 0, count: block)
        var filled = 0
        var lineNumber = 0
        var total: Int?
        while true {
            if filled == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: block)) }
            let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { return Columns() }
            let atEnd = got == 0
            filled += got
            var consumed = 0
            var bad = false
            buffer.withUnsafeBufferPointer { all in
                let bytes = UnsafeBufferPointer(rebasing: all[0..<filled])
                var start = 0
                while start < filled {
                    let found = memchr(bytes.baseAddress! + start, 0x0A, filled - start)
                    guard let newline = found.map({ UnsafeRawPointer($0) - UnsafeRawPointer(bytes.baseAddress!) }) ?? (atEnd ? filled : nil) else { break }
                    let line = UnsafeBufferPointer(rebasing: bytes[start..<newline])
                    start = newline + 1
                    lineNumber += 1
                    if lineNumber == 1 {
                        if String(decoding: line, as: UTF8.self) != Self.header { bad = true; return }
                    } else if lineNumber == 2 {
                        total = Self.count(line)
                        if total == nil { bad = true; return }
                    } else if let (stamp, summary) = Self.parts(line) {
                        // Apart, so the summary moves into its column rather than being copied.
                        entries.stamps.append(stamp)
                        entries.summaries.append(summary)
                    } else if let stamp = Self.folderStamp(line) {
                        entries.folder = stamp
                    }
                }
                consumed = min(start, filled)
            }
            if bad { return Columns() }
            // Keep the unfinished line for the next block.
            if consumed > 0 {
                buffer.withUnsafeMutableBufferPointer { all in
                    _ = memmove(all.baseAddress!, all.baseAddress! + consumed, filled - consumed)
                }
                filled -= consumed
            }
            if atEnd { break }
        }
        return entries
    }

    /// Far above what a lifetime of sessions needs (about 200 bytes a session).
    static let fileLimit = 64 * 1024 * 1024

    /// The newest `limit` entries as the index at `url` last saw them, newest first, and
    /// how many sessions it holds; nil when there is no usable index.
    ///
    /// Nothing is checked against the files, so this is only ever shown as such (the
    /// home screen marks it until `scan()` has checked every file). It reads only the
    /// head of the index: the cost does not grow with the store.
    public static func recent(at url: URL, limit: Int) -> (summaries: [SessionSummary], total: Int)? {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // A line is about 200 bytes; read more only in the rare case of long subjects or tags.
        var size = 512 + limit * 256
        while true {
            var count = 0
            let buffer = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                count = max(0, pread(fd, buffer.baseAddress, size, 0))
                initialized = count
            }
            guard count > 0 else { return nil }
            let result: (summaries: [SessionSummary], total: Int, complete: Bool)? = buffer.withUnsafeBufferPointer { bytes in
                var lines = LineReader(bytes: bytes)
                guard let first = lines.next(), String(decoding: UnsafeBufferPointer(rebasing: bytes[first]), as: UTF8.self) == Self.header,
                      let second = lines.next(), let total = Self.count(UnsafeBufferPointer(rebasing: bytes[second])) else {
                    return nil
                }
                var summaries: [SessionSummary] = []
                summaries.reserveCapacity(min(limit, total))
                while summaries.count < min(limit, total), let line = lines.next() {
                    // The last line read may be cut short by the end of the buffer.
                    guard line.upperBound < count || count < size else { break }
                    if let entry = Self.entry(UnsafeBufferPointer(rebasing: bytes[line])) {
                        summaries.append(entry.summary)
                    }
                }
                return (summaries, total, summaries.count >= min(limit, total) || count < size)
            }
            guard let result else { return nil }
            if result.complete || size >= Self.fileLimit { return (result.summaries, result.total) }
            size *= 4
        }
    }

    /// The second line: `sessions N`.
    static func count(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        let prefix = Array("sessions ".utf8)
        guard line.count > prefix.count, line.prefix(prefix.count).elementsEqual(prefix) else { return nil }
        var value = 0
        for byte in line.dropFirst(prefix.count) {
            guard byte >= 48, byte <= 57, value < 1 << 40 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    /// The last line, `folder size modified changed inode`, when the entries are exactly
    /// the folder's session files.
    static func folderStamp(_ line: UnsafeBufferPointer<UInt8>) -> FileStamp? {
        var fields = FieldReader(line: line)
        guard fields.word("folder"), let stamp = fields.stamp(), fields.isAtEnd else { return nil }
        return stamp
    }

    /// One line's entry; its file's name is always `<id>.json`.
    private static func entry(_ line: UnsafeBufferPointer<UInt8>) -> Entry? {
        parts(line).map { Entry(stamp: $0.stamp, summary: $0.summary) }
    }

    /// One line's file stamp and summary.
    static func parts(_ line: UnsafeBufferPointer<UInt8>) -> (stamp: FileStamp, summary: SessionSummary)? {
        var fields = FieldReader(line: line)
        // The name is read from its bytes: ids need no escapes, and this runs for every session.
        guard let id = fields.sessionID(), let stamp = fields.stamp(),
              // Only what `encoded()` writes (`wholeSeconds`): anything else is a damaged line.
              let seconds = fields.int64(), abs(seconds) < Self.secondsLimit, let offset = fields.int(), abs(offset) < 86_400,
              let subject = fields.text(), !subject.isEmpty,
              let technique = fields.technique(),
              let tags = fields.list(),
              let painBefore = fields.optionalInteger(in: 0...10),
              let painAfter = fields.optionalInteger(in: 0...10),
              let markCount = fields.int(), markCount >= 0,
              let passCount = fields.int(), passCount >= 0,
              let map = fields.map(),
              let newer = fields.flag(), let hasNote = fields.flag(),
              let release = fields.release(),
              fields.isAtEnd
        else { return nil }
        let startedAt = Timestamp(date: Date(timeIntervalSince1970: Double(seconds)), utcOffset: offset)
        let summary = SessionSummary(
            id: id, startedAt: startedAt, subject: subject, technique: technique, tags: tags,
            painBefore: painBefore, painAfter: painAfter, markCount: markCount, passCount: passCount,
            map: map, isFromNewerVersion: newer, hasNote: hasNote, release: release)
        return (stamp, summary)
    }

    // MARK: Writing

    /// The index as file bytes, newest first (the order of the home screen; ids break ties,
    /// so the same index always gives the same bytes).
    public func encoded() -> Data {
        var out = ByteWriter()
        out.bytes.reserveCapacity(64 + entries.count * 180)
        out.append(Self.header)
        out.newline()
        let written = entries.filter { Self.wholeSeconds($0.value.summary.startedAt) != nil }
            .sorted { SessionSummary.chronological($1.value.summary, $0.value.summary) }
        out.append("sessions \(written.count)")
        out.newline()
        for (name, entry) in written {
            guard let seconds = Self.wholeSeconds(entry.summary.startedAt) else { continue }
            let s = entry.summary
            out.escaped(name)
            out.tab(); out.stamp(entry.stamp)
            out.tab(); out.integer(seconds)
            out.tab(); out.integer(Int64(s.startedAt.utcOffset))
            out.tab(); out.escaped(s.subject)
            out.tab(); out.append(s.technique.rawValue)
            out.tab()
            for (index, tag) in s.tags.enumerated() {
                if index > 0 { out.bytes.append(UInt8(ascii: ",")) }
                out.escaped(tag)
            }
            out.tab(); if let pain = s.painBefore { out.integer(Int64(pain)) }
            out.tab(); if let pain = s.painAfter { out.integer(Int64(pain)) }
            out.tab(); out.integer(Int64(s.markCount))
            out.tab(); out.integer(Int64(s.passCount))
            out.tab(); out.map(s.map)
            out.tab(); out.bytes.append(s.isFromNewerVersion ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            out.tab(); out.bytes.append(s.hasNote ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            out.tab()
            if let release = s.release {
                out.integer(Int64(release.firstPass))
                out.comma(); out.integer(Int64(release.lastPass))
                out.comma(); out.map(release.comparison.a)
                out.comma(); out.map(release.comparison.b)
            }
            out.newline()
        }
        // Only an index that holds every entry can vouch for the folder's names.
        if let folder, written.count == entries.count {
            out.append("folder")
            out.tab(); out.stamp(folder)
            out.newline()
        }
        return Data(out.bytes)
    }

    /// Seconds since 1970 when the time is a whole second (always, for a time read from a
    /// file); a time the index could not give back exactly is left out of it.
    static func wholeSeconds(_ time: Timestamp) -> Int64? {
        let seconds = time.date.timeIntervalSince1970
        guard seconds == seconds.rounded(), abs(seconds) < Double(secondsLimit) else { return nil }
        return Int64(seconds)
    }

    /// Start times the index keeps lie within this many seconds of 1970 (some 31 million years).
    static let secondsLimit: Int64 = 1_000_000_000_000_000
}

/// Builds the index's bytes without the intermediate strings that joining fields would make.
private struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }
    mutating func tab() { bytes.append(0x09) }
    mutating func newline() { bytes.append(0x0A) }
    mutating func comma() { bytes.append(UInt8(ascii: ",")) }

    /// 36 bytes, "0"–"3" or "." for unknown, in `Zone.all` order.
    mutating func map(_ map: BackMap) {
        for zone in Zone.all {
            bytes.append(map[zone].map { UInt8(ascii: "0") + UInt8($0.rawValue) } ?? UInt8(ascii: "."))
        }
    }

    mutating func integer(_ value: Int64) { bytes.appendDecimal(value) }

    /// `size modified changed inode`, as entries and the folder line hold a stamp.
    mutating func stamp(_ stamp: FileStamp) {
        integer(stamp.size)
        tab(); integer(stamp.modified)
        tab(); integer(stamp.changed)
        tab(); bytes.appendDecimal(stamp.inode)
    }

    /// Text with `\`, tab, line ends and commas escaped, so a field never spans a separator.
    mutating func escaped(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
            case 0x2C: bytes.append(0x5C); bytes.append(UInt8(ascii: ","))
            default: bytes.append(byte)
            }
        }
    }
}

extension SessionSummary {
    /// A summary from its parts, as the index keeps them.
    init(id: SessionID, startedAt: Timestamp, subject: String, technique: Technique, tags: [String],
         painBefore: Int?, painAfter: Int?, markCount: Int, passCount: Int, map: BackMap,
         isFromNewerVersion: Bool, hasNote: Bool, release: SessionRelease?) {
        self.id = id
        self.startedAt = startedAt
        self.subject = subject
        self.technique = technique
        self.tags = tags
        self.painBefore = painBefore
        self.painAfter = painAfter
        self.markCount = markCount
        self.passCount = passCount
        self.map = map
        self.isFromNewerVersion = isFromNewerVersion
        self.hasNote = hasNote
        self.release = release
    }
}

/// Splits bytes into lines (ranges without the line feed).
struct LineReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var start = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func next() -> Range<Int>? {
        guard start < bytes.count else { return nil }
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        defer { start = end + 1 }
        return start..<end
    }
}

/// Reads the tab-separated fields of one index line (or the comma-separated parts of one
/// field); every reader returns nil on a malformed field.
private struct FieldReader {
    let line: UnsafeBufferPointer<UInt8>
    let separator: UInt8
    var position = 0
    /// Past the last field (there is no separator after it).
    var isAtEnd: Bool { position > line.count }

    init(line: UnsafeBufferPointer<UInt8>, separator: UInt8 = 0x09) {
        self.line = line
        self.separator = separator
    }

    /// The next raw field, or nil after the last one.
    @inline(__always)
    private mutating func field() -> UnsafeBufferPointer<UInt8>? {
        guard position <= line.count else { return nil }
        var end = position
        // Eight bytes at a time while eight are left (a line's fields are mostly long
        // numbers), then byte by byte.
        while end + 8 <= line.count {
            let count = UInt64.leadingQualifyingBytes(UInt64.bytes(at: line.baseAddress! + end).highBits(ofBytesOtherThan: separator))
            end += count
            if count < 8 {
                defer { position = end + 1 }
                return UnsafeBufferPointer(rebasing: line[position..<end])
            }
        }
        while end < line.count, line[end] != separator { end += 1 }
        defer { position = end + 1 }
        return UnsafeBufferPointer(rebasing: line[position..<end])
    }

    /// The next field as a number: an optional "-" and 1–19 digits, within Int64. Read in
    /// one pass, eight bytes at a time while eight are left in the line (a line holds eight
    /// numbers, its stamp's times of nineteen digits among them).
    mutating func int64() -> Int64? {
        guard position < line.count, let base = line.baseAddress else { return nil }
        let negative = base[position] == UInt8(ascii: "-")
        let first = negative ? position + 1 : position
        var end = first
        var value: UInt64 = 0
        while end + 8 <= line.count {
            let word = UInt64.bytes(at: base + end)
            let digits = UInt64.leadingQualifyingBytes(word.highBitsOfDigits)
            if digits > 0 {
                // The first `digits` bytes, after as many zeros as make eight.
                let shift = UInt64(8 * (8 - digits))
                value = value &* Self.powersOfTen[digits] &+ Self.eightDigits(word &<< shift | 0x3030_3030_3030_3030 &>> (64 - shift))
                end += digits
            }
            if digits < 8 { break }
        }
        while end < line.count, line[end] &- 48 <= 9 {
            value = value &* 10 &+ UInt64(line[end] &- 48)
            end += 1
        }
        // Nineteen digits cannot overflow a UInt64 (more are refused before the value is
        // used); only Int64's range needs checking after. A damaged line must not trap on
        // overflow: it is simply not used.
        guard (1...19).contains(end - first), end == line.count || line[end] == separator, value <= UInt64(Int64.max) else { return nil }
        position = end + 1
        return negative ? -Int64(value) : Int64(value)
    }

    private static let powersOfTen: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

    /// The value of eight ASCII digits in a word, first digit lowest (`UInt64.bytes(at:)`).
    private static func eightDigits(_ bytes: UInt64) -> UInt64 {
        // Pairs, then fours, then all eight: each step joins neighbours as tens and units.
        var value = bytes & 0x0F0F_0F0F_0F0F_0F0F
        value = (value &* (10 << 8 + 1)) >> 8 & 0x00FF_00FF_00FF_00FF
        value = (value &* (100 << 16 + 1)) >> 16 & 0x0000_FFFF_0000_FFFF
        return (value &* (10_000 << 32 + 1)) >> 32
    }

    mutating func int() -> Int? {
        int64().flatMap { Int(exactly: $0) }
    }

    /// An empty field is nil (`.some(nil)`); a number outside `range` is malformed (nil).
    mutating func optionalInteger(in range: ClosedRange<Int>) -> Int?? {
        guard let bytes = field() else { return nil }
        if bytes.isEmpty { return .some(nil) }
        guard bytes.count <= 2, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let value = bytes.reduce(0) { $0 * 10 + Int($1 - 48) }
        return range.contains(value) ? .some(value) : nil
    }

    /// Four fields, `size modified changed inode`.
    mutating func stamp() -> FileStamp? {
        guard let size = int64(), let modified = int64(), let changed = int64(),
              let inode = int64().flatMap(UInt64.init(exactly:)) else { return nil }
        return FileStamp(size: size, modified: modified, changed: changed, inode: inode)
    }

    /// A field that is exactly `word`.
    mutating func word(_ word: StaticString) -> Bool {
        guard let bytes = field(), bytes.count == word.utf8CodeUnitCount else { return false }
        return memcmp(bytes.baseAddress!, word.utf8Start, bytes.count) == 0
    }

    mutating func flag() -> Bool? {
        guard let bytes = field(), bytes.count == 1 else { return nil }
        switch bytes[0] {
        case UInt8(ascii: "0"): return false
        case UInt8(ascii: "1"): return true
        default: return nil
        }
    }

    mutating func map() -> BackMap? {
        field().flatMap(BackMap.init(compact:))
    }

    /// `first,last,firstMap,lastMap`, or an empty field for a session without a release
    /// (`.some(nil)`); anything else is malformed (nil).
    mutating func release() -> SessionRelease?? {
        guard let bytes = field() else { return nil }
        if bytes.isEmpty { return .some(nil) }
        var parts = FieldReader(line: bytes, separator: UInt8(ascii: ","))
        guard let first = parts.pass(), let last = parts.pass(), first < last,
              let firstMap = parts.map(), let lastMap = parts.map(), parts.isAtEnd
        else { return nil }
        return .some(SessionRelease(first: first, firstMap: firstMap, last: last, lastMap: lastMap))
    }

    private mutating func pass() -> Int? {
        guard let bytes = field(), !bytes.isEmpty, bytes.count <= 3, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let value = bytes.reduce(0) { $0 * 10 + Int($1 - 48) }
        return (1...SessionLimits.passes).contains(value) ? value : nil
    }

    /// A `<id>.json` field as the id.
    mutating func sessionID() -> SessionID? {
        guard let bytes = field(), bytes.count > 5,
              bytes[bytes.count - 5] == UInt8(ascii: "."), bytes[bytes.count - 4] == UInt8(ascii: "j"),
              bytes[bytes.count - 3] == UInt8(ascii: "s"), bytes[bytes.count - 2] == UInt8(ascii: "o"),
              bytes[bytes.count - 1] == UInt8(ascii: "n") else { return nil }
        let id = UnsafeBufferPointer(rebasing: bytes[0..<bytes.count - 5])
        guard SessionID.isValid(bytes: id) else { return nil }
        // Valid ids are ASCII: copied as they are, without decoding.
        return SessionID(validated: String(unsafeUninitializedCapacity: id.count) { $0.initialize(fromContentsOf: id) })
    }

    /// A technique by its raw value's bytes (it needs no escapes), without a string for each line.
    mutating func technique() -> Technique? {
        guard let bytes = field(), let base = bytes.baseAddress else { return nil }
        for (technique, raw) in Self.techniques where raw.count == bytes.count {
            if raw.withUnsafeBufferPointer({ memcmp($0.baseAddress!, base, bytes.count) == 0 }) { return technique }
        }
        return nil
    }

    private static let techniques = Technique.allCases.map { (technique: $0, bytes: Array($0.rawValue.utf8)) }

    mutating func text() -> String? {
        guard let bytes = field() else { return nil }
        return Self.unescaped(bytes)
    }

    /// Comma-separated escaped texts; an empty field is an empty list.
    mutating func list() -> [String]? {
        guard let bytes = field() else { return nil }
        if bytes.isEmpty { return [] }
        var items: [String] = []
        var start = 0
        var index = 0
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == UInt8(ascii: ",") {
                guard let item = Self.unescaped(UnsafeBufferPointer(rebasing: bytes[start..<index])) else { return nil }
                items.append(item)
                start = index + 1
            } else if bytes[index] == UInt8(ascii: "\\") {
                index += 1
            }
            index += 1
        }
        return items
    }

    /// Decodes `\\ \t \n \r \,`; nil for any other escape or for bytes that are not UTF-8.
    static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.contains(UInt8(ascii: "\\")) else { return validated(bytes) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            var byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { return nil }
                switch bytes[index] {
                case UInt8(ascii: "\\"): byte = 0x5C
                case UInt8(ascii: "t"): byte = 0x09
                case UInt8(ascii: "n"): byte = 0x0A
                case UInt8(ascii: "r"): byte = 0x0D
                case UInt8(ascii: ","): byte = 0x2C
                default: return nil
                }
            }
            result.append(byte)
            index += 1
        }
        return result.withUnsafeBufferPointer(validated)
    }

    /// The text, or nil when the bytes are not valid UTF-8. Decoding repairs bad bytes, so
    /// the result is valid exactly when it gives back the same bytes; this is cheaper than
    /// the generic `String(validating:as:)`, and text in the index is nearly always ASCII.
    static func validated(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        if bytes.allSatisfy({ $0 < 0x80 }) { return text }
        return text.utf8.elementsEqual(bytes) ? text : nil
    }
}
