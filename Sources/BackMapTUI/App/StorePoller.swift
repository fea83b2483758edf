import BackMapCore

/// Notices another program's changes to the store while a screen that shows
/// it is open: every `interval` it compares the store's fingerprint with the
/// last one (a folder listing and a `stat` per file, no file read) and says
/// when a scan is needed.
///
/// With a `SessionsWatch` (a local file system), a due check takes the
/// fingerprint only when the watch has news, or when `watchedInterval` has
/// passed without one, for the writes a watch does not report: an idle home
/// screen of tens of thousands of sessions then costs nothing between checks
/// instead of a listing every second. Without one (network and FUSE file
/// systems, where inotify says nothing of other machines' writes) every due
/// check takes it.
struct StorePoller {
    /// How often a check is due: twice within the 2 s a change must show in.
    static let interval: Duration = .milliseconds(900)
    /// How long a watched store goes without a fingerprint when the watch has no news.
    static let watchedInterval: Duration = .seconds(15)

    private var last: StoreFingerprint?
    private var lastCheck: ContinuousClock.Instant?
    private var lastFingerprint: ContinuousClock.Instant?
    private var watch: SessionsWatch?
    /// How many fingerprints were taken, for the tests.
    private(set) var fingerprints = 0

    /// Starts the clock without a fingerprint: the first due check then always says
    /// "scan", so a change that landed between the first scan and now is not lost,
    /// and the listing stays off the path to the first frame. `watch`, when given,
    /// began before anything that follows reads the store.
    mutating func start(at now: ContinuousClock.Instant = .now, watch: SessionsWatch? = nil) {
        last = nil
        lastCheck = now
        self.watch = watch
    }

    /// Takes the store as it is now as the state the screen will show. Call it
    /// before scanning: a change between the two then shows as a second scan,
    /// never as none.
    mutating func rebase(_ store: SessionStore, at now: ContinuousClock.Instant = .now) {
        // The watch's news so far are in the fingerprint taken next; later ones are not.
        _ = watch?.hasNews()
        last = fingerprint(store, at: now)
        lastCheck = now
    }

    /// Takes `fingerprint`, taken before a scan made elsewhere (the check behind the
    /// home screen), as the state the screen now shows. The watch's news are kept:
    /// some may be newer than `fingerprint`. Unless the watch had begun before it was
    /// taken (`watched`), the next due check takes a fingerprint whatever the watch says.
    mutating func rebase(to fingerprint: StoreFingerprint, at now: ContinuousClock.Instant = .now, watched: Bool = true) {
        last = fingerprint
        lastCheck = now
        lastFingerprint = watched ? now : nil
    }

    /// Milliseconds until the next check is due, for the input wait.
    func wait(at now: ContinuousClock.Instant = .now) -> Int {
        guard let lastCheck else { return 0 }
        let left = StorePoller.interval - (now - lastCheck)
        return max(0, Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
    }

    /// When a check is due and something may have changed, takes the fingerprint; true
    /// when it differs from the last (or there was none), so the caller scans and hands
    /// the screen the new contents.
    mutating func changed(_ store: SessionStore, at now: ContinuousClock.Instant = .now) -> Bool {
        guard wait(at: now) == 0 else { return false }
        lastCheck = now
        if let watch, last != nil, let lastFingerprint, now - lastFingerprint < Self.watchedInterval, !watch.hasNews() {
            return false
        }
        let current = fingerprint(store, at: now)
        defer { last = current }
        return last.map { $0 != current } ?? true
    }

    private mutating func fingerprint(_ store: SessionStore, at now: ContinuousClock.Instant) -> StoreFingerprint {
        fingerprints += 1
        lastFingerprint = now
        return store.fingerprint()
    }
}
