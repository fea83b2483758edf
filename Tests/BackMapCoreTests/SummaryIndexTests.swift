import Foundation
import Glibc
import Synchronization
import Testing
@testable import BackMapCore
import TestSupport

/// A store in a fresh temporary folder, with a few sessions saved in it.
private struct IndexFixture {
    let store: SessionStore
    var sessions: [Session] = []

    init(sessions count: Int = 5) throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("backmap-index-\(UUID().uuidString)", isDirectory: true)
        store = SessionStore(root: root)
        for day in 0..<count {
            sessions.append(try save(Self.session(day: day)))
        }
    }

    /// The index text of day 2's session alone, its file's stamp `1 2 3 4`.
    static func oneEntryText() -> (session: Session, text: String) {
        let session = Self.session(day: 2)
        let stamp = FileStamp(size: 1, modified: 2, changed: 3, inode: 4)
        let index = SummaryIndex(entries: ["\(session.id).json": .init(stamp: stamp, summary: SessionSummary(session))])
        return (session, String(decoding: index.encoded(), as: UTF8.self))
    }

    static func session(day: Int, subject: String = "me") -> Session {
        let start = Timestamp(date: Date(timeIntervalSince1970: Double(1_700_000_000 + day * 86_400)), utcOffset: 3600)
        var session = Session(id: SessionID.make(at: start, random: { UInt16(day) }), startedAt: start, subject: subject)
        for (index, zone) in Zone.rollingOrder.prefix(10 + day).enumerated() {
            session.marks.append(Mark(at: start, pass: 1, zone: zone, tightness: Tightness(rawValue: (index + day) % 4)))
        }
        session.painBefore = day % 11
        return session
    }

    @discardableResult
    func save(_ session: Session) throws -> Session {
        try store.save(session)
        return session
    }

    /// A scan as if the files had been written long ago, so none is too fresh to index.
    func scan() -> StoreScan {
        store.indexedScan(now: Date().addingTimeInterval(60))
    }

    /// What decoding every file that can be read gives, without any index.
    func fullScan() throws -> [SessionSummary] {
        let names = try FileManager.default.contentsOfDirectory(atPath: store.sessionsFolder.path)
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
        return names.compactMap { try? SessionSummary(store.load(file: store.sessionsFolder.appendingPathComponent($0))) }
            .sorted(by: SessionSummary.chronological)
    }

    var index: SummaryIndex { SummaryIndex(contentsOf: store.indexFile) }

    /// The scan that trusts the index's names while the folder keeps the stamp it recorded;
    /// nil when that scan declines and the folder must be listed.
    func unchangedScan(blocks: Int? = nil) -> StoreScan? {
        let directory = open(store.sessionsFolder.path, O_RDONLY | O_DIRECTORY)
        guard directory >= 0 else { return nil }
        defer { close(directory) }
        var info = stat()
        guard fstat(directory, &info) == 0 else { return nil }
        return store.unchangedScan(directory: directory, stamp: FileStamp(info), blocks: blocks)
    }

    func indexText() throws -> String {
        try String(contentsOf: store.indexFile, encoding: .utf8)
    }

    func writeIndex(_ text: String) throws {
        try AtomicFile.write(Data(text.utf8), to: store.indexFile)
    }

    func remove() {
        try? FileManager.default.removeItem(at: store.root)
    }
}

@Suite("Summary index")
struct SummaryIndexTests {
    @Test func scanWithTheIndexGivesWhatDecodingEveryFileGives() throws {
        let fixture = try IndexFixture(sessions: 6)
        defer { fixture.remove() }

        let first = fixture.scan()
        #expect(first.summaries == (try fixture.fullScan()))
        #expect(fixture.index.entries.count == 6)

        let second = fixture.scan()
        #expect(second.summaries == first.summaries)
        #expect(second.problems.isEmpty)
    }

