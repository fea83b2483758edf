import ArgumentParser
import BackMapCore
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write sessions for a doctor, a spreadsheet or a web page.",
        discussion: """
            svg   a picture of one session's map, or of two side by side with the change of each zone
            html  one self-contained page to print or email: a page per session (details, notes, map);
                  for several sessions, the trend, a heat map and the first against the last, per subject
            csv   one row per zone per session: id, date (ISO 8601 with its offset), subject, side,
                  segment, tightness; UTF-8 without a byte order mark unless --bom
            md    a short report with a table per session
            json  a bundle that `backmap import` reads back (Assets/bundle.schema.json): each session
                  with every key it holds, unknown ones too; times are written in one form (with
                  seconds and offset, fractions dropped) and keys holding null are left out

            The older session comes first, whatever order they are named in, unless --as-given;
            a line on standard error says when the order was changed.
            """)

    /// The formats `--format` takes.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case svg, html, csv, md, json
    }

    @Argument(help: "The sessions: ids, unique prefixes, last, last~N or YYYY-MM-DD.", completion: .sessionRef)
    var refs: [String]

    @Option(help: ArgumentHelp("svg, html, csv, md or json.", valueName: "format"))
    var format: Format

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file (mode 0600) instead of standard output; a device or pipe such as /dev/stdout is written through, a link or folder refused.", valueName: "file"))
    var output: String?

    @Flag(name: .customLong("as-given"), help: "Keep the sessions in the order named, even when A is newer than B.")
    var asGiven = false

    @Flag(help: "Start the CSV with a byte order mark, which Excel needs to read UTF-8.")
    var bom = false

    @OptionGroup var subjectOption: SubjectOption

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if refs.isEmpty { throw ValidationError("Name at least one session to export.") }
        if format == .svg, refs.count > 2 {
            throw ValidationError("An SVG shows one session, or two side by side; html takes any number.")
        }
        if bom, format != .csv { throw ValidationError("--bom is for --format csv only.") }
    }

    func run() throws {
        try reportingErrors {
            let store = try global.openStore()
            let scan = store.scan()
            var sessions: [Session] = []
            var files: [Data] = []
            for ref in refs {
                let id = try store.resolve(ref, in: scan, subject: subjectOption.subject).id
                // The same session named twice (an id and `last`) is written once.
                guard !sessions.contains(where: { $0.id == id }) else { continue }
                let stored = try store.loadStored(id)
                sessions.append(stored.session)
                files.append(stored.bytes)
            }
            let order = ExportOrder(sessions, asGiven: asGiven)
            sessions = order.sessions
            if let notice = order.notice {
                StandardStream.writeError("backmap: \(TerminalText.sanitized(notice))\n")
            }
            let data: Data
            switch format {
            case .svg:
                data = Data((sessions.count == 2 ? SVGExport.compare(sessions[0], sessions[1]) : SVGExport.map(sessions[0])).utf8)
            case .html: data = Data(HTMLExport.page(sessions).utf8)
            case .csv: data = Data(CSVExport.table(sessions, byteOrderMark: bom).utf8)
            case .md: data = Data(MarkdownExport.report(sessions).utf8)
            case .json: data = SessionBundle.encode(files: files)
            }
            if let output {
                try OutputFile.write(data, to: output)
            } else {
                emit(data)
            }
        }
    }
}
