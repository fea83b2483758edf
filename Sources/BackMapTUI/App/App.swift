import BackMapCore
import Foundation

/// The interactive program: a stack of screens, a terminal, and a keeper of sessions.
///
/// It turns input into events for the screen on top, performs the effects that
/// come back, and returns their results to the screen as events. Screens stay
/// pure; the keeper owns what outlives them; the terminal is a port.
public final class App {
    private let terminal: any TerminalPort
    private let keeper: SessionKeeper
    private let theme: Theme
    private var stack: [any Screen] = []
    /// The help box, while it is open.
    private var help: HelpOverlay?
    /// A message from the runtime itself (a refused lock, a session trashed).
    private var flash: String?
    private var quitting = false
    private var status: Int32 = 0
    /// Notices other programs' changes to the store while a screen shows it.
    private var poller = StorePoller()
    /// The check of every session file behind a home screen drawn from the summary index.
    private var check: BackgroundScan?
    /// Where the notes about unsaved work go once the terminal is given back.
    private let note: (String) -> Void

    public convenience init(store: SessionStore, options: DisplayOptions) {
        self.init(keeper: SessionKeeper(store: store), theme: options.theme, terminal: Terminal(useColor: options.color)) {
            // The terminal may be gone (a closed window): this must never trap.
            StandardStream.writeError("backmap: \(TerminalText.sanitized($0))\n")
        }
    }

    init(keeper: SessionKeeper, theme: Theme, terminal: any TerminalPort, note: @escaping (String) -> Void) {
        self.keeper = keeper
        self.theme = theme
        self.terminal = terminal
        self.note = note
    }

    /// Runs until the user quits. Returns the exit status.
    ///
    /// Whatever can fail with a message (a session open elsewhere, a file that
    /// cannot be read, an unknown terminal) fails before the terminal is taken
    /// over, so the caller prints it once, on a terminal in its normal mode.
    public func run(opening destination: Destination?) throws -> Int32 {
        let first = try destination.map { try ScreenFactory.make($0, keeper: keeper) } ?? ScreenFactory.home(store: keeper.store)
        return try run(screen: first)
    }

    /// Runs with `first` as the bottom screen. Public so a test helper can drive any
    /// screen in a real terminal. Once the terminal is started nothing here throws:
    /// the loop, the last saves and giving the terminal back always run in that
    /// order, and only then is a note about unsaved work written to stderr.
    public func run(screen first: any Screen) throws -> Int32 {
        stack = [first]
        // A home screen from the index is checked (and the store tidied) once its first
        // frame is out (see `loop`), so nothing before it grows with the number of sessions.
        if !((first as? SessionListState)?.isChecking ?? false) { keeper.store.tidy() }
        do {
            try terminal.start()
        } catch {
            keeper.releaseLocks()
            throw error
        }
        loop()
        while !stack.isEmpty { closeTop(refresh: false) }
        terminal.stop()
        let notes = keeper.finish()
        notes.forEach(note)
        return notes.isEmpty || status != 0 ? status : 1
    }

    private func loop() {
        draw()
        // The first look at the store comes after the first frame, not before it.
        poller.start(at: keeper.now())
        // Started after the first frame, so the check does not compete with it for a core.
        if let list = stack.first as? SessionListState, list.isChecking { check = BackgroundScan(root: keeper.store.root) }
        while !quitting, !stack.isEmpty {
            let polling = stack.last?.followsStore == true && check == nil ? max(1, poller.wait(at: keeper.now())) : nil
            // While the store is checked behind the first screen, look for its result often.
            let checking = check == nil ? nil : 10
            let wait = [stack.last?.tickInterval, keeper.retryWait, polling, checking].compactMap { $0 }.min()
            switch terminal.nextInput(timeout: wait) {
            case .key(let key):
                handle(key)
            case .resize, .continued:
                break
            case .timeout:
                report(keeper.retryIfDue())
                send(.tick)
            case .quitSignal(let signal):
                // SIGTERM, SIGHUP or SIGINT from outside: save what is pending and leave.
                report(keeper.retryAll())
                status = 128 + signal
                quitting = true
            }
            checkBehindTheHomeScreen()
            followStore()
            if !quitting { draw() }
        }
    }

