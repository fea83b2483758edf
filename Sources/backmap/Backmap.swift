import ArgumentParser
import BackMapCore
import BackMapTUI
import Foundation

/// `backmap`: with no command, the interactive program on the session list.
@main
struct Backmap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backmap",
        abstract: "Mark where the back was tight during skin rolling, and follow it over time.",
        discussion: """
            With no command, opens the interactive program on the list of sessions.
            REF names a session: a full id, a unique prefix of one, last, last~N,
            or a day YYYY-MM-DD that has one session.
            """,
        version: BuildInfo.versionLine,
        subcommands: [New.self, Edit.self, List.self, Show.self, Replay.self, Compare.self,
                      TrendsCommand.self, InsightsCommand.self, Export.self, Import.self, Check.self,
                      GitCommand.self, Sync.self, History.self, Restore.self]
    )

    @OptionGroup var global: GlobalOptions

    /// Parses and runs like ArgumentParser's own `main`, except that an argument
    /// error is one sentence with a pointer to `--help` (SPEC 4), not several
    /// "Error:" lines and the usage.
    static func main() {
        // Before anything opens a file: see StandardStream.guardDescriptors.
        StandardStream.guardDescriptors()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let common = CommonArguments(arguments) {
            do {
                try run(common)
            } catch {
                exit(withError: error)
            }
            return
        }
        let command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            let lines = message(for: error).split(separator: "\n").map {
                $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "Error: ", with: "")
            }.filter { !$0.isEmpty && !$0.hasPrefix("Usage:") && !$0.hasPrefix("See '") && !$0.hasPrefix("Help:") }
            var text = lines.joined(separator: "; ").replacingOccurrences(of: ". Please provide", with: "; use")
            while text.hasSuffix(".") { text.removeLast() }
            let sub = arguments.first { name in configuration.subcommands.contains { $0._commandName == name } }
            let help = ["backmap"] + (sub.map { [$0] } ?? []) + ["--help"]
            StandardStream.writeError("backmap: \(TerminalText.sanitized(text)); `\(help.joined(separator: " "))` says how to use it.\n")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = command
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    /// Runs a plain form of a common command as its parsed form would (see `CommonArguments`).
    static func run(_ arguments: CommonArguments) throws {
        let global = Globals(store: arguments.store, ascii: arguments.ascii)
        switch arguments.command {
        case .home:
            try global.runInteractive(opening: nil, printingAlternative: "backmap list")
        case .list(let subject, let json):
            try List.run(global, subject: subject, json: json)
        case .trends(let last, let subject, let tag, let json, let print):
            try TrendsCommand.run(global, last: last, subject: subject, tag: tag, json: json, print: print)
        }
    }

    func run() throws {
        try global.runInteractive(opening: nil, printingAlternative: "backmap list")
    }
}
