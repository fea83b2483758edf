import BackMapCore
import Foundation

/// The commit after a command changed the store (an import), when the store is a git repository.
enum HistoryNote {
    /// Commits what is pending; a failure is a warning, never an error: the change itself is saved.
    static func commit(in store: SessionStore, headline: (path: String, text: String)?, fallback: String) {
        do {
            guard let history = try StoreHistory.of(root: store.root) else { return }
            try history.commitPending(headline: headline ?? ("", fallback))
        } catch {
            let text = TerminalText.sanitized(String(describing: error))
            StandardStream.writeError("backmap: saved, but history is behind: \(text). The next commit catches up.\n")
        }
    }
}
