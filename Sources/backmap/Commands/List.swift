import ArgumentParser
import BackMapCore
import Foundation

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "One line per session, newest first: id, date, subject, technique, zones rolled, score, mean tightness, pain before→after.",
        discussion: "The score is the sum of the ratings of the zones rolled, so it grows with how many were rolled; the mean (0.00–3.00) does not. Nothing rolled shows –.")

    @Option(help: "Only the sessions of this subject (matched ignoring case).")
    var subject: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try Self.run(global.plain, subject: subject, json: json)
    }

    static func run(_ global: Globals, subject: String?, json: Bool) throws {
        try reportingErrors {
            var scan = try global.openStore().scan()
            // Handed over, not shared, so the sessions are filtered in place, and printed
            // newest first without being turned round.
            let summaries = scan.summaries
            scan.summaries = []
            let sessions = SessionList.oldestFirst(consume summaries, subject: subject)
            if json {
                emit(try SessionList.json(sessions.reversed()))
            } else if sessions.isEmpty {
                emit(subject == nil ? "No sessions yet; `backmap new` starts one.\n" : "No sessions of that subject.\n")
            } else {
                let theme = global.printTheme
                SessionList.writeTable(oldestFirst: sessions, ascii: theme.ascii, asciiText: theme.asciiText, width: global.printWidth) {
                    emit(UnsafeRawBufferPointer($0))
                }
            }
            reportProblems(scan.problems)
            // Everything is written: the process ends here rather than freeing tens of
            // thousands of summaries one by one on its way out.
            Foundation.exit(EXIT_SUCCESS)
        }
    }
}

/// Names every file that could not be read, on stderr, without failing the command.
func reportProblems(_ problems: [StoreProblem]) {
    for problem in problems {
        StandardStream.writeError("backmap: skipped \(TerminalText.sanitized(problem.description))\n")
    }
}
