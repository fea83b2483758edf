import ArgumentParser
import BackMapCore
import BackMapTUI
import Foundation

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Two sessions side by side, with the change of every zone and a summary.",
        discussion: """
            A is the reference and B is judged against it: "better" means looser in B.
            With one REF, that session's first pass (A) against its last (B): the release
            within the session.
            Interactive on a terminal; printed with --print or when the output is not a terminal.
            """)

    @Argument(help: "Session A, the reference: an id, a unique prefix, last, last~N or YYYY-MM-DD.", completion: .sessionRef)
    var refA: String

    @Argument(help: "Session B, compared with A; without it, A's first pass against its last.", completion: .sessionRef)
    var refB: String?

    @Option(name: .customLong("pass-a"), help: "Only this pass of A (default: the whole session; with one REF, its first pass).")
    var passA: Int?

    @Option(name: .customLong("pass-b"), help: "Only this pass of B (default: the whole session; with one REF, the last pass).")
    var passB: Int?

    @Flag(help: "Print JSON: both sides, the summary and every zone.")
    var json = false

    @Flag(name: .customLong("print"), help: "Print the comparison instead of opening the interactive program.")
    var printOnly = false

    @OptionGroup var subjectOption: SubjectOption

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try PassOption.validate(passA, named: "--pass-a")
        try PassOption.validate(passB, named: "--pass-b")
    }

    func run() throws {
        let (a, b) = try reportingErrors { () throws -> (Session, Session) in
            let store = try global.openStore()
            let scan = store.scan()
            let subject = subjectOption.subject
            let a = try store.load(try store.resolve(refA, in: scan, subject: subject).id)
            let b = try refB.map { try store.load(try store.resolve($0, in: scan, subject: subject).id) } ?? a
            try PassOption.check(passA, of: a)
            try PassOption.check(passB, of: b)
            return (a, b)
        }
        let (shownA, shownB) = try reportingErrors { try passes(a) }
        if let notice = ExportOrder.compareNotice(a, b) {
            StandardStream.writeError("backmap: \(TerminalText.sanitized(notice))\n")
        }
        if json || printOnly || !Console.isInteractive {
            try reportingErrors {
                let comparison = SessionComparison(a, pass: shownA, with: b, pass: shownB)
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
            try global.runInteractive(opening: .compare(a.id, b.id, passA: shownA, passB: shownB),
                                      printingAlternative: "backmap compare --print \(refA)" + (refB.map { " \($0)" } ?? "")
                                          + (subjectOption.subject.map { " --subject \($0)" } ?? ""))
        }
    }

    /// The passes to show: as asked, or with one REF the first and the last pass.
    private func passes(_ a: Session) throws -> (Int?, Int?) {
        guard refB == nil else { return (passA, passB) }
        let passes = a.passes
        guard let first = passes.first, let last = passes.last, first != last || passA != nil || passB != nil else {
            throw CLIError("session \(a.id) has \(passes.isEmpty ? "no marks" : "one pass"); with one REF, compare sets its first pass against its last, so it needs two passes (or give a second REF)")
        }
        return (passA ?? first, passB ?? last)
    }
}
