import BackMapCore

/// Notices another program's changes to the store while a screen that shows
/// it is open: every `interval` it compares the store's fingerprint with the
/// last one (a folder listing and a `stat` per file, no file read) and says
/// when a scan is needed. Polling works on every file system, network and
/// FUSE ones included, where inotify says nothing of other machines' writes.
struct StorePoller {
    /// How often the fingerprint is taken: twice within the 2 s a change must show in.
    static let interval: Duration = .milliseconds(900)

    private var last: StoreFingerprint?
    private var lastCheck: ContinuousClock.Instant?

    /// Starts the clock without a fingerprint: the first due check then always says
    /// "scan", so a change that landed between the first scan and now is not lost,
    /// and the listing stays off the path to the first frame.
    mutating func start(at now: ContinuousClock.Instant = .now) {
        last = nil
        lastCheck = now
    }

    /// Takes the store as it is now as the state the screen will show. Call it
    /// before scanning: a change between the two then shows as a second scan,
    /// never as none.
    mutating func rebase(_ store: SessionStore, at now: ContinuousClock.Instant = .now) {
        last = store.fingerprint()
        lastCheck = now
    }

    /// Milliseconds until the next check is due, for the input wait.
    func wait(at now: ContinuousClock.Instant = .now) -> Int {
        guard let lastCheck else { return 0 }
        let left = StorePoller.interval - (now - lastCheck)
        return max(0, Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
    }

    /// When a check is due, takes the fingerprint; true when it differs from the last
    /// (or there was none), so the caller scans and hands the screen the new contents.
    mutating func changed(_ store: SessionStore, at now: ContinuousClock.Instant = .now) -> Bool {
        guard wait(at: now) == 0 else { return false }
        let current = store.fingerprint()
        defer {
            last = current
            lastCheck = now
        }
        return last.map { $0 != current } ?? true
    }
}
