import Foundation

/// What a shell may offer after a command that takes a REF: `last`, the session ids and
/// the days that have sessions.
///
/// Tab has to answer at once, so this reads the summary index (one file) and, for
/// sessions the index does not know yet, only the names in `sessions/`. It never decodes
/// a session: a stale index costs a missing candidate at worst, never a slow Tab.
public enum RefCompletion {
    /// The candidates that start with `prefix`, sorted, each once.
    public static func candidates(storeRoot: URL, prefix: String) -> [String] {
        let sessions = storeRoot.appendingPathComponent("sessions", isDirectory: true)
        let index = SummaryIndex(contentsOf: storeRoot.appendingPathComponent(SummaryIndex.fileName))
        var ids = Set<String>()
        var days = Set<String>()
        var indexed = Set<String>()
        for (name, entry) in index.entries {
            indexed.insert(name)
            ids.insert(entry.summary.id.rawValue)
            days.insert(entry.summary.startedAt.day)
        }
        for file in SessionFolderListing.files(in: sessions) where !indexed.contains(file.name) {
            let id = String(file.name.dropLast(".json".count))
            guard SessionID(id) != nil else { continue }
            ids.insert(id)
            // An id starts with the local wall-clock day it was made: close enough to
            // offer while the index catches up (the REF itself is resolved exactly).
            if let day = dayOfID(id) { days.insert(day) }
        }
        var all = ids.union(days)
        if !ids.isEmpty { all.insert("last") }
        return all.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// "20261124-190211-a3f9" → "2026-11-24".
    static func dayOfID(_ id: String) -> String? {
        let digits = id.prefix(8)
        guard digits.count == 8, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let text = "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))"
        return SessionRef.isDay(text) ? text : nil
    }
}