    @Test func manyNewFilesReadOnSeveralThreadsGiveTheSameSummariesInOrder() throws {
        let fixture = try IndexFixture(sessions: 40)
        defer { fixture.remove() }
        let bad = fixture.store.sessionsFolder.appendingPathComponent("20240101-000000-beef.json")
        try Data("[]".utf8).write(to: bad)

        let scan = fixture.scan()
        #expect(scan.summaries == (try fixture.fullScan()))
        #expect(scan.problems.map(\.file.lastPathComponent) == ["20240101-000000-beef.json"])
        #expect(fixture.index.entries.count == 40)
    }

    @Test(arguments: [0, 1, 2, 3, 64])
    func orderedParallelConsumesEveryPartOnceInOrderOneAtATime(count: Int) {
        let busy = Atomic<Int>(0)
        var consumed: [Int] = []
        var overlapped = false
        orderedParallel(count, make: { index -> Int in
            // Later parts are often ready first: they must still wait their turn.
            usleep(UInt32((count - index) % 4 * 300))
            return index * 10
        }, consume: { part in
            if busy.add(1, ordering: .sequentiallyConsistent).newValue != 1 { overlapped = true }
            consumed.append(part)
            usleep(100)
            busy.subtract(1, ordering: .sequentiallyConsistent)
        })
        #expect(consumed == (0..<count).map { $0 * 10 })
        #expect(!overlapped)
    }

    @Test func parallelMapKeepsTheOrderOfItsInput() {
        let numbers = Array(0..<1_000)
        #expect(parallelMap(numbers) { $0 * 2 } == numbers.map { $0 * 2 })
        #expect(parallelMap([3, 1]) { $0 + 1 } == [4, 2])
        #expect(parallelMap([Int]()) { $0 }.isEmpty)
    }

    @Test func indexEntriesAreUsedWhileTheirFileIsUnchanged() throws {
        let fixture = try IndexFixture(sessions: 3)
        defer { fixture.remove() }
        _ = fixture.scan()

        // Proves the scan reads the index: a summary edited in it (stamp intact) comes back.
        let name = fixture.sessions[1].id.rawValue + ".json"
        let edited = try fixture.indexText().replacingOccurrences(of: "\tme\t", with: "\tfrom the index\t")
        try fixture.writeIndex(edited)
        let scan = fixture.scan()
        #expect(scan.summaries.first { $0.id == fixture.sessions[1].id }?.subject == "from the index")
        #expect(fixture.index.entries[name] != nil)
    }

    @Test func aChangedFileIsReadAgain() throws {
        let fixture = try IndexFixture(sessions: 3)
        defer { fixture.remove() }
        _ = fixture.scan()

        var changed = fixture.sessions[2]
        changed.subject = "Alex"
        changed.marks.append(Mark(at: changed.startedAt, pass: 2, zone: Zone(.right, .t7), tightness: .veryTight))
        try fixture.save(changed)

        let scan = fixture.scan()
        let summary = try #require(scan.summaries.first { $0.id == changed.id })
        #expect(summary == SessionSummary(changed))
        #expect(scan.summaries == (try fixture.fullScan()))
        #expect(fixture.index.entries[changed.id.rawValue + ".json"]?.summary.subject == "Alex")
    }

