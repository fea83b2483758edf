/// What can go wrong with the store's history and sync, each a sentence a person can act on.
///
/// None of these ever means a session was lost: every save is already durable in
/// `sessions/` before git is asked to record it.
public enum GitError: Error, Equatable, CustomStringConvertible {
    /// No `git` program on PATH.
    case missing
    /// git could not be started at all.
    case cannotRun(String)
    /// The store has no `.git`.
    case notARepository(String)
    /// `.git/index.lock` (or another git lock) is in place and did not go away.
    case locked(String)
    /// A git command failed; the command and git's own reason.
    case failed(String, String)
    /// `sync` with no remote configured.
    case noRemote
    /// The remote could not be fetched from.
    case unreachable(String, String)
    /// The remote refused the push.
    case pushRejected(String, String)
    /// A session the remote changed is open in an editor.
    case sessionsOpen([String])
    /// The remote's changes touch files outside sessions/ and trash/ that conflict with ours.
    case mergeConflict(String)

    public var description: String {
        switch self {
        case .missing:
            return "git is not installed (no git on PATH); history and sync need it, everything else works without it"
        case .cannotRun(let reason):
            return "git could not be started: \(reason)"
        case .notARepository(let root):
            return "the store \(root) is not a git repository; `backmap git init` makes it one"
        case .locked(let path):
            return "the store's git repository is locked by \(path) (another git is running there, or one was killed); if no git is running, remove that file"
        case .failed(let command, let reason):
            return "git \(command) failed in the store: \(reason)"
        case .noRemote:
            return "the store's repository has no remote to sync with; add one with `backmap git remote add origin URL`"
        case .unreachable(let remote, let reason):
            return "could not reach the remote \(remote) (\(reason)); your changes are committed here and nothing was lost"
        case .pushRejected(let remote, let reason):
            return "the remote \(remote) refused the push (\(reason)); your changes are committed here and nothing was lost"
        case .sessionsOpen(let ids):
            let list = ids.joined(separator: ", ")
            return "the remote changed \(ids.count == 1 ? "session" : "sessions") \(list), open in an editor here; nothing was brought in, close \(ids.count == 1 ? "it" : "them") and run `backmap sync` again"
        case .mergeConflict(let reason):
            return "the remote's changes conflict outside sessions/ and trash/ (\(reason)); nothing was brought in, your changes are committed here"
        }
    }
}
