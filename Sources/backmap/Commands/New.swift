import ArgumentParser
import BackMapCore
import BackMapTUI

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the editor on a new session.")

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
        try global.runInteractive(opening: .newSession(subject: subject ?? "me", technique: technique),
                                  printingAlternative: "backmap show last")
    }
}

extension Technique: ExpressibleByArgument {}
