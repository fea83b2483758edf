import BackMapCore
import CNCurses
import CTerminalSupport
import Foundation

/// Why the terminal cannot run the interactive program. The command line adds
/// which printing command to use instead.
public enum TerminalError: Error, CustomStringConvertible {
    case unknownTerminal(String)
    /// A terminal type ncurses knows that cannot move the cursor (TERM=dumb).
    case noCursorAddressing(String)

    public var description: String {
        switch self {
        case .unknownTerminal(let name):
            let shown = name.isEmpty ? "TERM is not set" : "the terminal type \"\(Self.shown(name))\" is unknown here"
            return "\(shown), so this terminal cannot run the interactive program (set TERM to one this machine knows, such as xterm-256color)"
        case .noCursorAddressing(let name):
            return "this terminal (TERM=\(Self.shown(name))) cannot move the cursor, so it cannot run the interactive program"
        }
    }

    private static func shown(_ name: String) -> String {
        TerminalText.sanitized(String(name.prefix(40)))
    }
}

/// The only code that talks to ncurses: start and stop, colours, reading
/// keys and clicks, and copying a canvas to the screen.
///
/// It keeps the last canvas it showed and sends ncurses only the cells that
/// changed; ncurses then sends the terminal only what differs from what it
/// shows, so a cursor move costs tens of bytes, not a screen.
final class Terminal: TerminalPort {
    typealias Input = TerminalInput

    private(set) var isActive = false
    private var previous: Canvas?
    private var signalFD: Int32 = -1
    /// Keys decoded from one read, handed out one per call.
    private var pending: [Input] = []
    /// Characters read but not yet decoded: the start of an escape sequence still arriving.
    private var unread: [Unicode.Scalar] = []
    /// The curses colour pair made for each foreground and background (see `attributes`),
    /// 0 where none is made yet; a plain table, since a dictionary's first use costs more
    /// at start-up than every lookup after it.
    private var colorPairs = [Int16](repeating: 0, count: colors * colors)
    /// `.default` and the eight colours: one row and one column of `colorPairs` each.
    private static let colors = 9
    private var colorPairCount: Int16 = 0
    private let useColor: Bool
    /// Button-event mouse tracking (xterm mode 1002: motion while a button is held,
    /// so a drag can rate a band of the back) is asked for right after ncurses has
    /// sent its own mouse modes, which it does on the first update after a start or
    /// a resume; sent earlier, ncurses' mode 1000 would replace it.
    private var dragReportsPending = false

    init(useColor: Bool) {
        self.useColor = useColor
    }

    var size: Size { Size(width: Int(bm_cols()), height: Int(bm_lines())) }

    /// Takes over the terminal: raw keys (Ctrl-C and Ctrl-Z arrive as keys), no echo,
    /// the mouse, colours, and our own signal handlers in place of ncurses' ones.
    ///
    /// - Throws: `TerminalError` when ncurses does not know the terminal; nothing
    ///   has changed on the terminal then.
    func start() throws(TerminalError) {
        setlocale(LC_ALL, "")
        bm_terminal_save(STDIN_FILENO)
        // newterm rather than initscr: initscr prints its own message and exits
        // the process on an unknown TERM, past our error handling and our locks.
        guard bm_newterm() != nil else {
            bm_terminal_forget()
            throw .unknownTerminal(ProcessEnvironment.current["TERM"] ?? "")
        }
        guard bm_can_address_cursor() != 0 else {
            // Nothing was drawn yet: give the terminal back before saying why.
            endwin()
            bm_terminal_forget()
            throw .noCursorAddressing(ProcessEnvironment.current["TERM"] ?? "")
        }
        bm_crash_guard_install()
        // Anything written to stderr from here on is shown after the terminal is given back.
        _ = bm_stderr_capture_begin()
        raw()
        noecho()
        nonl()
        // Keypad off: ncurses decodes only the sequences of its terminfo entry and
        // reads any other (Home as ESC [1~ under TERM=xterm-256color) as Esc plus
        // characters. KeyDecoder reads them all, mouse reports included.
        keypad(bm_stdscr(), false)
        curs_set(0)
        // mousemask only switches the terminal's mouse reports on (SGR where terminfo
        // says so) and off again at the end; KeyDecoder reads the reports.
        mouseinterval(0)
        mousemask(bm_button1_pressed() | bm_button1_released() | bm_button4_pressed() | bm_button5_pressed(), nil)
        if useColor, has_colors() {
            start_color()
            use_default_colors()
        }
        signalFD = bm_signals_install()
        previous = nil
        dragReportsPending = true
        isActive = true
    }

