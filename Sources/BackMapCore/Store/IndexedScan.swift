import Foundation

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
        // The file system and the index are read at the same time: neither needs the other.
        let folder = sessionsFolder
        let listing = BackgroundWork { SessionFolderListing.files(in: folder) }
        let previous = SummaryIndex.entriesInOrder(contentsOf: indexFile)
        let files = listing.wait() ?? SessionFolderListing.files(in: folder)

        // Each file's place in the listing by id, for the files the index may hold.
        var place: [String: Int] = [:]
        place.reserveCapacity(files.count)
        var scan = StoreScan()
        for (index, file) in files.enumerated() {
            if file.hasValidName {
                place[file.id] = index
            } else {
                // A name no id can have (odd characters, or bytes that are not UTF-8 and
                // could not even be opened by the name we were given) is reported unread.
                scan.problems.append(StoreProblem(file: folder.appendingPathComponent(file.name), reason: Self.badNameReason))
            }
        }
        // Entries whose file is unchanged, by their place in the index (newest first; places,
        // not copies, as a store of tens of thousands of sessions feels each copy); each file once.
        var used = [Bool](repeating: false, count: files.count)
        var reused: [Int32] = []
        reused.reserveCapacity(files.count)
        for (position, entry) in previous.enumerated() {
            guard let index = place[entry.summary.id.rawValue], !used[index],
                  let stamp = files[index].stamp, stamp == entry.stamp else { continue }
            used[index] = true
            reused.append(Int32(position))
        }
        // Every other file is read: new, changed, or not a session the index could hold.
        let unindexed = files.indices.filter { !used[$0] && files[$0].hasValidName }
        let urls = unindexed.map { folder.appendingPathComponent(files[$0].name) }
        var fresh: [SummaryIndex.Entry] = []
        var summaries: [SessionSummary] = []
        summaries.reserveCapacity(reused.count + unindexed.count)
        for position in reused.reversed() { summaries.append(previous[Int(position)].summary) }
        for (index, (url, result)) in zip(unindexed, zip(urls, readSummaries(urls))) {
            switch result {
            case .success(let summary):
                summaries.append(summary)
                if let stamp = files[index].stamp, !Self.isRacy(stamp, now: now) {
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
        // The index changes when a file was read again or an entry no longer matches a file;
        // only then is the new one put together (the usual scan changes nothing).
        if !fresh.isEmpty || previous.count != reused.count {
            var current = SummaryIndex()
            current.entries.reserveCapacity(reused.count + fresh.count)
            for entry in reused.map({ previous[Int($0)] }) + fresh { current.entries[entry.summary.id.rawValue + ".json"] = entry }
            saveIndex(current)
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
        return (recent.entries.reversed().map(\.entry.summary), recent.total)
    }

    /// Decodes session files, on every core when there are many (a first scan, an
    /// import): each file is independent, and decoding JSON is the slow part.
    private func readSummaries(_ urls: [URL]) -> [Result<SessionSummary, any Error>] {
        parallelMap(urls) { url in Result { SessionSummary(try load(file: url)) } }
    }

    static func isChronological(_ summaries: [SessionSummary]) -> Bool {
        zip(summaries, summaries.dropFirst()).allSatisfy { !SessionSummary.chronological($1, $0) }
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
