import ArgumentParser
import BackMapCore

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a session's marks in the order they were made.",
        discussion: "Space plays or pauses, Left/Right step, +/- change speed, Home/End jump, [ ] go to the session before or after.")

    @Argument(help: "The session: an id, a unique prefix, last, last~N or YYYY-MM-DD.", completion: .sessionRef)
    var ref: String

    @OptionGroup var subjectOption: SubjectOption

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let id = try reportingErrors { try global.openStore().resolve(ref, subject: subjectOption.subject).id }
        try global.runInteractive(opening: .replay(id), printingAlternative: "backmap show \(ref)")
    }
}
