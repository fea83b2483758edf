import Foundation

/// A full scan of a store running on another thread: what the home screen waits for
/// after drawing its first rows from the summary index (`SessionStore.preview`), so
/// that drawing never waits for every file to be checked and a changed or removed
/// file still shows as soon as the check is done (stale-while-revalidate).
public final class BackgroundScan: Sendable {
    private let work: BackgroundWork<StoreScan>

    /// Starts scanning the store at `root` now.
    public init(root: URL) {
        work = BackgroundWork { SessionStore(root: root).scan() }
    }

    /// The scan once it is done, without waiting; nil while it runs.
    public func result() -> StoreScan? {
        work.poll()
    }
}
