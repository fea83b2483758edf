import ArgumentParser
import BackMapCore

struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Open the editor on a stored session.")

    @Argument(help: "The session: an id, a unique prefix, last, last~N or YYYY-MM-DD.", completion: .sessionRef)
    var ref: String

    @OptionGroup var subjectOption: SubjectOption

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let id = try reportingErrors { try global.openStore().resolve(ref, subject: subjectOption.subject).id }
        try global.runInteractive(opening: .editor(id), printingAlternative: "backmap show \(ref)")
    }
}
