import Foundation

/// What happens to a version of a session that may not replace the file it came
/// from, because that file changed meanwhile (a sync tool, a restore, `import`, a
/// hand edit, a git merge): it is kept as a new session beside the original, with
/// a fresh id and a note naming the original, so both versions survive whole.
public enum ConflictCopy {
    /// The first line of every conflict copy's note; the original's id follows it.
    public static let notePrefix = "Conflict copy of session "

    /// `ours` as a new session with `id`: the same content, and the session note
    /// starting with a line that names the original. When the combined note would
    /// pass the note limit, the end of the old note is cut (with "…") so the copy
    /// stays a valid session; the line naming the original is never cut.
    public static func session(keeping ours: Session, as id: SessionID, reason: String? = nil) -> Session {
        var copy = ours
        copy.id = id
        let because = reason.map { ": \($0)" } ?? ""
        let heading = "\(notePrefix)\(ours.id)\(because)."
        var note = heading
        if let old = ours.note, !old.isEmpty {
            // Limits count code points (SessionLimits), and so does the room left.
            let room = SessionLimits.noteCharacters - SessionLimits.length(heading) - 1
            if room > 0 {
                note += "\n" + (SessionLimits.length(old) <= room ? old : SessionLimits.prefix(old, limit: room - 1) + "…")
            }
        }
        copy.note = SessionLimits.prefix(note, limit: SessionLimits.noteCharacters)
        return copy
    }

    /// Writes `ours` into the store as a new session and returns it.
    ///
    /// The id is made from the session's start, like any id, so the copy sorts
    /// beside the original; a name another file holds, even one taken at this very
    /// moment by another program, is never replaced (see `AtomicFile.writeNew`).
    /// - Parameter reason: why the copy was made, in a few words ("the file changed on disk").
    @discardableResult
    public static func save(_ ours: Session, in store: SessionStore, reason: String? = nil,
                            random: () -> UInt16 = { UInt16.random(in: .min ... .max) }) throws -> Session {
        guard !ours.isFromNewerVersion else {
            throw StoreError.newerVersion(ours.id, ours.version)
        }
        try store.prepare()
        for _ in 0..<attempts {
            let id = SessionID.make(at: ours.startedAt, random: random)
            guard id != ours.id else { continue }
            let copy = session(keeping: ours, as: id, reason: reason)
            if let problem = copy.validationProblem {
                throw StoreError.invalid(ours.id, problem)
            }
            do {
                try AtomicFile.writeNew(try SessionCodec.encode(copy), to: store.url(for: id), mode: 0o600)
                return copy
            } catch is AtomicFile.Exists {
                continue
            } catch let error as FileSystemError {
                throw StoreError.io(error)
            }
        }
        throw StoreError.io(FileSystemError(operation: "find a free name for a copy of", path: store.url(for: ours.id).path, errno: EEXIST))
    }

    /// 65,536 ids share a second; this many tries finding them all taken means something else is wrong.
    static let attempts = 1_000
}
