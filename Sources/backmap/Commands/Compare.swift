import ArgumentParser
import BackMapCore
import BackMapTUI
import Foundation

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Two sessions side by side, with the change of every zone and a summary.",
        discussion: """
            A is the reference and B is judged against it: "better" means looser in B.
            Interactive on a terminal; printed with --print or when the output is not a terminal.
            """)

    @Argument(help: "Session A, the reference: an id, a unique prefix, last, last~N or YYYY-MM-DD.", completion: .sessionRef)
    var refA: String

    @Argument(help: "Session B, compared with A.", completion: .sessionRef)
    var refB: String

    @Option(name: .customLong("pass-a"), help: "Only this pass of A (default: the whole session).")
    var passA: Int?

    @Option(name: .customLong("pass-b"), help: "Only this pass of B (default: the whole session).")
    var passB: Int?

    @Flag(help: "Print JSON: both sides, the summary and every zone.")
    var json = false

    @Flag(name: .customLong("print"), help: "Print the comparison instead of opening the interactive program.")
    var printOnly = false

    @OptionGroup var subjectOption: SubjectOption

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        for (name, pass) in [("--pass-a", passA), ("--pass-b", passB)] {
            if let pass, pass < 1 { throw ValidationError("\(name) must be 1 or more.") }
        }
    }

    func run() throws {
        let (a, b) = try reportingErrors { () throws -> (Session, Session) in
            let store = global.sessionStore
            let scan = store.scan()
            let subject = subjectOption.subject
            let a = try store.load(try store.resolve(refA, in: scan, subject: subject).id)
            let b = try store.load(try store.resolve(refB, in: scan, subject: subject).id)
            try check(pass: passA, of: a)
            try check(pass: passB, of: b)
            return (a, b)
        }
        if let notice = ExportOrder.compareNotice(a, b) {
            FileHandle.standardError.write(Data("backmap: \(TerminalText.sanitized(notice))\n".utf8))
        }
        if json || printOnly || isatty(STDOUT_FILENO) != 1 {
            try reportingErrors {
                let comparison = SessionComparison(a, pass: passA, with: b, pass: passB)
                if json {
                    emit(String(decoding: try CompareReport.json(comparison), as: UTF8.self))
                } else {
                    let theme = global.printTheme
                    // Two people's backs: said once, before the picture, so nobody reads it as progress.
                    if let note = comparison.differentSubjectsNote { emit(TerminalText.sanitized(note) + "\n") }
                    emit(PrintedComparison.canvas(comparison, theme: theme).text(ansi: theme.color, color: theme.color))
                }
            }
        } else {
            try global.runInteractive(opening: .compare(a.id, b.id, passA: passA, passB: passB),
                                      printingAlternative: "backmap compare --print \(refA) \(refB)\(subjectOption.subject.map { " --subject \($0)" } ?? "")")
        }
    }

    private func check(pass: Int?, of session: Session) throws {
        guard let pass, !session.passes.contains(pass) else { return }
        let passes = session.passes.isEmpty ? "it has no marks" : "its passes are \(session.passes.map(String.init).joined(separator: ", "))"
        throw CLIError("session \(session.id) has no pass \(pass); \(passes)")
    }
}