    @Test func aFileCopiedBackWithItsOldSizeAndTimeIsStillReadAgain() throws {
        let fixture = try IndexFixture(sessions: 2)
        defer { fixture.remove() }
        let url = fixture.store.url(for: fixture.sessions[0].id)
        var before = stat()
        #expect(stat(url.path, &before) == 0)
        _ = fixture.scan()

        // Same length, different content, modification time set back as `cp -p` would.
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"subject\" : \"me\"", with: "\"subject\" : \"yo\"")
        try AtomicFile.write(Data(text.utf8), to: url)
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, url.path, &times, 0) == 0)
        var after = stat()
        #expect(stat(url.path, &after) == 0)
        #expect(after.st_size == before.st_size)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)

        let scan = fixture.scan()
        #expect(scan.summaries.first { $0.id == fixture.sessions[0].id }?.subject == "yo")
    }

    @Test func aFileRewrittenInPlaceWithItsSizeAndTimeIsReadAgain() throws {
        let fixture = try IndexFixture(sessions: 3)
        defer { fixture.remove() }
        _ = fixture.scan()
        let id = fixture.sessions[1].id
        try rewriteInPlaceKeepingSizeAndTime(fixture.store.url(for: id)) {
            $0.replacingOccurrences(of: "\"subject\" : \"me\"", with: "\"subject\" : \"yo\"")
        }
        // The real clock: the change is seconds old at most, and must show all the same.
        let scan = fixture.store.scan()
        #expect(scan.summaries.first { $0.id == id }?.subject == "yo")
        #expect(scan.summaries == (try fixture.fullScan()))
    }

    @Test func thePreviewIsTheIndexUncheckedAndTheScanIsTheFiles() throws {
        let fixture = try IndexFixture(sessions: 6)
        defer { fixture.remove() }
        _ = fixture.scan()
        let newest = fixture.sessions[5].id
        let gone = fixture.sessions[4].id
        try rewriteInPlaceKeepingSizeAndTime(fixture.store.url(for: newest)) {
            $0.replacingOccurrences(of: "\"subject\" : \"me\"", with: "\"subject\" : \"yo\"")
        }
        try fixture.store.moveToTrash(gone)

        // The preview reads the head of the index only: the newest, oldest first, as indexed.
        let preview = try #require(fixture.store.preview(limit: 3))
        #expect(preview.total == 6)
        #expect(preview.summaries.map(\.id) == fixture.sessions[3...5].map(\.id))
        #expect(preview.summaries.last?.subject == "me")
        // The scan never trusts it: the changed file is read again, the removed one is gone.
        let scan = fixture.store.scan()
        #expect(scan.summaries.first { $0.id == newest }?.subject == "yo")
        #expect(!scan.summaries.contains { $0.id == gone })
        #expect(scan.summaries == (try fixture.fullScan()))
        // And the index the scan wrote previews what the files hold.
        _ = fixture.scan()
        #expect(fixture.store.preview(limit: 10)?.summaries == scan.summaries)
        #expect(fixture.store.preview(limit: 10)?.total == 5)
    }

    @Test func noIndexMeansNoPreview() throws {
        let fixture = try IndexFixture(sessions: 1)
        defer { fixture.remove() }
        #expect(fixture.store.preview(limit: 10) == nil)
        try fixture.writeIndex("not an index\n")
        #expect(fixture.store.preview(limit: 10) == nil)
    }

    @Test func theIndexIsWrittenNewestFirstAfterItsCount() throws {
        let fixture = try IndexFixture(sessions: 4)
        defer { fixture.remove() }
        _ = fixture.scan()
        let lines = try fixture.indexText().split(separator: "\n")
        #expect(lines[1] == "sessions 4")
        #expect(lines.dropFirst(2).dropLast().map { String($0.prefix { $0 != "\t" }) } == fixture.sessions.reversed().map { "\($0.id).json" })
        // Last, the folder's stamp: every file is in the index and settled.
        var folder = stat()
        #expect(stat(fixture.store.sessionsFolder.path, &folder) == 0)
        let stamp = FileStamp(folder)
        #expect(lines.last.map(String.init) == "folder\t\(stamp.size)\t\(stamp.modified)\t\(stamp.changed)\t\(stamp.inode)")
        #expect(fixture.index.folder == stamp)
    }

    // MARK: A folder nobody changed

    @Test func anUnchangedFolderIsScannedFromTheIndexWithoutBeingListed() throws {
        let fixture = try IndexFixture(sessions: 5)
        defer { fixture.remove() }
        #expect(fixture.unchangedScan() == nil)
        let first = fixture.scan()
        #expect(fixture.index.folder != nil)

        let unchanged = try #require(fixture.unchangedScan())
        #expect(unchanged == first)
        #expect(unchanged.summaries == (try fixture.fullScan()))
        #expect(fixture.scan() == first)
    }

    @Test(arguments: [2, 7, 40, 64])
    func theUnchangedScanGivesTheSameInAnyNumberOfBlocks(blocks: Int) throws {
        let fixture = try IndexFixture(sessions: 40)
        defer { fixture.remove() }
        let first = fixture.scan()
        #expect(fixture.unchangedScan(blocks: blocks) == first)

        // A line that cannot be used in any block: the scan declines, whatever other blocks made.
        for line in [2, 21, 41] {
            var lines = try fixture.indexText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let whole = lines.joined(separator: "\n")
            lines[line] = lines[line].replacingOccurrences(of: ".json\t", with: ".json\tx")
            try fixture.writeIndex(lines.joined(separator: "\n"))
            #expect(fixture.unchangedScan(blocks: blocks) == nil)
            try fixture.writeIndex(whole)
            #expect(fixture.unchangedScan(blocks: blocks) == first)
        }
    }

    @Test func indexLinesGivesEveryLineOnceInOrderWhateverTheBlocksAndPieces() throws {
        try withScratchFolder { folder in
            // Lines from empty to longer than several pieces, between a first and a last line.
            let lines = (0..<60).map { String(repeating: Character(UnicodeScalar(UInt8(65 + $0 % 26))), count: $0 * $0 % 301) }
            let text = "head\n" + lines.map { $0 + "\n" }.joined() + "folder\n"
            let url = folder.appendingPathComponent("index")
            try Data(text.utf8).write(to: url)
            let file = open(url.path, O_RDONLY)
            try #require(file >= 0)
            defer { close(file) }
            let body = 5..<(text.utf8.count - 7)
            for blocks in [1, 2, 3, 7, 64, 500] {
                for piece in [1, 7, 64, 4096] {
                    var seen: [String] = []
                    for block in 0..<blocks {
                        let range = body.lowerBound + body.count * block / blocks ..< body.lowerBound + body.count * (block + 1) / blocks
                        #expect(IndexLines.forEach(in: file, startingIn: range, body: body, piece: piece) {
                            seen.append(String(decoding: $0, as: UTF8.self))
                            return true
                        })
                    }
                    #expect(seen == lines, "\(blocks) blocks, \(piece)-byte pieces")
                }
            }
            // A body said to reach past the end of the file (cut while being read) is not read whole.
            let past = body.lowerBound..<(text.utf8.count + 10)
            #expect(!IndexLines.forEach(in: file, startingIn: past, body: past, piece: 64) { _ in true })
            // A line stops the reading when its reader says so.
            var calls = 0
            #expect(!IndexLines.forEach(in: file, startingIn: body, body: body) { _ in calls += 1; return calls < 3 })
            #expect(calls == 3)
        }
    }

    @Test func theUnchangedScanChecksEveryFileAndReadsItsSummaryFromTheIndex() throws {
        let fixture = try IndexFixture(sessions: 3)
        defer { fixture.remove() }
        _ = fixture.scan()
        // A summary edited in the index (stamps intact) comes back: the files are not decoded.
        try fixture.writeIndex(try fixture.indexText().replacingOccurrences(of: "\tme\t", with: "\tfrom the index\t"))
        #expect(fixture.unchangedScan()?.summaries.map(\.subject) == ["from the index", "from the index", "from the index"])
    }

    @Test func aFileAddedOrRemovedChangesTheFolderAndIsSeen() throws {
        var fixture = try IndexFixture(sessions: 3)
        defer { fixture.remove() }
        _ = fixture.scan()
        #expect(fixture.unchangedScan() != nil)

        fixture.sessions.append(try fixture.save(IndexFixture.session(day: 9, subject: "new")))
        #expect(fixture.unchangedScan() == nil)
        #expect(fixture.scan().summaries.last?.subject == "new")
        #expect(fixture.unchangedScan()?.summaries.count == 4)

        try fixture.store.moveToTrash(fixture.sessions[0].id)
        #expect(fixture.unchangedScan() == nil)
        #expect(fixture.scan().summaries == (try fixture.fullScan()))
        #expect(fixture.unchangedScan()?.summaries.count == 3)
    }

    @Test func aFileRewrittenInPlaceInAnUnchangedFolderIsReadAgain() throws {
        let fixture = try IndexFixture(sessions: 3)
        defer { fixture.remove() }
        _ = fixture.scan()
        let vouched = try #require(fixture.index.folder)
        let id = fixture.sessions[1].id
        try rewriteInPlaceKeepingSizeAndTime(fixture.store.url(for: id)) {
            $0.replacingOccurrences(of: "\"subject\" : \"me\"", with: "\"subject\" : \"yo\"")
        }
        // Same names, same folder: only the file's own stamp tells.
        var folder = stat()
        #expect(stat(fixture.store.sessionsFolder.path, &folder) == 0)
        #expect(FileStamp(folder) == vouched)
        #expect(fixture.unchangedScan() == nil)
        let scan = fixture.store.scan()
        #expect(scan.summaries.first { $0.id == id }?.subject == "yo")
        #expect(scan.summaries == (try fixture.fullScan()))
    }

    @Test func anIndexNamingAFileTwiceIsNotTrustedForTheFolder() throws {
        let fixture = try IndexFixture(sessions: 3)
        defer { fixture.remove() }
        _ = fixture.scan()
        // The line of one session replaced by a copy of another's: the count and the folder
        // line still hold, the missing session's file is still there.
        var lines = try fixture.indexText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[3] = lines[2]
        try fixture.writeIndex(lines.joined(separator: "\n"))
        #expect(fixture.index.entries.count == 2)

        #expect(fixture.unchangedScan() == nil)
        #expect(fixture.scan().summaries == (try fixture.fullScan()))
        #expect(fixture.index.entries.count == 3)
    }

    @Test func anIndexMissingALineOrItsEndIsNotTrustedForTheFolder() throws {
        let fixture = try IndexFixture(sessions: 3)
        defer { fixture.remove() }
        _ = fixture.scan()
        let whole = try fixture.indexText()
        var lines = whole.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.remove(at: 3)
        try fixture.writeIndex(lines.joined(separator: "\n"))
        #expect(fixture.unchangedScan() == nil)
        #expect(fixture.scan().summaries == (try fixture.fullScan()))

        // Cut short before its last line, an index vouches for no folder.
        try fixture.writeIndex(String(whole.dropLast(2)))
        #expect(fixture.unchangedScan() == nil)
        try fixture.writeIndex(whole)
        #expect(fixture.unchangedScan() != nil)
    }

    @Test func aFolderChangedInTheLastTwoSecondsIsNotVouchedForYet() throws {
        let fixture = try IndexFixture(sessions: 2)
        defer { fixture.remove() }
        // The folder changes after its files (its mode set again), at least a clock tick later.
        func changed(_ path: String) -> Int64 {
            var info = stat()
            #expect(stat(path, &info) == 0)
            return FileStamp(info).changed
        }
        let files = fixture.sessions.map { changed(fixture.store.url(for: $0.id).path) }.max() ?? 0
        let folder = fixture.store.sessionsFolder.path
        var folderChanged = changed(folder)
        while folderChanged <= files {
            #expect(chmod(folder, 0o700) == 0)
            folderChanged = changed(folder)
        }
        // A moment when the files have settled and the folder has not.
        let now = Date(timeIntervalSince1970: Double(files + 2_000_000_000 + (folderChanged - files) / 2) / 1e9)
        _ = fixture.store.indexedScan(now: now)
        #expect(fixture.index.entries.count == 2)
        #expect(fixture.index.folder == nil)
        #expect(fixture.unchangedScan() == nil)

        _ = fixture.scan()
        #expect(fixture.index.folder != nil)
        #expect(fixture.unchangedScan() != nil)
    }

    @Test func anIndexWithoutTheFolderLineIsReadAndGainsItOnceSettled() throws {
        let fixture = try IndexFixture(sessions: 3)
        defer { fixture.remove() }
        _ = fixture.scan()
        // An index written before the folder line existed, or before the folder settled.
        var lines = try fixture.indexText().split(separator: "\n").map(String.init)
        lines.removeLast()
        try fixture.writeIndex(lines.joined(separator: "\n") + "\n")
        #expect(fixture.index.folder == nil && fixture.index.entries.count == 3)
        #expect(fixture.unchangedScan() == nil)

        #expect(fixture.store.indexedScan(now: Date(timeIntervalSince1970: 0)).summaries == (try fixture.fullScan()))
        #expect(fixture.index.folder == nil)
        #expect(fixture.scan().summaries == (try fixture.fullScan()))
        #expect(fixture.index.folder != nil)
        #expect(fixture.unchangedScan() != nil)
    }

    @Test func aFolderWithAFileThatIsNotASessionIsNeverVouchedFor() throws {
        let fixture = try IndexFixture(sessions: 2)
        defer { fixture.remove() }
        try Data("{}".utf8).write(to: fixture.store.sessionsFolder.appendingPathComponent("not an id!.json"))
        for _ in 0..<2 {
            #expect(fixture.scan().problems.map(\.file.lastPathComponent) == ["not an id!.json"])
        }
        #expect(fixture.index.entries.count == 2)
        #expect(fixture.index.folder == nil)
        #expect(fixture.unchangedScan() == nil)
    }

    @Test func aRemovedFileIsDroppedFromTheScanAndTheIndex() throws {
        let fixture = try IndexFixture(sessions: 4)
        defer { fixture.remove() }
        _ = fixture.scan()

        let gone = fixture.sessions[1].id
        try fixture.store.moveToTrash(gone)
        let scan = fixture.scan()
        #expect(!scan.summaries.contains { $0.id == gone })
        #expect(scan.summaries.count == 3)
        #expect(fixture.index.entries[gone.rawValue + ".json"] == nil)
        #expect(fixture.index.entries.count == 3)
    }

    @Test func anAddedFileIsRead() throws {
        var fixture = try IndexFixture(sessions: 2)
        defer { fixture.remove() }
        _ = fixture.scan()

        fixture.sessions.append(try fixture.save(IndexFixture.session(day: 9, subject: "new")))
        let scan = fixture.scan()
        #expect(scan.summaries.count == 3)
        #expect(scan.summaries.last?.subject == "new")
        #expect(fixture.index.entries.count == 3)
    }

    @Test func aCorruptIndexIsIgnoredAndRebuilt() throws {
        let fixture = try IndexFixture(sessions: 4)
        defer { fixture.remove() }
        try FileManager.default.createDirectory(at: fixture.store.root, withIntermediateDirectories: true)
        try fixture.writeIndex("not an index\n\u{0}\u{1}garbage\t\t\t\n")

        let scan = fixture.scan()
        #expect(scan.summaries == (try fixture.fullScan()))
        #expect(scan.problems.isEmpty)
        #expect(try fixture.indexText().hasPrefix(SummaryIndex.header + "\n"))
        #expect(fixture.index.entries.count == 4)
    }

    @Test func aDamagedLineCostsOnlyItsOwnEntry() throws {
        let fixture = try IndexFixture(sessions: 3)
        defer { fixture.remove() }
        _ = fixture.scan()

        var lines = try fixture.indexText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[2] = String(lines[2].prefix(30)) + "\t99999999999999999999999\t-\t\\q"
        try fixture.writeIndex(lines.joined(separator: "\n"))
        #expect(SummaryIndex(contentsOf: fixture.store.indexFile).entries.count == 2)

        let scan = fixture.scan()
        #expect(scan.summaries == (try fixture.fullScan()))
        #expect(fixture.index.entries.count == 3)
    }

    @Test func aLineWithBytesThatAreNotUTF8IsNotUsed() throws {
        let fixture = try IndexFixture(sessions: 2)
        defer { fixture.remove() }
        _ = fixture.scan()

        var bytes = Array(try Data(contentsOf: fixture.store.indexFile))
        let subject = Array("\tme\t".utf8)
        let at = try #require((0..<bytes.count - subject.count).first { Array(bytes[$0..<$0 + subject.count]) == subject })
        bytes[at + 1] = 0xFF
        try AtomicFile.write(Data(bytes), to: fixture.store.indexFile)
        #expect(SummaryIndex(contentsOf: fixture.store.indexFile).entries.count == 1)
        #expect(fixture.scan().summaries == (try fixture.fullScan()))
    }

    @Test func aFileThatCannotBeReadIsNamedOnEveryScanAndNeverIndexed() throws {
        let fixture = try IndexFixture(sessions: 2)
        defer { fixture.remove() }
        let bad = fixture.store.sessionsFolder.appendingPathComponent("20240101-000000-beef.json")
        try Data("{ \"format\": ".utf8).write(to: bad)

        for _ in 0..<2 {
            let scan = fixture.scan()
            #expect(scan.summaries.count == 2)
            #expect(scan.problems.map(\.file.lastPathComponent) == ["20240101-000000-beef.json"])
        }
        #expect(fixture.index.entries["20240101-000000-beef.json"] == nil)
        #expect(fixture.index.folder == nil)
    }

    @Test func aFileChangedInTheLastTwoSecondsIsNotIndexedYet() throws {
        let fixture = try IndexFixture(sessions: 2)
        defer { fixture.remove() }

        let scan = fixture.store.indexedScan(now: Date())
        #expect(scan.summaries.count == 2)
        #expect(fixture.index.entries.isEmpty)
    }

    @Test func anEmptyOrMissingStoreIsNotCreatedByAScan() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("backmap-none-\(UUID().uuidString)")
        let scan = SessionStore(root: root).scan()
        #expect(scan.summaries.isEmpty && scan.problems.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: root.path))
    }

    @Test func untrustedTextSurvivesTheIndexExactly() throws {
        var session = IndexFixture.session(day: 3, subject: "tab\there, new\nline \\ back\\slash,\r ünï 👍🏽")
        session.tags = ["a,b", "c\\", "\t", "plain"]
        session.painAfter = nil
        session.note = "x"
        let summary = SessionSummary(session)
        let stamp = FileStamp(size: 1234, modified: 1_700_000_000_123_456_789, changed: 1_700_000_000_987_654_321, inode: 42)
        let index = SummaryIndex(entries: ["\(session.id).json": .init(stamp: stamp, summary: summary)])

        let decoded = SummaryIndex(decoding: index.encoded())
        #expect(decoded == index)
        #expect(decoded.encoded() == index.encoded())
    }

    @Test func theReleaseOfASessionWithPassesSurvivesTheIndex() throws {
        var session = IndexFixture.session(day: 2)
        let start = session.startedAt
        session.marks += [
            Mark(at: start, pass: 3, zone: Zone(.left, .s1), tightness: .relaxed),
            Mark(at: start, pass: 3, zone: Zone(.right, .t1), tightness: .veryTight),
        ]
        let summary = SessionSummary(session)
        let release = try #require(summary.release)
        #expect(release.firstPass == 1 && release.lastPass == 3)
        let stamp = FileStamp(size: 1, modified: 2, changed: 3, inode: 4)
        let single = IndexFixture.session(day: 1)
        let index = SummaryIndex(entries: ["\(session.id).json": .init(stamp: stamp, summary: summary),
                                           "\(single.id).json": .init(stamp: stamp, summary: SessionSummary(single))])

        let decoded = SummaryIndex(decoding: index.encoded())
        #expect(decoded == index)
        #expect(decoded.entries["\(session.id).json"]?.summary.release == release)
    }

    @Test func aMalformedReleaseCostsOnlyItsLine() throws {
        let text = IndexFixture.oneEntryText().text
        #expect(text.hasSuffix("\t\n"), "a session of one pass ends its line with an empty release")
        let map = String(repeating: ".", count: 36)
        for bad in ["2,1,\(map),\(map)", "1,2,\(map)", "0,2,\(map),\(map)", "1,2,\(map),x\(map.dropFirst())"] {
            let damaged = String(text.dropLast(1)) + bad + "\n"
            #expect(SummaryIndex(decoding: Data(damaged.utf8)).entries.isEmpty, "\(bad) should not be read")
        }
        let good = String(text.dropLast(1)) + "1,2,\(map),\(map)\n"
        #expect(SummaryIndex(decoding: Data(good.utf8)).entries.count == 1)
    }

    @Test func aStampsNumbersAreReadExactlyAndAnythingElseCostsTheLine() throws {
        var fields = IndexFixture.oneEntryText().text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        #expect(fields[1] == "1", "the size follows the name")
        // Numbers of every length around the eight bytes read at once, and Int64's ends.
        var good: [(String, Int64)] = [("0", 0), ("-0", 0), ("-9223372036854775807", -9_223_372_036_854_775_807),
                                       ("9223372036854775807", .max), ("0000000000000000042", 42)]
        for digits in 1...19 {
            let text = String("1234567890123456789".prefix(digits))
            good.append((text, try #require(Int64(text))))
        }
        for (number, value) in good {
            fields[1] = number
            let index = SummaryIndex(decoding: Data(fields.joined(separator: "\t").utf8))
            #expect(index.entries.first?.value.stamp.size == value, "\(number)")
        }
        for bad in ["", "-", "--1", "+5", "1-2", "12a4", "1234567a", "12345678a", "123456789012345x", "1 2", " 1", "1.0",
                    "9223372036854775808", "-9223372036854775808", "12345678901234567890", "00000000000000000000"] {
            fields[1] = bad
            #expect(SummaryIndex(decoding: Data(fields.joined(separator: "\t").utf8)).entries.isEmpty, "\(bad) should not be read")
        }
    }

    @Test func eightBytesAtOnceFindTheDigitsWhateverTheOtherBytesAre() {
        // Every byte value in every place of a word of digits: the high bits mark exactly the digits.
        for place in 0..<8 {
            for byte in UInt8.min...UInt8.max {
                var bytes = Array("31415926".utf8)
                bytes[place] = byte
                let word = bytes.withUnsafeBufferPointer { UInt64.bytes(at: $0.baseAddress!) }
                let expected = bytes.enumerated().reduce(UInt64(0)) { bits, item in
                    (48...57).contains(item.element) ? bits | UInt64(0x80) << (8 * UInt64(item.offset)) : bits
                }
                #expect(word.highBitsOfDigits == expected, "byte \(byte) in place \(place)")
            }
        }
    }

    /// Found by fuzz/run.sh SummaryIndexFuzz: a start time the index cannot write (it keeps
    /// whole seconds under 10^15) was read, so what was read did not survive being written.
    @Test func aTimeTheIndexCouldNotHaveWrittenCostsItsLine() throws {
        let (session, text) = IndexFixture.oneEntryText()
        var fields = text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        let seconds = try #require(SummaryIndex.wholeSeconds(session.startedAt))
        #expect(fields[5].hasSuffix(String(seconds)))
        for bad in ["1000000000000000", "-1000000000000000", "179580571796244611"] {
            fields[5] = fields[5].replacingOccurrences(of: String(seconds), with: bad)
            let index = SummaryIndex(decoding: Data(fields.joined(separator: "\t").utf8))
            #expect(index.entries.isEmpty, "\(bad) should not be read")
            #expect(SummaryIndex(decoding: index.encoded()) == index)
            fields[5] = fields[5].replacingOccurrences(of: bad, with: String(seconds))
        }
        #expect(SummaryIndex(decoding: Data(fields.joined(separator: "\t").utf8)).entries.count == 1)
    }
}

@Suite("Segment")
struct SegmentRowTests {
    @Test func rowsFollowTheScreenOrderFromT1ToS1() {
        #expect(Segment.allCases.map(\.row) == Array(0..<18))
        #expect(Zone.all.map(\.index) == Array(0..<36))
    }
}
