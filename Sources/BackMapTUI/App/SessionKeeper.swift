import BackMapCore
import Foundation

/// Keeps what outlives a screen: the lock of each session being edited, the
/// saves that failed and are tried again, and the rescue copies written if the
/// program ends before they land.
///
/// It knows sessions, never screens: the loop tells it when an editing visit
/// begins and ends. Everything here is synchronous and driven by the loop, so a
/// test calls it directly with a clock of its own.
final class SessionKeeper {
    let store: SessionStore
    /// The lock of each session open in an editor, or with a change still unsaved.
    private var locks: [SessionID: FileLock] = [:]
    /// Sessions open in an editor now.
    private var visits: Set<SessionID> = []
    /// Sessions whose last save failed, by id: one per session, so a failing save
    /// of one never drops the pending change of another.
    private var pending: [SessionID: Session] = [:]
    private var reason = ""
    private var lastAttempt: ContinuousClock.Instant
    /// The clock retries and the store poller go by (a test moves it by hand).
    let now: () -> ContinuousClock.Instant

    /// How long to wait between tries of a save that failed.
    static let retryInterval: Duration = .seconds(2)

    init(store: SessionStore, now: @escaping () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.store = store
        self.now = now
        lastAttempt = now()
    }

    /// What the status line of every screen says: everything saved, or not.
    var status: SaveStatus { pending.isEmpty ? .saved : .failed(reason) }

    /// The sessions not on the disk yet, oldest id first.
    var unsaved: [SessionID] { pending.keys.sorted() }

    /// Milliseconds the loop may sleep before a retry is due; nil when nothing waits.
    var retryWait: Int? { pending.isEmpty ? nil : Int(SessionKeeper.retryInterval.components.seconds * 1_000) }

    // MARK: Editing visits

    /// Locks a session and reads it for an editor. A session whose last change is
    /// still pending comes back as it is in memory, with the lock this program holds.
    func beginEditing(_ id: SessionID) throws -> Session {
        if let session = pending[id], locks[id] != nil {
            visits.insert(id)
            return session
        }
        let lock = try store.lock(id)
        let session: Session
        do {
            session = try store.load(id)
        } catch {
            lock.release()
            throw error
        }
        locks[id] = lock
        visits.insert(id)
        return session
    }

    /// Locks a new session for an editor.
    func beginEditing(new session: Session) throws -> Session {
        locks[session.id] = try store.lock(session.id)
        visits.insert(session.id)
        return session
    }

    /// An editor of `id` closed: its pending save is tried once more, and the lock
    /// goes unless the change is still unsaved (another editor must not open it while
    /// this program still means to write it). What must happen at the end of an
    /// editing visit belongs here.
    @discardableResult
    func endEditing(_ id: SessionID) -> SaveOutcome? {
        visits.remove(id)
        let outcome = pending[id].map(save)
        releaseIfDone(id)
        return outcome
    }

    // MARK: Saving

    /// Writes a session now; a failure keeps it for the retries.
    func save(_ session: Session) -> SaveOutcome {
        lastAttempt = now()
        do {
            try store.save(session)
            pending[session.id] = nil
            releaseIfDone(session.id)
            return .saved
        } catch {
            pending[session.id] = session
            reason = SessionKeeper.shortReason(error)
            return .failed(reason)
        }
    }

    /// Tries the pending saves again if the last try is old enough.
    func retryIfDue() -> [(SessionID, SaveOutcome)] {
        // A little slack: poll's two seconds may end a hair before the clock says so.
        guard !pending.isEmpty, now() - lastAttempt >= SessionKeeper.retryInterval - .milliseconds(100) else { return [] }
        return retryAll()
    }

    /// Tries every pending save now (leaving, or a signal).
    func retryAll() -> [(SessionID, SaveOutcome)] {
        unsaved.compactMap { id in pending[id].map { (id, save($0)) } }
    }

    // MARK: Reading and trashing

    /// A session for a screen that asked, or one sentence saying why it cannot be read.
    func load(_ id: SessionID) -> LoadResult {
        do {
            return .session(try store.load(id))
        } catch {
            return .failed(SessionKeeper.sentence(error))
        }
    }

    /// Moves a session to the trash; returns the sentence that says what happened.
    func trash(_ id: SessionID) -> String {
        do {
            try store.moveToTrash(id)
            return "moved \(id) to the trash (\(store.trashFolder.path))"
        } catch {
            return SessionKeeper.sentence(error)
        }
    }

    // MARK: The end

    /// Lets every lock go, for a start that failed.
    func releaseLocks() {
        for lock in locks.values { lock.release() }
        locks.removeAll()
    }

    /// After the terminal is given back: lets the locks go and, for every session
    /// that never reached the store, writes a rescue copy where the user can write.
    /// Returns one sentence per such session, saying where its copy is.
    func finish() -> [String] {
        releaseLocks()
        let folder = store.sessionsFolder.path
        return unsaved.compactMap { pending[$0] }.map { session in
            do {
                let copy = try RescueCopy.write(session)
                return "session \(session.id) could not be saved in \(folder) (\(reason)); "
                    + "a copy of it is in \(copy.path): move it into \(folder)/ once that folder can be written again."
            } catch {
                return "session \(session.id) could not be saved in \(folder) (\(reason)), "
                    + "and no rescue copy could be written either (\(SessionKeeper.sentence(error))); its last changes are lost."
            }
        }
    }

    private func releaseIfDone(_ id: SessionID) {
        guard !visits.contains(id), pending[id] == nil else { return }
        locks.removeValue(forKey: id)?.release()
    }

    /// One sentence for any error.
    static func sentence(_ error: Error) -> String {
        String(describing: error)
    }

    /// The reason of a failed save, short enough for the status line.
    static func shortReason(_ error: Error) -> String {
        if let error = error as? FileSystemError { return error.reason }
        return sentence(error)
    }
}
