import BackMapCore
import Foundation

/// The interactive program: a stack of screens, a terminal, and a keeper of sessions.
///
/// It turns input into events for the screen on top, performs the effects that
/// come back, and returns their results to the screen as events. Screens stay
/// pure; the keeper owns what outlives them; the terminal is a port.
public final class App {
    let terminal: any TerminalPort
    let keeper: SessionKeeper
    private let theme: Theme
    var stack: [any Screen] = []
    /// The help box, while it is open.
    private var help: HelpOverlay?
    /// A message from the runtime itself (a refused lock, a session trashed).
    var flash: String?
    var quitting = false
    private var status: Int32 = 0
    /// Keeps the screens that show the store true to it.
    var follower: StoreFollower
    /// How long a home screen without a summary index waits for every file to be read
    /// before it shows that they are being read (`ScreenFactory.home`); tests pin it.
    var readingWait: Duration? = ScreenFactory.defaultReadingWait
    /// That reading, when the first frame did not wait for it: the check behind the screen.
    private var reading: BackgroundScan?
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
        follower = StoreFollower(store: keeper.store, now: keeper.now)
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
        if let destination { return try run(screen: ScreenFactory.make(destination, keeper: keeper)) }
        let home = ScreenFactory.home(store: keeper.store, readingWait: readingWait)
        reading = home.reading
        // Whatever the home screen read the store with tidies it on its thread: the reading
        // (waited for or not) or the check behind a screen from the index.
        return try run(screen: home.screen, tidying: false)
    }

    /// Runs with `first` as the bottom screen. Public so a test helper can drive any
    /// screen in a real terminal. Once the terminal is started nothing here throws:
    /// the loop, the last saves and giving the terminal back always run in that
    /// order, and only then is a note about unsaved work written to stderr. `tidying`
    /// clears what killed writers left before the first frame; the home screen leaves it
    /// to the thread that reads the store, so nothing before it grows with the sessions.
    public func run(screen first: any Screen, tidying: Bool = true) throws -> Int32 {
        stack = [first]
        if tidying { keeper.store.tidy() }
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
        follower.start(checking: stack.first?.awaitsStoreCheck == true, running: reading)
        reading = nil
        while !quitting, !stack.isEmpty {
            let following = follower.wait(followingStore: stack.last?.followsStore == true)
            let wait = [stack.last?.tickInterval, keeper.retryWait, following].compactMap { $0 }.min()
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
    func send(_ event: Event) {
        guard !stack.isEmpty else { return }
        perform(stack[stack.count - 1].update(event, context: context))
    }

    var context: Context {
        let size = terminal.size
        return Context(now: .now(), width: size.width, height: size.height)
    }

    private var frame: Frame {
        Frame(size: terminal.size, theme: theme, save: keeper.status, flash: flash, help: help)
    }

    private func draw() {
        terminal.present(frame.render(stack.last))
    }
}
