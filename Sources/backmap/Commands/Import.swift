import ArgumentParser
import BackMapCore
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add sessions from session files and bundles (from `export --format json`) to the store.",
        discussion: """
            Each session is checked like a file of the store. A new id is added; a session
            identical to the stored one with its id is skipped; a different session with an
            id the store already holds is refused and named. Nothing is ever overwritten.
            The exit status is non-zero when anything was refused or invalid.
            """)

    @Argument(help: ArgumentHelp("Session files (<id>.json) or bundles.", valueName: "file"))
    var files: [String]

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one file to import.") }
    }

    func run() throws {
        let store = try reportingErrors { try global.openStore() }
        let report = SessionImport.run(files: files.map { URL(fileURLWithPath: $0) }, into: store)
        for problem in report.problems {
            StandardStream.writeError("backmap: \(TerminalText.sanitized(problem))\n")
        }
        emit(report.summary + "\n")
        if !report.added.isEmpty {
            let added = report.added.count == 1 ? "\(report.added[0]): imported" : "import: \(report.added.count) sessions"
            HistoryNote.commit(in: store, headline: report.added.count == 1
                ? (StoreHistory.path(of: report.added[0]), added) : nil, fallback: added)
        }
        if !report.isClean { throw ExitCode.failure }
    }
}
