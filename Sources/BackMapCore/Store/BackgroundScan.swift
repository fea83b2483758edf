import Foundation

/// A full scan of a store running on another thread: what the home screen waits for
/// after drawing its first rows from the summary index (`SessionStore.preview`), so
/// that drawing never waits for every file to be checked and a changed or removed
/// file still shows as soon as the check is done (stale-while-revalidate).
public final class BackgroundScan: Sendable {
    /// A finished check: the scan, and the store's fingerprint taken before it, so a
    /// change made while the scan ran still differs from it and is scanned again.
    public struct Outcome: Sendable {
        public var fingerprint: StoreFingerprint
        public var scan: StoreScan
    }

    private let work: BackgroundWork<Outcome>

    /// Starts scanning the store at `root` now, after clearing what killed writers left
    /// (`SessionStore.tidy`, which lists the whole folder: not work for before the first frame).
    public init(root: URL) {
        work = BackgroundWork {
            let store = SessionStore(root: root)
            store.tidy()
            let fingerprint = store.fingerprint()
            return Outcome(fingerprint: fingerprint, scan: store.scan())
        }
    }

    /// The outcome once the check is done, waiting for it at most `wait` (by default not
    /// at all); nil while it runs.
    public func result(waiting wait: Duration = .zero) -> Outcome? {
        let nanoseconds = wait.components.seconds * 1_000_000_000 + wait.components.attoseconds / 1_000_000_000
        return work.poll(until: .now() + .nanoseconds(Int(max(0, nanoseconds))))
    }
}
