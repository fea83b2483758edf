import Foundation
import Glibc

/// The real `backmap` binary running in a detached tmux server of its own, at a
/// fixed size, driven by keys and read back as the text on the screen.
///
/// Each session has a server of its own on a socket in its temporary folder
/// (`tmux -S`, which unlike `-L` leaves nothing behind in /tmp/tmux-UID once the
/// folder is gone), so tests never see each other or the user's tmux, and a
/// config file of its own, so no `~/.tmux.conf` leaks in.
/// The pane runs backmap, then prints its exit status and leaves a plain
/// `/bin/sh` behind, so a test can look at the terminal backmap gave back.
/// With `jobControl`, backmap is typed into an interactive shell instead, as a
/// person starts it, so that Ctrl-Z can stop it (a program started by a shell
/// without job control is in an orphaned process group, where the kernel
/// discards SIGTSTP).
/// Every wait is bounded; nothing sleeps a fixed time where the screen can be
/// watched instead.
final class TmuxSession {
    /// The store backmap was started on (`--store`).
    let store: URL
    private let tmux: URL
    private let socket: String
    private let folder: TemporaryFolder
    private var closed = false
    /// The tmux server, killed outright should `kill-server` not end it.
    private var serverPID: pid_t?
    private static let target = "e2e"

    /// Starts `backmap <arguments> --store <store>` in a `width`×`height` pane.
    /// Without a `store`, a fresh one inside the session's temporary folder is used.
    /// `term` is the pane's TERM, which decides how ncurses decodes what tmux sends:
    /// xterm-256color (the default) for mouse reports as an xterm sends them;
    /// tmux-256color where Home and End must decode (tmux sends its own sequences).
    /// `input`, when given, is the file standard input is read from instead of the pane.
    init(_ arguments: [String], store: URL? = nil, width: Int = 80, height: Int = 24,
         term: String = "xterm-256color", jobControl: Bool = false, input: String? = nil) async throws {
        tmux = try Programs.tmux()
        let binary = try Programs.backmap()
        folder = try TemporaryFolder("backmap-tmux")
        self.store = store ?? folder.appending("store")
        socket = folder.appending("tmux.sock").path

        // The status bar would take a line of the pane; the pane keeps the exact size.
        let config = folder.appending("tmux.conf")
        try """
            set -g default-shell /bin/sh
            set -g status off
            set -g escape-time 0
            set -g history-limit 200
            """.write(to: config, atomically: true, encoding: .utf8)

        // TERM and the locale are set in the command itself: tmux sets TERM in the
        // pane whatever the caller's environment says, and the caller's LC_ALL
        // would otherwise override LANG.
        let command = (["\(shellQuoted(binary.path))"] + (arguments + ["--store", self.store.path]).map(shellQuoted))
            .joined(separator: " ") + (input.map { " < \(shellQuoted($0))" } ?? "")
        let commandLine = "TERM=\(shellQuoted(term)) LANG=C.UTF-8 \(command); echo \"[backmap exited with status $?]\""
        let shell = "unset LC_ALL LC_CTYPE LC_MESSAGES NO_COLOR ENV BACKMAP_HOME; "
        let script = jobControl
            ? shell + "PS1='$ ' exec /bin/sh"
            : shell + commandLine + "; PS1='$ ' exec /bin/sh"
        try await tmuxCommand(["-f", config.path, "new-session", "-d", "-s", TmuxSession.target,
                               "-x", String(width), "-y", String(height), script])
        if jobControl {
            try await waitFor("$")
            try await send(commandLine, "Enter")
        }
        serverPID = pid_t(try await tmuxCommand(["display-message", "-p", "-t", TmuxSession.target, "#{pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines))
    }

    deinit { close() }

    /// Ends the tmux server and everything running in it.
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? runBlocking(tmux, ["-S", socket, "kill-server"])
        if let serverPID {
            for _ in 0..<100 where kill(serverPID, 0) == 0 { usleep(10_000) }
            if kill(serverPID, 0) == 0 { kill(serverPID, SIGKILL) }
        }
    }

    // MARK: Input

    /// Sends keys as tmux names them: "g", "3", "Enter", "C-c", "Up".
    func send(_ keys: String...) async throws {
        try await send(keys)
    }

    func send(_ keys: [String]) async throws {
        try await tmuxCommand(["send-keys", "-t", TmuxSession.target] + keys)
    }

    /// Sends bytes as they are (escape sequences such as mouse reports).
    func sendLiteral(_ text: String) async throws {
        try await tmuxCommand(["send-keys", "-t", TmuxSession.target, "-l", text])
    }

    /// Sets the window size; the program gets SIGWINCH and KEY_RESIZE.
    func resize(width: Int, height: Int) async throws {
        try await tmuxCommand(["resize-window", "-t", TmuxSession.target, "-x", String(width), "-y", String(height)])
    }

    // MARK: Output

    /// The text on the screen now, one line per row, trailing blanks trimmed by tmux.
    func screen() async throws -> String {
        try await tmuxCommand(["capture-pane", "-p", "-t", TmuxSession.target])
    }

    /// The screen with lines the terminal wrapped joined again: after a kill -9
    /// the terminal is left raw, and the shell's output wraps wherever it lands.
    func joinedScreen() async throws -> String {
        try await tmuxCommand(["capture-pane", "-p", "-J", "-t", TmuxSession.target])
    }

    /// Waits until the screen shows `text`, and returns that screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = Patience.seconds) async throws -> String {
        try await waitUntil("the screen shows \"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until the screen shows `text` and the frame is whole: the same on two
    /// captures in a row. tmux can be caught with a frame half painted (the top new,
    /// the status line still old), so a test that waits on text near the top and
    /// then reads lower lines waits for this.
    @discardableResult
    func waitForFrame(_ text: String, timeout: TimeInterval = Patience.seconds) async throws -> String {
        var previous = ""
        return try await waitUntil("the screen shows \"\(text)\" and stays the same", timeout: timeout) { screen in
            defer { previous = screen }
            return screen.contains(text) && screen == previous
        }
    }

    /// Waits until `condition` holds for the screen, and returns that screen.
    /// On timeout the error carries the last screen, so a failure shows what was there.
    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = Patience.seconds, _ condition: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        repeat {
            last = try await screen()
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(20))
        } while Date() < deadline
        throw EndToEndError("waited \(timeout) s until \(what); the screen was:\n\(last)")
    }

    /// Waits for backmap to end and returns its exit status.
    func waitForExit(timeout: TimeInterval = Patience.seconds) async throws -> Int32 {
        let marker = "[backmap exited with status "
        let deadline = Date().addingTimeInterval(timeout)
        var screen = try await joinedScreen()
        while !screen.contains(marker) {
            guard Date() < deadline else {
                throw EndToEndError("waited \(timeout) s for backmap to exit; the screen was:\n\(screen)")
            }
            try await Task.sleep(for: .milliseconds(20))
            screen = try await joinedScreen()
        }
        guard let range = screen.range(of: marker),
              let end = screen[range.upperBound...].firstIndex(of: "]"),
              let status = Int32(screen[range.upperBound..<end]) else {
            throw EndToEndError("cannot read backmap's exit status from:\n\(screen)")
        }
        return status
    }

    // MARK: The process

    /// The pid of the backmap process: the child named backmap of the pane's shell.
    func backmapPID(timeout: TimeInterval = Patience.seconds) async throws -> pid_t {
        guard let shell = pid_t(try await tmuxCommand(["list-panes", "-t", TmuxSession.target, "-F", "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw EndToEndError("tmux did not report the pane's pid")
        }
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let pid = Self.child(of: shell, named: "backmap") { return pid }
            try await Task.sleep(for: .milliseconds(10))
        } while Date() < deadline
        throw EndToEndError("no backmap process under the pane's shell (pid \(shell))")
    }

    /// Scans /proc for a child of `parent` whose command name is `name`.
    private static func child(of parent: pid_t, named name: String) -> pid_t? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { continue }
            // "pid (comm) state ppid ...": comm may hold spaces, so split after the last ')'.
            let comm = stat[stat.index(after: open)..<close]
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if comm == name, fields.count > 1, pid_t(fields[1]) == parent { return pid }
        }
        return nil
    }

    /// A tmux format evaluated for the pane: "#{mouse_button_flag}" is 1 once the
    /// program has asked the terminal for drags (mode 1002).
    func paneFormat(_ format: String) async throws -> String {
        try await tmuxCommand(["display-message", "-p", "-t", TmuxSession.target, format])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: tmux

    @discardableResult
    private func tmuxCommand(_ arguments: [String]) async throws -> String {
        let finished = try await run(tmux, ["-S", socket] + arguments)
        if finished.status != 0 {
            throw EndToEndError("tmux \(arguments.first ?? "") failed (status \(finished.status)): \(finished.stderr)")
        }
        return finished.stdout
    }
}