    /// Gives the terminal back in its normal mode, then shows what was written to
    /// stderr meanwhile. Safe to call twice.
    func stop() {
        guard isActive else { return }
        isActive = false
        curs_set(1)
        endwin()
        // endwin's reset of mode 1000 ends every tracking mode in xterm and tmux; this is for the others.
        Self.send("\u{1B}[?1002l")
        // The quit signals keep our handler (which only notes them) until the process
        // ends: the last saves and a rescue copy come after this, and a second SIGHUP
        // as a window closes must not kill the program halfway through writing them.
        bm_signals_restore_after_quit_signals()
        bm_terminal_forget()
        bm_stderr_capture_end()
    }

    /// Stops the process as Ctrl-Z would, and restores the screen after `fg`.
    func suspend() {
        endwin()
        bm_suspend_self()
        // Execution resumes here after SIGCONT.
        forceRedraw()
        dragReportsPending = true
    }

    /// The next screen should be repainted from scratch (Ctrl-L, after a resume).
    func forceRedraw() {
        clearok(bm_curscr(), true)
        previous = nil
    }

    /// Copies the canvas to the screen, sending only what changed.
    func present(_ canvas: Canvas) {
        var buffer: [wchar_t] = []
        buffer.reserveCapacity(canvas.width + 1)
        for run in canvas.changes(since: previous) {
            let (attributes, pair) = attributes(for: run.style)
            var x = run.x
            var start = run.x
            buffer.removeAll(keepingCapacity: true)
            func flush() {
                guard !buffer.isEmpty else { return }
                buffer.append(0)
                buffer.withUnsafeBufferPointer { pointer in
                    _ = bm_put(Int32(run.y), Int32(start), pointer.baseAddress, attributes, pair)
                }
                buffer.removeAll(keepingCapacity: true)
            }
            let text = run.text
            let utf8 = text.utf8
            var index = utf8.startIndex
            while index < utf8.endIndex {
                let byte = utf8[index]
                let next = utf8.index(after: index)
                // Printable ASCII followed by ASCII (or nothing) is a character of one column
                // on its own: no mark can join it. Most of a screen, without the work below.
                if byte >= 0x20, byte < 0x7F, next == utf8.endIndex || utf8[next] < 0x80 {
                    if buffer.isEmpty { start = x }
                    buffer.append(wchar_t(byte))
                    x += 1
                    index = next
                    continue
                }
                // Any other character: the whole cluster that starts here, measured.
                guard let character = text[index...].first else { break }
                index = utf8.index(index, offsetBy: character.utf8.count)
                let columns = TerminalText.width(of: character)
                if isPlain(character, columns: columns) {
                    if buffer.isEmpty { start = x }
                    for scalar in character.unicodeScalars {
                        buffer.append(wchar_t(bitPattern: scalar.value))
                    }
                    x += max(1, columns)
                } else {
                    // ncurses would measure this cluster its own way and shift the rest of the line.
                    flush()
                    x += putAlone(character, columns: columns, x: x, y: run.y, attributes, pair)
                }
            }
            flush()
        }
        wnoutrefresh(bm_stdscr())
        doupdate()
        previous = canvas
        if dragReportsPending {
            dragReportsPending = false
            Self.send("\u{1B}[?1002h")
        }
    }

    /// Writes a control sequence straight to the terminal, after ncurses has flushed.
    private static func send(_ sequence: String) {
        let bytes = Array(sequence.utf8)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// Whether ncurses will give this character exactly the canvas's columns when
    /// it is sent in a run: one scalar whose C-library width is the canvas's.
    private func isPlain(_ character: Character, columns: Int) -> Bool {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return false }
        if first.value >= 0x20 && first.value < 0x7F { return scalars.count == 1 }
        return scalars.count == 1 && Int(bm_wcwidth(first.value)) == columns
    }

    /// Draws one cell at its own position so that it takes exactly `columns`
    /// columns whatever ncurses thinks of it, and nothing after it shifts.
    ///
    /// ncurses keeps one spacing character per cell, measured with the C
    /// library's wcwidth, and starts a new cell at every spacing character: a
    /// skin-tone emoji or a family of emoji joined by ZWJ would take four or six
    /// columns there where the canvas gave two, pushing the rest of the line
    /// right. So the cell gets the first character and the combining marks that
    /// follow it (at most four, what a curses cell holds); if that is narrower
    /// than the canvas says, a space fills the gap; if it is wider or not
    /// printable, U+FFFD takes its place. Returns the columns used.
    private func putAlone(_ character: Character, columns: Int, x: Int, y: Int, _ attributes: Int32, _ pair: Int16) -> Int {
        let columns = max(1, columns)
        let scalars = Array(character.unicodeScalars)
        var text: [wchar_t]
        var width = scalars.first.map { Int(bm_wcwidth($0.value)) } ?? -1
        if width >= 1, width <= columns, let first = scalars.first {
            text = [wchar_t(bitPattern: first.value)]
            for scalar in scalars.dropFirst() where bm_wcwidth(scalar.value) == 0 && text.count < 5 {
                text.append(wchar_t(bitPattern: scalar.value))
            }
        } else {
            text = [0xFFFD]
            width = 1
        }
        text.append(0)
        text.withUnsafeBufferPointer { _ = bm_put(Int32(y), Int32(x), $0.baseAddress, attributes, pair) }
        if width < columns {
            let space: [wchar_t] = [0x20, 0]
            space.withUnsafeBufferPointer { _ = bm_put(Int32(y), Int32(x + width), $0.baseAddress, attributes, pair) }
        }
        return columns
    }

