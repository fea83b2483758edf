/// The sessions of an export split by whose back they are, so that a report of
/// several people never pools two backs into one chart or heat map (SPEC 4:
/// exports group by subject). Subjects match case-insensitively; each group
/// shows the spelling of its first session.
struct SubjectGroup {
    var subject: String
    /// In the order they were given.
    var sessions: [Session]

    /// Oldest first; the same start is ordered by id, so the order is total.
    var chronological: [Session] { sessions.sorted(by: SubjectGroup.olderFirst) }

    static func olderFirst(_ a: Session, _ b: Session) -> Bool {
        a.startedAt == b.startedAt ? a.id < b.id : a.startedAt < b.startedAt
    }

    /// The groups in the order their first session was given.
    static func groups(_ sessions: [Session]) -> [SubjectGroup] {
        var groups: [SubjectGroup] = []
        var index: [String: Int] = [:]
        for session in sessions {
            let key = session.subject.lowercased()
            if let at = index[key] {
                groups[at].sessions.append(session)
            } else {
                index[key] = groups.count
                groups.append(SubjectGroup(subject: session.subject, sessions: [session]))
            }
        }
        return groups
    }
}
