import BackMapCore
import Foundation
import Glibc
import Testing

/// SPEC 6: "The terminal is always given back sane: on quit, Ctrl-C, SIGTERM,
/// SIGHUP (save first) and on an error." SPEC 5: Ctrl-Z suspends and comes back intact.
@Suite("Signals and the terminal")
struct SignalTerminalTests {
    enum Ending: String, CaseIterable, CustomTestStringConvertible {
        case quitKey, controlC, sigterm, sighup, sigint
        // Issue 9: every other signal whose default ends the process.
        case sigquit, sigusr1, sigusr2, sigalrm, sigpipe, sigxcpu, sigvtalrm
        var testDescription: String { rawValue }
        /// The signal sent from outside, if any.
        var signal: Int32? {
            switch self {
            case .quitKey, .controlC: nil
            case .sigterm: SIGTERM
            case .sighup: SIGHUP
            case .sigint: SIGINT
            case .sigquit: SIGQUIT
            case .sigusr1: SIGUSR1
            case .sigusr2: SIGUSR2
            case .sigalrm: SIGALRM
            case .sigpipe: SIGPIPE
            case .sigxcpu: SIGXCPU
            case .sigvtalrm: SIGVTALRM
            }
        }
        /// The exit status the shell sees.
        var status: Int { signal.map { 128 + Int($0) } ?? 0 }
    }

    /// backmap runs under `backmap-testhelper blocked`, which blocks the signals it
    /// relies on before exec'ing it, as a careless parent would: it must unblock them.
    @Test(arguments: Ending.allCases)
    func everyWayOutSavesAndLeavesTheTerminalSane(ending: Ending) throws {
        let scratch = try HardeningScratch("signal")
        defer { scratch.remove() }
        let store = SessionStore(root: scratch.store)
        let tmux = try HardeningTmux()
        defer { tmux.stop() }
        let run = try HardeningPaneRun(in: scratch.url, name: "editor", try HardeningBinary.helper,
                                       ["blocked", try HardeningBinary.backmap.path, "new", "--store", scratch.store.path])
        let pane = try tmux.start(run.command)
        try tmux.waitFor(pane, text: "backmap · editor")
        try tmux.send(pane, "2", "k", "3")
        try tmux.waitFor(pane, text: "rolled 2/36")

        switch ending {
        case .quitKey: try tmux.send(pane, "q")
        case .controlC: try tmux.send(pane, "C-c")
        default: kill(try run.pid, try #require(ending.signal))
        }
        let (status, stty) = try run.after()
        #expect(status == ending.status)
        #expect(hardeningTerminalIsSane(stty), "after \(ending): \(stty)")
        let session = try #require(store.scan().summaries.first)
        #expect(session.markCount == 2)
        #expect(session.map[Zone(.left, .s1)] == .tight && session.map[Zone(.left, .l5)] == .veryTight)
        // The normal screen is back: the alternate screen's drawing is gone.
        #expect(!(try tmux.capture(pane)).contains("backmap · editor"))
    }

    /// A SIGTERM that was already waiting when backmap started is handled by
    /// backmap's own handler (save, then exit 143) once it is in place, not by the
    /// one curses installs first, which exits with 1 and saves nothing.
    @Test func aSignalPendingAtStartQuitsCleanly() throws {
        let scratch = try HardeningScratch("pending")
        defer { scratch.remove() }
        let tmux = try HardeningTmux()
        defer { tmux.stop() }
        let run = try HardeningPaneRun(in: scratch.url, name: "editor", try HardeningBinary.helper,
                                       ["blocked", "--pending", try HardeningBinary.backmap.path, "new", "--store", scratch.store.path])
        _ = try tmux.start(run.command)
        let (status, stty) = try run.after()
        #expect(status == 128 + Int(SIGTERM))
        #expect(hardeningTerminalIsSane(stty), "\(stty)")
    }

    @Test(arguments: ["C-z", "SIGTSTP"])
    func suspendingAndResumingBringsTheScreenBackIntact(how: String) throws {
        let scratch = try HardeningScratch("suspend")
        defer { scratch.remove() }
        let tmux = try HardeningTmux()
        defer { tmux.stop() }
        let pane = try tmux.start("PS1='$ ' exec bash --norc --noprofile -i")
        try tmux.waitFor(pane, text: "$ ")
        let pidFile = scratch.url.appendingPathComponent("pid")
        try tmux.type(pane, "sh -c 'echo $$ > \(pidFile.path); exec \(try HardeningBinary.backmap.path) new --store \(scratch.store.path)'")
        try tmux.send(pane, "Enter")
        try tmux.waitFor(pane, text: "backmap · editor")
        try tmux.send(pane, "3", "k", "k", "1", "l")
        // The screen to compare with must be the whole frame, not one caught half painted.
        let before = try tmux.waitForFrame(pane, text: "rolled 2/36")

        if how == "C-z" {
            try tmux.send(pane, "C-z")
        } else {
            kill(try hardeningPID(pidFile), SIGTSTP)
        }
        let suspended = try tmux.waitFor(pane, text: "Stopped")
        #expect(!suspended.contains("backmap · editor"), "the shell should be back:\n\(suspended)")
        try tmux.type(pane, "stty -a > \(scratch.url.path)/stty; fg")
        try tmux.send(pane, "Enter")
        // Cells are compared as seen: a cell holding a written space and a cleared
        // one look alike, so trailing blanks do not count.
        func visible(_ screen: String) -> [String] {
            screen.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                String(line.reversed().drop(while: { $0 == " " }).reversed())
            }
        }
        let after = try tmux.waitFor(pane, "the same editor screen") { visible($0) == visible(before) }
        #expect(visible(after) == visible(before))
        // And it still works after the resume.
        try tmux.send(pane, "2")
        try tmux.waitFor(pane, text: "rolled 3/36")
        try tmux.send(pane, "q")
        try tmux.waitFor(pane, text: "$ ")
        #expect(hardeningTerminalIsSane(try String(contentsOf: scratch.url.appendingPathComponent("stty"), encoding: .utf8)))
        #expect(SessionStore(root: scratch.store).scan().summaries.first?.markCount == 3)
    }

