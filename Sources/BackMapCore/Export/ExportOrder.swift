/// The order in which an export shows the sessions it was given.
///
/// A comparison reads "better" and "worse" from A to B, so with A newer than B
/// every word would be backwards without a sign. Exports therefore put the
/// older session first unless asked to keep the order given, and say in one
/// line when they reordered, or when a kept order runs from newer to older.
public struct ExportOrder: Equatable {
    /// The sessions in the order to write them.
    public var sessions: [Session]
    /// One line for standard error, or nil when there is nothing to say.
    public var notice: String?

    public init(_ given: [Session], asGiven: Bool) {
        let chronological = given.sorted(by: SubjectGroup.olderFirst)
        guard chronological.map(\.id) != given.map(\.id) else {
            sessions = given
            notice = nil
            return
        }
        if asGiven {
            sessions = given
            notice = given.count == 2
                ? Self.newerFirst(given[0], given[1]) + "; kept as given (--as-given), so the changes read from the newer to the older"
                : "the sessions are not in date order; kept as given (--as-given)"
        } else {
            sessions = chronological
            notice = given.count == 2
                ? Self.newerFirst(given[0], given[1]) + "; the older is shown first (--as-given keeps the order named)"
                : "the sessions are written oldest first (--as-given keeps the order named)"
        }
    }

    /// "A (2026-11-24) is newer than B (2026-11-10)".
    public static func newerFirst(_ a: Session, _ b: Session) -> String {
        "A (\(a.id), \(a.startedAt.day)) is newer than B (\(b.id), \(b.startedAt.day))"
    }

    /// The line `compare` prints when A is newer than B, or nil when A is the older (or the same time).
    public static func compareNotice(_ a: Session, _ b: Session) -> String? {
        guard SubjectGroup.olderFirst(b, a) else { return nil }
        return newerFirst(a, b) + ": \"better\" and \"worse\" read from the newer to the older"
    }
}
