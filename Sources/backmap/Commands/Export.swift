import ArgumentParser
import BackMapCore
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write sessions for a doctor, a spreadsheet or a web page.",
        discussion: """
            svg   a picture of one session's map, or of two side by side with the change of each zone
            html  one self-contained page (details, notes, maps; the trend for several sessions) to print or email
            csv   one row per zone per session: id, date, subject, side, segment, tightness
            md    a short report with a table per session
            json  the sessions exactly as stored, in one bundle that `backmap import` reads back
            """)

    /// The formats `--format` takes.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case svg, html, csv, md, json
    }

    @Argument(help: "The sessions: ids, unique prefixes, last, last~N or YYYY-MM-DD.", completion: .sessionRef)
    var refs: [String]

    @Option(help: ArgumentHelp("svg, html, csv, md or json.", valueName: "format"))
    var format: Format

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file (mode 0600) instead of standard output.", valueName: "file"))
    var output: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if refs.isEmpty { throw ValidationError("Name at least one session to export.") }
        if format == .svg, refs.count > 2 {
            throw ValidationError("An SVG shows one session, or two side by side; html takes any number.")
        }
    }

    func run() throws {
        try reportingErrors {
            let store = global.sessionStore
            let scan = store.scan()
            var sessions: [Session] = []
            for ref in refs {
                let id = try store.resolve(ref, in: scan).id
                // The same session named twice (an id and `last`) is written once.
                if !sessions.contains(where: { $0.id == id }) { sessions.append(try store.load(id)) }
            }
            let data: Data
            switch format {
            case .svg:
                data = Data((sessions.count == 2 ? SVGExport.compare(sessions[0], sessions[1]) : SVGExport.map(sessions[0])).utf8)
            case .html: data = Data(HTMLExport.page(sessions).utf8)
            case .csv: data = Data(CSVExport.table(sessions).utf8)
            case .md: data = Data(MarkdownExport.report(sessions).utf8)
            case .json: data = try SessionBundle.encode(sessions)
            }
            if let output {
                let url = URL(fileURLWithPath: output)
                try AtomicFile.write(data, to: url, mode: 0o600)
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}
