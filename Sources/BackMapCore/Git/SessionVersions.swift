import Foundation

/// One recorded version of a session: a commit that changed its file.
public struct SessionVersion: Sendable {
    /// 1 for the oldest version, rising; `show REF --at N` and `restore REF --at N` take it.
    public var number: Int
    public var commit: String
    /// When it was committed, as git recorded it (ISO 8601 with zone).
    public var date: String
    /// The commit's first line.
    public var subject: String
    /// The file as it was, or nil when this commit took it out of `sessions/` (trash).
    public var content: Data?
    /// What changed, in a few words: "14 marks, pass 2 (+3 marks)", "moved to the trash".
    public var change: String
}

extension StoreHistory {
    /// Every committed version of a session's file, oldest first.
    public func versions(of id: SessionID) throws(GitError) -> [SessionVersion] {
        guard try repository.head() != nil else { return [] }
        let path = Self.path(of: id)
        let log = try repository.run(["log", "-z", "--format=%H%x1f%aI%x1f%s", "--", path], what: "log")
        let entries = GitRepository.fields(log.stdout).reversed().compactMap { entry -> (String, String, String)? in
            let parts = entry.split(separator: "\u{1f}", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { return nil }
            return (parts[0].trimmingCharacters(in: .whitespacesAndNewlines), parts[1], parts[2])
        }
        let blobs = try contents(entries.map { "\($0.0):\(path)" })
        var versions: [SessionVersion] = []
        var previous: Session?
        for (index, entry) in entries.enumerated() {
            let content = blobs[index]
            let session = content.flatMap { try? SessionCodec.decode($0) }
            let change: String
            if content == nil {
                change = entry.2.contains("trash") ? "moved to the trash" : "removed"
            } else if let session {
                change = Self.describe(session, after: previous)
            } else {
                change = "a file backmap cannot read"
            }
            if content != nil { previous = session }
            versions.append(SessionVersion(number: index + 1, commit: entry.0, date: entry.1, subject: entry.2,
                                           content: content, change: change))
        }
        return versions
    }

    /// The session a REF names for history: one in the store, or, by its full id,
    /// one that is only in history now (trashed, or removed by hand).
    public func sessionID(for ref: String, in store: SessionStore) throws -> SessionID {
        do {
            return try store.resolve(ref).id
        } catch {
            guard let id = SessionID(ref), try !versions(of: id).isEmpty else { throw error }
            return id
        }
    }

    /// "14 marks, pass 2 (+3 marks)", or "new: …" for the first one.
    static func describe(_ session: Session, after previous: Session?) -> String {
        let marks = session.marks.count == 1 ? "1 mark" : "\(session.marks.count) marks"
        var text = "\(marks), pass \(session.lastPass)"
        guard let previous else { return "new: " + text }
        let delta = session.marks.count - previous.marks.count
        var notes: [String] = []
        if delta != 0 { notes.append("\(delta > 0 ? "+" : "")\(delta) mark\(abs(delta) == 1 ? "" : "s")") }
        if session.note != previous.note { notes.append("note") }
        if session.painBefore != previous.painBefore || session.painAfter != previous.painAfter { notes.append("pain") }
        if session.tags != previous.tags { notes.append("tags") }
        if session.subject != previous.subject || session.technique != previous.technique { notes.append("details") }
        if delta == 0, notes.isEmpty, session.marks != previous.marks { notes.append("marks changed") }
        if !notes.isEmpty { text += " (" + notes.joined(separator: ", ") + ")" }
        return text
    }

    /// The objects named `commit:path`, in order; nil for one that does not exist.
    func contents(_ names: [String]) throws(GitError) -> [Data?] {
        guard !names.isEmpty else { return [] }
        let input = Data((names.joined(separator: "\n") + "\n").utf8)
        let output = try repository.run(["cat-file", "--batch"], input: input, what: "cat-file").stdout
        var results: [Data?] = []
        var cursor = output.startIndex
        while results.count < names.count, cursor < output.endIndex {
            guard let newline = output[cursor...].firstIndex(of: 10) else { break }
            let header = String(decoding: output[cursor..<newline], as: UTF8.self).split(separator: " ")
            cursor = output.index(after: newline)
            if header.count == 3, header[1] == "blob", let size = Int(header[2]) {
                let end = output.index(cursor, offsetBy: size)
                results.append(Data(output[cursor..<end]))
                cursor = output.index(after: end)
            } else {
                // "<name> missing", or a tree or commit where a file was expected.
                if header.count == 3, let size = Int(header[2]) { cursor = output.index(cursor, offsetBy: size + 1) }
                results.append(nil)
            }
        }
        while results.count < names.count { results.append(nil) }
        return results
    }

    /// Version `number` of a session, read back.
    public func session(_ id: SessionID, version number: Int) throws -> Session {
        let versions = try versions(of: id)
        guard let version = versions.first(where: { $0.number == number }) else {
            throw HistoryError.noSuchVersion(id, number, versions.count)
        }
        guard let content = version.content else { throw HistoryError.notAVersion(id, number, version.change) }
        return try SessionCodec.decode(content)
    }

    /// Brings version `number` of a session back as its newest version, and commits it.
    ///
    /// The session must not be open in an editor (its lock is taken for the write).
    /// Returns the commit's first line, or nil when the file already is that version.
    public func restore(_ id: SessionID, version number: Int, in store: SessionStore) throws -> String? {
        let versions = try versions(of: id)
        guard let version = versions.first(where: { $0.number == number }) else {
            throw HistoryError.noSuchVersion(id, number, versions.count)
        }
        guard let content = version.content else { throw HistoryError.notAVersion(id, number, version.change) }
        let session = try SessionCodec.decode(content)
        guard session.id == id else { throw HistoryError.notAVersion(id, number, "a file with another id") }
        let lock = try store.lock(id)
        defer { lock.release() }
        let file = store.url(for: id)
        if let current = try? Data(contentsOf: file), current == content { return nil }
        try store.prepare()
        try AtomicFile.write(content, to: file, mode: 0o600)
        let day = String(version.date.prefix(16)).replacingOccurrences(of: "T", with: " ")
        let headline = "\(id): restored version \(number) of \(day)"
        return try commitPending(headline: (Self.path(of: id), headline))?.split(separator: "\n").first.map(String.init)
    }
}

/// A version asked for that history does not have.
public enum HistoryError: Error, CustomStringConvertible {
    case noSuchVersion(SessionID, Int, Int)
    case notAVersion(SessionID, Int, String)
    case noHistory(SessionID)

    public var description: String {
        switch self {
        case let .noSuchVersion(id, number, count):
            return count == 0
                ? "session \(id) has no committed version yet"
                : "session \(id) has no version \(number); its versions are 1 to \(count) (see `backmap history \(id)`)"
        case let .notAVersion(id, number, what):
            return "version \(number) of session \(id) is not a session to show or restore (\(what))"
        case let .noHistory(id):
            return "session \(id) has no committed version yet"
        }
    }
}
