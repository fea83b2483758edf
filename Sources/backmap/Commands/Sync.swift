import ArgumentParser
import BackMapCore
import Foundation

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Commit what is pending, bring in the remote's changes and push (the store must be a git repository).",
        discussion: """
            Sessions added on different machines simply merge. A session changed on both
            machines keeps both versions: the remote's stays at its id, this machine's
            becomes a new session whose note names the original, and sync says which.
            A session the remote changed that is open in an editor here is waited for;
            if it stays open, nothing is brought in. With no remote, no network or a
            refused push, sync says so and exits non-zero; nothing local is lost.
            """)

    @Option(help: ArgumentHelp("How long to wait for an editor holding a session the remote changed.", valueName: "seconds"))
    var wait: Int = 10

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if wait < 0 { throw ValidationError("--wait takes a number of seconds, 0 or more.") }
    }

    func run() throws {
        try reportingErrors {
            let store = try global.openStore()
            let history = try StoreHistory.required(root: store.root)
            let report = try StoreSync(store: store, history: history, editorWait: .seconds(wait)).run()
            emit(report.lines.map(TerminalText.sanitized).joined(separator: "\n") + "\n")
        }
    }
}