    /// A Swift runtime trap while the screen is shown: the crash guard puts the
    /// terminal back first, then the runtime's message and the captured stderr
    /// appear on the normal screen, followed by the backtrace.
    @Test func aCrashGivesTheTerminalBackBeforeItsMessageIsShown() throws {
        let scratch = try HardeningScratch("crash-guard")
        defer { scratch.remove() }
        let tmux = try HardeningTmux()
        defer { tmux.stop() }
        let run = try HardeningPaneRun(in: scratch.url, name: "trouble", try HardeningBinary.helper, ["screen", scratch.store.path],
                                       environment: ["SWIFT_BACKTRACE": "interactive=no"])
        let pane = try tmux.start(run.command)
        try tmux.waitFor(pane, text: "TROUBLE SCREEN keys: 0")
        try tmux.send(pane, "w")
        try tmux.waitFor(pane, text: "TROUBLE SCREEN keys: 1")
        // Written while curses owned the screen, it must not be drawn over it.
        #expect(!(try tmux.capture(pane)).contains("a message written to stderr"))
        try tmux.send(pane, "!")
        let (status, stty) = try run.after()
        #expect(status == 128 + Int(SIGILL) || status == 128 + Int(SIGTRAP))
        #expect(hardeningTerminalIsSane(stty), "\(stty)")
        let shown = try tmux.capture(pane, history: true)
        let stray = try #require(shown.range(of: "a message written to stderr while the screen was shown"))
        let fatal = try #require(shown.range(of: "Fatal error: Index out of range"))
        #expect(stray.lowerBound < fatal.lowerBound)
        #expect(!shown.contains("TROUBLE SCREEN"), "the alternate screen was not left:\n\(shown)")
    }

    @Test func whatWasWrittenToStderrDuringTheScreenIsShownOnceAfterIt() throws {
        let scratch = try HardeningScratch("stderr")
        defer { scratch.remove() }
        let tmux = try HardeningTmux()
        defer { tmux.stop() }
        let run = try HardeningPaneRun(in: scratch.url, name: "trouble", try HardeningBinary.helper, ["screen", scratch.store.path])
        let pane = try tmux.start(run.command)
        try tmux.waitFor(pane, text: "TROUBLE SCREEN keys: 0")
        try tmux.send(pane, "w")
        try tmux.waitFor(pane, text: "TROUBLE SCREEN keys: 1")
        try tmux.send(pane, "q")
        let (status, stty) = try run.after()
        #expect(status == 0)
        #expect(hardeningTerminalIsSane(stty))
        let shown = try tmux.capture(pane, history: true)
        #expect(shown.components(separatedBy: "a message written to stderr while the screen was shown").count == 2, "\(shown)")
    }

    @Test func anUnknownTerminalIsOneSentenceAndNothingChanges() throws {
        let scratch = try HardeningScratch("term")
        defer { scratch.remove() }
        let tmux = try HardeningTmux()
        defer { tmux.stop() }
        let run = try HardeningPaneRun(in: scratch.url, name: "bogus", try HardeningBinary.backmap, ["new", "--store", scratch.store.path],
                                       environment: ["TERM": "no-such-terminal"])
        let pane = try tmux.start(run.command)
        let (status, stty) = try run.after()
        #expect(status == 1)
        #expect(hardeningTerminalIsSane(stty))
        let shown = try tmux.capture(pane).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(shown == "backmap: The terminal type \"no-such-terminal\" is unknown here, so this terminal cannot run the interactive program "
                + "(set TERM to one this machine knows, such as xterm-256color); `backmap show last` prints instead.")
        #expect(SessionStore(root: scratch.store).scan().summaries.isEmpty)
    }
}
