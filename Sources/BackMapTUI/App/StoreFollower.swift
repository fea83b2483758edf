import BackMapCore

/// Keeps the screens that show the store true to it: the check of every session
/// file behind a home screen drawn from the summary index, then the poll for
/// other programs' changes while such a screen is on top.
struct StoreFollower {
    /// What the screens must be told.
    enum News: Equatable {
        /// The check behind the home screen is done: every screen awaiting it takes this scan.
        case checked(StoreScan)
        /// Another program changed the store: the screen on top takes this scan.
        case changed(StoreScan)
    }

    private let store: SessionStore
    private let now: () -> ContinuousClock.Instant
    private var poller = StorePoller()
    private var check: BackgroundScan?
    private var checkBeganBeforeWatch = false

    init(store: SessionStore, now: @escaping () -> ContinuousClock.Instant) {
        self.store = store
        self.now = now
    }

    /// Starts following once the first frame is out, so neither the first look at the
    /// store nor the check (when the first screen awaits one) competes with that frame.
    /// `running` is a check begun before the first frame (a store without an index); it
    /// began before the watch, so its fingerprint is not trusted to the watch after it.
    mutating func start(checking: Bool, running: BackgroundScan? = nil) {
        // The watch begins before the check's fingerprint is taken, so no change falls between.
        poller.start(at: now(), watch: SessionsWatch(root: store.root))
        if checking { check = running ?? BackgroundScan(root: store.root) }
        checkBeganBeforeWatch = checking && running != nil
    }

    /// Milliseconds the loop may wait for input before `news` may have some, or nil.
    func wait(followingStore: Bool) -> Int? {
        // While the check runs, look for its result often; its scan is the one to wait for.
        if check != nil { return 10 }
        return followingStore ? max(1, poller.wait(at: now())) : nil
    }

    /// What changed since the last call, if anything. The check's fingerprint was taken
    /// before its scan, and the poller's before each of its own: a change in between
    /// shows as one more scan later, never as none.
    mutating func news(followingStore: Bool) -> News? {
        if let check {
            guard let outcome = check.result() else { return nil }
            self.check = nil
            poller.rebase(to: outcome.fingerprint, at: now(), watched: !checkBeganBeforeWatch)
            return .checked(outcome.scan)
        }
        guard followingStore, poller.changed(store, at: now()) else { return nil }
        return .changed(store.scan())
    }

    /// A fresh scan now (Ctrl-L, a trash, back from another screen). The fingerprint is
    /// taken first, for the same reason as in `news`.
    mutating func rescan() -> StoreScan {
        poller.rebase(store, at: now())
        return store.scan()
    }
}
