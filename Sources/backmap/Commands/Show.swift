import ArgumentParser
import BackMapCore
import BackMapTUI

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a session's map, without the interactive program.")

    @Argument(help: "The session: an id, a unique prefix, last, last~N or YYYY-MM-DD.", completion: .sessionRef)
    var ref: String

    @Option(help: "Only this pass (default: the whole session, latest pass per zone).")
    var pass: Int?

    @Flag(help: "Print JSON instead of the drawing.")
    var json = false

    @OptionGroup var subjectOption: SubjectOption

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            let store = global.sessionStore
            let session = try store.load(try store.resolve(ref, subject: subjectOption.subject).id)
            if let pass, !session.passes.contains(pass) {
                throw CLIError("session \(session.id) has no pass \(pass); its passes are \(session.passes.map(String.init).joined(separator: ", "))")
            }
            if json {
                emit(String(decoding: try MapReport.json(session, pass: pass), as: UTF8.self))
            } else {
                let theme = global.printTheme
                emit(PrintedMap.canvas(session, pass: pass, theme: theme, width: global.printWidth).text(ansi: theme.color, color: theme.color))
            }
        }
    }
}
