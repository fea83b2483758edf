import ArgumentParser
import BackMapCore
import BackMapTUI

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
                      TrendsCommand.self, Export.self, Import.self, Check.self]
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.runInteractive(opening: nil, printingAlternative: "backmap list")
    }
}
