import BackMapCore
import Foundation

/// Display choices made once at start-up from flags and the environment.
public struct DisplayOptions: Sendable {
    public var ascii: Bool
    public var color: Bool
    /// The locale can show UTF-8: user text stays as written even with `--ascii`.
    public var unicodeText: Bool

    public init(ascii: Bool, color: Bool, unicodeText: Bool = true) {
        self.ascii = ascii
        self.color = color
        self.unicodeText = unicodeText
    }

    /// `--ascii`, NO_COLOR, and a locale that cannot show UTF-8 decide.
    public static func detect(forceASCII: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> DisplayOptions {
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LANG"] ?? ""
        let utf8 = locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8")
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        return DisplayOptions(ascii: forceASCII || !utf8, color: !noColor && !dumb, unicodeText: utf8)
    }

    public var theme: Theme { Theme(ascii: ascii, color: color, asciiText: !unicodeText) }
}

/// The interactive program: a stack of screens, the terminal, and the store.
///
/// It turns terminal input into events, hands them to the top screen, draws
/// the result, and performs the effects: saving, opening and closing screens,
/// locking sessions being edited. Screens stay pure; all I/O happens here.
public final class App {
    private let store: SessionStore
    private let theme: Theme
    private let terminal: Terminal
    private var stack: [any Screen] = []
    /// The lock of each session open in an editor, released when the editor closes.
    private var locks: [SessionID: FileLock] = [:]
    /// Sessions whose last save failed, by id: retried every two seconds until they
    /// land, and written to rescue copies if the program ends first. One per session,
    /// so a failing save of one never drops the pending change of another.
    private var unsaved: [SessionID: Session] = [:]
    private var unsavedReason = ""
    private var lastSaveAttempt = ContinuousClock.now
    /// The help box, while it is open.
    private var help: HelpOverlay?
    /// A message from the app itself (a refused lock, a file that cannot be read).
    private var flash: String?
    private var quitting = false

    public init(store: SessionStore, options: DisplayOptions) {
        self.store = store
        self.theme = options.theme
        self.terminal = Terminal(useColor: options.color)
    }

    /// Runs until the user quits. Returns the exit status.
    ///
    /// Whatever can fail with a message (a session open elsewhere, a file that
    /// cannot be read, an unknown terminal) fails before the terminal is taken
    /// over, so the caller prints it once, on a terminal in its normal mode.
    public func run(opening destination: Destination?) throws -> Int32 {
        let first = try destination.map(makeScreen) ?? makeHome()
        return try run(screen: first)
    }

    /// Runs with `first` as the bottom screen; `run(opening:)` builds it from a
    /// destination. Public so a test helper can drive any screen in a real terminal.
    ///
    /// Once the terminal is started nothing here throws: the loop, the last saves
    /// and giving the terminal back always run in that order, and only then is a
    /// note about unsaved work written to stderr.
    public func run(screen first: any Screen) throws -> Int32 {
        stack = [first]
        store.tidy()
        do {
            try terminal.start()
        } catch {
            releaseLocks()
            throw error
        }
        let status = loop()
        closeAll()
        terminal.stop()
        return finish(status)
    }

    private func loop() -> Int32 {
        var status: Int32 = 0
        draw()
        while !quitting, !stack.isEmpty {
            let input = terminal.nextInput(timeout: tickInterval)
            switch input {
            case .key(let key):
                handle(key)
            case .resize, .continued:
                break
            case .timeout:
                retryPendingSave()
                perform(updateTop(.tick))
            case .quitSignal(let signal):
                // SIGTERM, SIGHUP or SIGINT from outside: save what is pending and leave.
                retryUnsaved()
                status = 128 + signal
                quitting = true
            }
            if !quitting { draw() }
        }
        return status
    }

    /// How long to wait between tries of a save that failed.
    private static let retryInterval: Duration = .seconds(2)

    /// Replay plays on ticks; a failed save is retried every two seconds.
    private var tickInterval: Int? {
        let screen = (stack.last as? any TickingScreen)?.tickInterval
        guard !unsaved.isEmpty else { return screen }
        return min(screen ?? 2_000, 2_000)
    }

    private func retryPendingSave() {
        // A little slack: poll's two seconds may end a hair before the clock says so.
        guard !unsaved.isEmpty, ContinuousClock.now - lastSaveAttempt >= App.retryInterval - .milliseconds(100) else { return }
        retryUnsaved()
    }

    private func retryUnsaved() {
        for id in unsaved.keys.sorted() {
            if let session = unsaved[id] { save(session) }
        }
    }

    /// After the terminal is given back: if a session never reached the store,
    /// write a rescue copy where the user can write and say where it is.
    private func finish(_ status: Int32) -> Int32 {
        releaseLocks()
        guard !unsaved.isEmpty else { return status }
        let store = self.store.sessionsFolder.path
        for session in unsaved.values.sorted(by: { $0.id < $1.id }) {
            let message: String
            do {
                let copy = try RescueCopy.write(session)
                message = "session \(session.id) could not be saved in \(store) (\(unsavedReason)); "
                    + "a copy of it is in \(copy.path): move it into \(store)/ once that folder can be written again."
            } catch {
                message = "session \(session.id) could not be saved in \(store) (\(unsavedReason)), "
                    + "and no rescue copy could be written either (\(App.sentence(error))); its last changes are lost."
            }
            FileHandle.standardError.write(Data("backmap: \(TerminalText.sanitized(message))\n".utf8))
        }
        return status == 0 ? 1 : status
    }

