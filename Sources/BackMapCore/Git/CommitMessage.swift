/// The message of an automatic commit: a first line that says which session
/// and what happened, and below it anything else the commit took along.
public enum CommitMessage {
    /// One path git reports as changed, with its two-letter porcelain status.
    public struct Change: Hashable, Sendable {
        public var code: String
        public var path: String

        var isNew: Bool { code == "??" || code.first == "A" }
        var isGone: Bool { code.contains("D") }
        /// The session id the file is named after ("sessions/X.json", "trash/X.2.json").
        var id: String {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let stem = name.hasSuffix(".json") ? String(name.dropLast(5)) : name
            // trash/X.2.json is the second trashed copy of X.
            if path.hasPrefix("trash/"), let dot = stem.lastIndex(of: "."), Int(stem[stem.index(after: dot)...]) != nil {
                return String(stem[..<dot])
            }
            return stem
        }
    }

    /// The message for `changes`, opened by `headline` when its file is among them
    /// (always, when its path is empty: an import names itself, not one file).
    static func make(for changes: [Change], headline: (path: String, text: String)?) -> String {
        var lines = describe(changes)
        var subject: String
        if let headline, headline.path.isEmpty {
            subject = headline.text
        } else if let headline, let index = lines.firstIndex(where: { $0.paths.contains(headline.path) }) {
            subject = headline.text
            lines.remove(at: index)
        } else if lines.count == 1 {
            subject = lines[0].text
            lines = []
        } else {
            subject = "\(lines.count) changes"
        }
        if !lines.isEmpty {
            subject += "\n\n" + lines.map { "- " + $0.text }.joined(separator: "\n")
        }
        return subject
    }

    /// One line per session: a session file gone from sessions/ while a copy arrived
    /// in trash/ is one move to the trash.
    private static func describe(_ changes: [Change]) -> [(paths: [String], text: String)] {
        var ids: [String] = []
        var byID: [String: [Change]] = [:]
        for change in changes {
            if byID[change.id] == nil { ids.append(change.id) }
            byID[change.id, default: []].append(change)
        }
        return ids.map { id in
            let group = byID[id] ?? []
            let session = group.first { $0.path.hasPrefix("sessions/") }
            let trash = group.first { $0.path.hasPrefix("trash/") }
            let text: String
            switch (session, trash) {
            case let (session?, trash?) where session.isGone && trash.isNew: text = "moved to the trash"
            case let (session?, trash?) where session.isNew && trash.isGone: text = "brought back from the trash"
            case let (session?, _) where session.isNew: text = "new session"
            case let (session?, _) where session.isGone: text = "removed"
            case (_?, _): text = "changed"
            case let (nil, trash?) where trash.isGone: text = "removed from the trash"
            default: text = "changed in the trash"
            }
            return (group.map(\.path), "\(id): \(text)")
        }
    }
}
