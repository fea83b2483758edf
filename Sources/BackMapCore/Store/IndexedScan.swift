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
        let previous = SummaryIndex(contentsOf: indexFile)
        let files = listing.wait() ?? SessionFolderListing.files(in: folder)
        var scan = StoreScan()
        scan.summaries.reserveCapacity(files.count)
        // Files read again whose entries can go into the index.
        var fresh: [String: SummaryIndex.Entry] = [:]
        var reused = 0
        var unindexed: [SessionFolderListing.File] = []
        for file in files {
            // A name no id can have (odd characters, or bytes that are not UTF-8 and
            // could not even be opened by the name we were given) is reported unread.
            guard SessionID(String(file.name.dropLast(5))) != nil else {
                scan.problems.append(StoreProblem(file: sessionsFolder.appendingPathComponent(file.name), reason: Self.badNameReason))
                continue
            }
            if let stamp = file.stamp, let entry = previous.entries[file.name], entry.stamp == stamp {
                scan.summaries.append(entry.summary)
                reused += 1
            } else {
                unindexed.append(file)
            }
        }
        let urls = unindexed.map { sessionsFolder.appendingPathComponent($0.name) }
        for (file, (url, result)) in zip(unindexed, zip(urls, readSummaries(urls))) {
            switch result {
            case .success(let summary):
                scan.summaries.append(summary)
                if let stamp = file.stamp, !Self.isRacy(stamp, now: now) {
                    fresh[file.name] = SummaryIndex.Entry(stamp: stamp, summary: summary)
                }
            case .failure(let error):
                scan.problems.append(StoreProblem(file: url, reason: Self.reason(error)))
            }
        }
        scan.summaries = Self.chronological(scan.summaries)
        scan.problems.sort { $0.file.lastPathComponent < $1.file.lastPathComponent }
        // The index changes when a file was read again or an entry no longer matches a file;
        // only then is the new one put together (the usual scan changes nothing).
        if !fresh.isEmpty || previous.entries.count != reused {
            var current = SummaryIndex(entries: fresh)
            for file in files where fresh[file.name] == nil {
                if let stamp = file.stamp, let entry = previous.entries[file.name], entry.stamp == stamp {
                    current.entries[file.name] = entry
                }
            }
            saveIndex(current)
        }
        return scan
    }

    /// Decodes session files, on every core when there are many (a first scan, an
    /// import): each file is independent, and decoding JSON is the slow part.
    private func readSummaries(_ urls: [URL]) -> [Result<SessionSummary, any Error>] {
        parallelMap(urls) { url in Result { SessionSummary(try load(file: url)) } }
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
