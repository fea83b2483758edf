import ArgumentParser
import BackMapCore
import BackMapTUI

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a session's map, without the interactive program.")

    @Argument(help: "The session: an id, a unique prefix, last, last~N or YYYY-MM-DD.", completion: .sessionRef)
    var ref: String

    @Option(help: "Only this pass (default: the whole session, latest pass per zone).")
    var pass: Int?

    @Option(help: ArgumentHelp("An earlier version, as `backmap history REF` numbers them (needs git).", valueName: "n"))
    var at: Int?

    @Flag(help: "Print JSON instead of the drawing.")
    var json = false

    @OptionGroup var subjectOption: SubjectOption

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try PassOption.validate(pass, named: "--pass")
    }

    func run() throws {
        try reportingErrors {
            let store = try global.openStore()
            let session: Session
            if let at {
                let history = try StoreHistory.required(root: store.root)
                session = try history.session(try history.sessionID(for: ref, in: store), version: at)
            } else {
                session = try store.load(try store.resolve(ref, subject: subjectOption.subject).id)
            }
            try PassOption.check(pass, of: session)
            if json {
                emit(String(decoding: try MapReport.json(session, pass: pass), as: UTF8.self))
            } else {
                let theme = global.printTheme
                emit(PrintedMap.canvas(session, pass: pass, theme: theme, width: global.printWidth).text(ansi: theme.color, color: theme.color))
            }
        }
    }
}
