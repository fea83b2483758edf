import ArgumentParser
import BackMapCore
import Foundation

struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Bring back an earlier version of a session as its newest one, and commit it.",
        discussion: "`backmap history REF` lists the versions. Nothing is lost: the version replaced stays in history.")

    @Argument(help: "The session: an id, a unique prefix, last, last~N or YYYY-MM-DD.")
    var ref: String

    @Option(help: ArgumentHelp("The version to bring back (see `backmap history REF`).", valueName: "n"))
    var at: Int

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            let store = try global.openStore()
            let history = try StoreHistory.required(root: store.root)
            let id = try history.sessionID(for: ref, in: store)
            if let message = try history.restore(id, version: at, in: store) {
                emit("Restored: \(TerminalText.sanitized(message)).\n")
            } else {
                emit("Session \(id) already is version \(at); nothing to restore.\n")
            }
        }
    }
}
