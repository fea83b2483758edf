import BackMapCore
import Foundation

/// Display choices made once at start-up from flags and the environment.
public struct DisplayOptions: Sendable {
    public var ascii: Bool
    public var color: Bool

    public init(ascii: Bool, color: Bool) {
        self.ascii = ascii
        self.color = color
    }

    /// `--ascii`, NO_COLOR, and a locale that cannot show UTF-8 decide.
    public static func detect(forceASCII: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> DisplayOptions {
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LANG"] ?? ""
        let utf8 = locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8")
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        return DisplayOptions(ascii: forceASCII || !utf8, color: !noColor && !dumb)
    }

    public var theme: Theme { Theme(ascii: ascii, color: color) }
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
    /// A session whose last save failed; retried on every tick until it lands.
    private var unsaved: Session?
    private var showsHelp = false
    /// A message from the app itself (a refused lock, a file that cannot be read).
    private var flash: String?
    private var quitting = false

    public init(store: SessionStore, options: DisplayOptions) {
        self.store = store
        self.theme = options.theme
        self.terminal = Terminal(useColor: options.color)
    }

    /// Runs until the user quits. Returns the exit status.
    public func run(opening destination: Destination?) throws -> Int32 {
        if let destination {
            try stack.append(makeScreen(destination))
        } else {
            try stack.append(makeHome())
        }
        store.tidy()
        terminal.start()
        defer { terminal.stop() }
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
                if let session = unsaved { save(session) }
                perform(updateTop(.tick))
            case .quitSignal(let signal):
                // SIGTERM, SIGHUP or SIGINT from outside: save what is pending and leave.
                if let session = unsaved { save(session) }
                status = 128 + signal
                quitting = true
            }
            if !quitting { draw() }
        }
        closeAll()
        return status
    }

    /// Replay plays on ticks; a failed save is retried every two seconds.
    private var tickInterval: Int? {
        if unsaved != nil { return 2_000 }
        return (stack.last as? any TickingScreen)?.tickInterval
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
        if showsHelp {
            showsHelp = false
            return
        }
        if key == .character("?"), !typing {
            showsHelp = true
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
        let status: SaveStatus
        do {
            try store.save(session)
            unsaved = nil
            status = .saved
        } catch {
            // The edit stays in memory and in `unsaved`; the status line says so
            // and every tick tries again until the disk takes it.
            unsaved = session
            status = .failed(App.shortReason(error))
        }
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
        if let session = unsaved { save(session) }
        if let editor = top as? EditorState {
            locks.removeValue(forKey: editor.session.id)?.release()
        }
        refreshTop()
    }

    private func closeAll() {
        if let session = unsaved { save(session) }
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
        var canvas = Canvas(width: size.width, height: size.height, asciiOnly: theme.ascii)
        if let top = stack.last {
            if isTooSmall(top) {
                Chrome.tooSmall(need: top.minimumSize, into: &canvas, theme: theme)
            } else {
                top.draw(into: &canvas, theme: theme)
                if let flash {
                    Chrome.statusLine(left: top.name, message: flash, save: nil, into: &canvas, theme: theme)
                }
                if showsHelp {
                    Chrome.help(title: "\(top.name) keys", keys: top.keyHelp, extra: Chrome.helpNotes, into: &canvas, theme: theme)
                }
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