    /// Waits for a key, a resize, a signal or the timeout (milliseconds; nil waits forever).
    func nextInput(timeout: Int?) -> Input {
        if !pending.isEmpty { return pending.removeFirst() }
        if let signal = takeSignal() { return signal }
        // ncurses may hold keys it has already read; drain them before sleeping in poll.
        if let input = readKey() { return input }
        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signalFD, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&fds, nfds_t(signalFD >= 0 ? 2 : 1), Int32(timeout ?? -1))
        if let signal = takeSignal() { return signal }
        if ready == 0 { return .timeout }
        // A resize interrupts poll (EINTR); ncurses reports it as KEY_RESIZE on the next read.
        if let input = readKey() { return input }
        if fds[0].revents & Int16(POLLHUP | POLLERR) != 0 {
            // The terminal went away: treat it as a hang-up.
            return .quitSignal(SIGHUP)
        }
        return .timeout
    }

    private func takeSignal() -> Input? {
        var continued: Int32 = 0
        let signal = bm_signals_take(&continued)
        if signal != 0 { return .quitSignal(signal) }
        if continued != 0 {
            forceRedraw()
            return .continued
        }
        return nil
    }

    /// Reads what the terminal sent and decodes it with `KeyDecoder`; an escape
    /// sequence cut between two reads gets `escapeDelay` to finish.
    private func readKey() -> Input? {
        var resized = readAvailable()
        while true {
            let decoded = KeyDecoder.decode(unread, isComplete: false)
            if decoded.consumed == unread.count || !waitForInput(milliseconds: Terminal.escapeDelay) {
                let final = decoded.consumed == unread.count ? decoded : KeyDecoder.decode(unread, isComplete: true)
                unread.removeFirst(final.consumed)
                pending += final.keys.map(Input.key)
                break
            }
            resized = readAvailable() || resized
        }
        if resized {
            previous = nil
            pending.append(.resize)
        }
        return pending.isEmpty ? nil : pending.removeFirst()
    }

    /// How long the rest of an escape sequence may take to arrive (milliseconds);
    /// after that a lone Esc is the Esc key.
    private static let escapeDelay: Int32 = 50

    /// Moves every character already waiting into `unread`; true when a resize came.
    private func readAvailable() -> Bool {
        wtimeout(bm_stdscr(), 0)
        var resized = false
        var character: wint_t = 0
        while true {
            let status = wget_wch(bm_stdscr(), &character)
            if status == bm_err() { return resized }
            if status == bm_key_code_yes() {
                // With keypad off, ncurses reports only a resize as a key code.
                if Int32(character) == bm_key_resize() { resized = true }
            } else if let scalar = Unicode.Scalar(UInt32(character)) {
                unread.append(scalar)
            }
        }
    }

    private func waitForInput(milliseconds: Int32) -> Bool {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
        return poll(&fds, 1, milliseconds) > 0
    }

    private func attributes(for style: Style) -> (Int32, Int16) {
        var attributes: Int32 = 0
        if style.bold { attributes |= bm_a_bold() }
        if style.dim { attributes |= bm_a_dim() }
        if style.reverse { attributes |= bm_a_reverse() }
        if style.underline { attributes |= bm_a_underline() }
        guard useColor, has_colors(), style.foreground != .default || style.background != .default else {
            return (attributes, 0)
        }
        let key = (style.foreground.rawValue + 1) * Self.colors + style.background.rawValue + 1
        if colorPairs[key] != 0 { return (attributes, colorPairs[key]) }
        let pair = colorPairCount + 1
        guard Int32(pair) < bm_color_pairs() else { return (attributes, 0) }
        init_pair(pair, Int16(style.foreground.rawValue), Int16(style.background.rawValue))
        colorPairs[key] = pair
        colorPairCount = pair
        return (attributes, pair)
    }
}
