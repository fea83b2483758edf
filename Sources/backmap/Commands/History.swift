import ArgumentParser
import BackMapCore
import Foundation

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the committed versions of a session (the store must be a git repository).",
        discussion: """
            Version 1 is the oldest. `backmap show REF --at N` prints one, `backmap restore
            REF --at N` brings it back as the newest version. A trashed session is named by its full id.
            """)

    @Argument(help: "The session: an id, a unique prefix, last, last~N or YYYY-MM-DD.")
    var ref: String

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            let store = try global.openStore()
            let history = try StoreHistory.required(root: store.root)
            let id = try history.sessionID(for: ref, in: store)
            let versions = try history.versions(of: id)
            guard !versions.isEmpty else { throw HistoryError.noHistory(id) }
            var text = "Session \(id): \(versions.count) version\(versions.count == 1 ? "" : "s"), oldest first\n"
            let width = String(versions.count).count
            for version in versions {
                let number = String(repeating: " ", count: width - String(version.number).count) + String(version.number)
                let date = String(version.date.prefix(16)).replacingOccurrences(of: "T", with: " ")
                text += TerminalText.sanitized("\(number)  \(date)  \(version.change)") + "\n"
            }
            emit(text)
        }
    }
}
