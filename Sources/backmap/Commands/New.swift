import ArgumentParser
import BackMapCore
import BackMapTUI

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Open the editor on a new session.")

    @Option(help: "Whose back (default: me).")
    var subject: String?

    // ArgumentParser lists the values itself, from Technique's cases.
    @Option(help: ArgumentHelp("How it was done.", valueName: "technique"))
    var technique: Technique = .skinRolling

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let subject, subject.isEmpty || SessionLimits.length(subject) > SessionLimits.subjectCharacters {
            throw ValidationError("--subject must be 1 to \(SessionLimits.subjectCharacters) characters (Unicode code points).")
        }
    }

    func run() throws {
        // "anna" for a store that knows "Anna" is Anna: one person keeps one spelling.
        let known = try subject.map { typed in
            try reportingErrors { Subject.canonical(typed, in: try global.openStore().scan().summaries) }
        }
        try global.runInteractive(opening: .newSession(subject: known ?? Subject.defaultName, technique: technique),
                                  printingAlternative: "backmap show last")
    }
}

extension Technique: ExpressibleByArgument {}
