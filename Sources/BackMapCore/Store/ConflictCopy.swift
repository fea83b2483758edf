/// This machine's version of a session that was changed elsewhere too, kept as
/// a session of its own: a fresh id, and a note that names the original.
public enum ConflictCopy {
    /// A copy of `session` under a fresh id of the same start time, its note opened by a line naming the original.
    public static func make(of session: Session, reason: String) -> Session {
        var copy = session
        copy.id = SessionID.make(at: session.startedAt)
        let line = "Copy of \(session.id) kept by backmap \(reason): the session was changed elsewhere at the same time."
        let note = session.note.map { line + "\n" + $0 } ?? line
        copy.note = String(note.prefix(SessionLimits.noteCharacters))
        return copy
    }
}