    private func handle(_ key: Key) {
        guard let top = stack.last else { return }
        flash = nil
        switch GlobalKeys.action(for: key, typing: top.isTyping) {
        case .quit?: quitting = true
        case .redraw?:
            terminal.forceRedraw()
            // Ctrl-L also reads the store again, for whoever does not want to wait.
            storeChanged()
        case .suspend?: terminal.suspend()
        case .help? where help == nil: help = HelpOverlay(title: "\(top.name) keys", keys: top.keyHelp)
        case .help?, nil:
            if var open = help {
                help = open.handle(key, size: terminal.size) ? open : nil
            } else if !frame.fits(top) {
                // Below the minimum size only leaving works.
                if !top.isTyping, key == .character("q") || key == .escape { perform(.back) }
            } else {
                send(.key(key))
            }
        }
    }

    /// Hands an event to the screen on top and performs what it asks.
    private func send(_ event: Event) {
        guard !stack.isEmpty else { return }
        let size = terminal.size
        let context = Context(now: .now(), width: size.width, height: size.height)
        perform(stack[stack.count - 1].update(event, context: context))
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .none:
            break
        case .save(let session):
            send(.saved(session.id, keeper.save(session)))
            if let notice = keeper.takeNotice() { flash = notice }
        case .back:
            closeTop(refresh: true)
            if stack.isEmpty { quitting = true }
        case .open(let destination):
            do {
                stack.append(try ScreenFactory.make(destination, keeper: keeper))
            } catch {
                flash = SessionKeeper.sentence(error)
            }
        case .trash(let id):
            flash = keeper.trash(id)
            storeChanged()
        case .load(let request):
            send(.loaded(request, keeper.load(request.id)))
        }
    }

    /// Tells the screen on top what became of saves the keeper tried on its own.
    private func report(_ outcomes: [(SessionID, SaveOutcome)]) {
        for (id, outcome) in outcomes { send(.saved(id, outcome)) }
        if let notice = keeper.takeNotice() { flash = notice }
    }

    private func closeTop(refresh: Bool) {
        guard let top = stack.popLast() else { return }
        if let id = top.editingSession {
            if let outcome = keeper.endEditing(id) { report([(id, outcome)]) }
            if let behind = keeper.historyBehind { flash = behind }
        }
        if refresh { storeChanged() }
    }

    /// Hands the screen on top a fresh scan. The fingerprint is taken first: a change
    /// between the two shows as one more scan later, never as none.
    private func storeChanged() {
        poller.rebase(keeper.store, at: keeper.now())
        send(.storeChanged(keeper.store.scan()))
    }

    /// The list and trends follow the store: when another program added, changed or
    /// removed a session file, the screen gets a fresh scan without a key.
    private func followStore() {
        // While the check behind the home screen runs, its scan is the one to wait for.
        guard !quitting, check == nil, stack.last?.followsStore == true, poller.changed(keeper.store, at: keeper.now()) else { return }
        // The fingerprint was taken before this scan: a change in between shows next time.
        send(.storeChanged(keeper.store.scan()))
    }

    /// Hands a home screen drawn from the summary index the checked scan once the
    /// background check is done, as `.storeChanged`: the list replaces every row at
    /// once and drops its "checking…" mark, so rows from the index and from the files
    /// are never mixed. The poller then follows from the fingerprint taken before that
    /// scan, so a change made while it ran shows as one more scan.
    private func checkBehindTheHomeScreen() {
        guard let check, let outcome = check.result() else { return }
        self.check = nil
        guard stack.contains(where: { ($0 as? SessionListState)?.isChecking == true }) else { return }
        poller.rebase(to: outcome.fingerprint, at: keeper.now())
        let size = terminal.size
        let context = Context(now: .now(), width: size.width, height: size.height)
        for index in stack.indices where (stack[index] as? SessionListState)?.isChecking == true {
            // A list is pure: reloading asks for nothing, whether or not it is on top.
            _ = stack[index].update(.storeChanged(outcome.scan), context: context)
        }
    }

    private var frame: Frame {
        Frame(size: terminal.size, theme: theme, save: keeper.status, flash: flash, help: help)
    }

    private func draw() {
        terminal.present(frame.render(stack.last))
    }
}