    private func releaseLocks() {
        for lock in locks.values { lock.release() }
        locks.removeAll()
    }

    private func handle(_ key: Key) {
        let typing = stack.last?.isTyping ?? false
        flash = nil
        switch key {
        case .control("c"):
            quitting = true
            return
        case .control("l"):
            terminal.forceRedraw()
            return
        case .control("z"):
            terminal.suspend()
            return
        default:
            break
        }
        if var open = help {
            help = open.handle(key, size: terminal.size) ? open : nil
            return
        }
        if key == .character("?"), !typing {
            help = stack.last.map { HelpOverlay(title: "\($0.name) keys", keys: $0.keyHelp) }
            return
        }
        // Below the minimum size only leaving works.
        if let top = stack.last, isTooSmall(top), !typing {
            if key == .character("q") || key == .escape { perform(.back) }
            return
        }
        perform(updateTop(.key(key)))
    }

    private func updateTop(_ event: Event) -> Effect {
        guard var top = stack.popLast() else { return .none }
        let size = terminal.size
        let effect = top.update(event, context: Context(now: .now(), width: size.width, height: size.height))
        stack.append(top)
        return effect
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .none:
            break
        case .save(let session):
            save(session)
        case .back:
            closeTop()
            if stack.isEmpty { quitting = true }
        case .quit:
            quitting = true
        case .open(let destination):
            do {
                try stack.append(makeScreen(destination))
            } catch {
                flash = App.sentence(error)
            }
        case .trash(let id):
            do {
                try store.moveToTrash(id)
                flash = "moved \(id) to the trash (\(store.trashFolder.path))"
            } catch {
                flash = App.sentence(error)
            }
            refreshTop()
        case .load(let id):
            load(id)
        case .batch(let effects):
            effects.forEach(perform)
        }
    }

    private func save(_ session: Session) {
        lastSaveAttempt = .now
        do {
            try store.save(session)
            unsaved[session.id] = nil
            if !stack.contains(where: { ($0 as? EditorState)?.session.id == session.id }) {
                locks.removeValue(forKey: session.id)?.release()
            }
        } catch {
            // The edit stays in memory and in `unsaved`; the status line says so
            // and a tick every two seconds tries again until the disk takes it.
            unsaved[session.id] = session
            unsavedReason = App.shortReason(error)
        }
        // The status line says whether everything is saved, not only this session.
        let status: SaveStatus = unsaved.isEmpty ? .saved : .failed(unsavedReason)
        if var top = stack.popLast() {
            top.saved(status)
            stack.append(top)
        }
    }

    /// Reads a session for the screen on top, which steps to it; a failure leaves the screen as it was.
    private func load(_ id: SessionID) {
        guard var top = stack.popLast() else { return }
        defer { stack.append(top) }
        guard var loading = top as? any SessionLoadingScreen else { return }
        do {
            loading.loaded(try store.load(id))
            top = loading
        } catch {
            flash = App.sentence(error)
        }
    }

    private func closeTop() {
        guard let top = stack.popLast() else { return }
        retryUnsaved()
        // A session whose last change is still unsaved keeps its lock: another editor
        // must not open it while this program still means to write it.
        if let editor = top as? EditorState, unsaved[editor.session.id] == nil {
            locks.removeValue(forKey: editor.session.id)?.release()
        }
        refreshTop()
    }

    private func closeAll() {
        retryUnsaved()
        while !stack.isEmpty { closeTop() }
    }

    /// Lets the screen now on top reload what the store holds.
    private func refreshTop() {
        guard var top = stack.popLast() else { return }
        if var refreshing = top as? any RefreshingScreen {
            refreshing.refresh(store.scan())
            top = refreshing
        }
        stack.append(top)
    }

    private func draw() {
        let size = terminal.size
        var canvas = Canvas(width: size.width, height: size.height, asciiOnly: theme.asciiText)
        if let top = stack.last {
            if isTooSmall(top) {
                Chrome.tooSmall(need: top.minimumSize, into: &canvas, theme: theme)
            } else {
                top.draw(into: &canvas, theme: theme)
                if let flash {
                    Chrome.statusLine(left: top.name, message: flash, important: true, save: nil, into: &canvas, theme: theme)
                }
                help?.draw(into: &canvas, theme: theme)
            }
        }
        terminal.present(canvas)
    }

    private func isTooSmall(_ screen: any Screen) -> Bool {
        let size = terminal.size
        return size.width < screen.minimumSize.width || size.height < screen.minimumSize.height
    }

    // MARK: Screens

    private func makeHome() throws -> any Screen {
        try ScreenFactory.home(store: store)
    }

    private func makeScreen(_ destination: Destination) throws -> any Screen {
        switch destination {
        case .newSession(let subject, let technique):
            let session = store.makeSession(subject: subject, technique: technique)
            locks[session.id] = try store.lock(session.id)
            return EditorState(session: session)
        case .editor(let id):
            let lock = try store.lock(id)
            let session: Session
            do {
                session = try store.load(id)
            } catch {
                lock.release()
                throw error
            }
            locks[id] = lock
            return EditorState(session: session)
        default:
            return try ScreenFactory.make(destination, store: store)
        }
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

/// A screen that changes over time (replay playing).
public protocol TickingScreen: Screen {
    /// Milliseconds between ticks, or nil when nothing moves.
    var tickInterval: Int? { get }
}

/// A screen that shows the store's contents and wants them fresh after a change.
public protocol RefreshingScreen: Screen {
    mutating func refresh(_ scan: StoreScan)
}
