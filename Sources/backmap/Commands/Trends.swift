import ArgumentParser
import BackMapCore
import BackMapTUI
import Foundation

struct TrendsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trends",
        abstract: "How often each zone was tight over the last sessions, which way it went, and the score over time.",
        discussion: Trends.method)

    @Option(help: ArgumentHelp("How many of the most recent sessions.", valueName: "n"))
    var last = TrendFilter.defaultLast

    @Option(help: "Whose sessions (matched ignoring case); \"all\" pools every subject. Default: the subject of the newest session.")
    var subject: String?

    @Option(help: "Only the sessions with this tag.")
    var tag: String?

    @Flag(help: "Print the figures as JSON.")
    var json = false

    @Flag(help: "Print the picture instead of opening the interactive screen.")
    var print = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard TrendFilter.allowedLast.contains(last) else {
            throw ValidationError("--last must be between \(TrendFilter.allowedLast.lowerBound) and \(TrendFilter.allowedLast.upperBound).")
        }
    }

    func run() throws {
        try Self.run(global.plain, last: last, subject: subject, tag: tag, json: json, print: print)
    }

    static func run(_ global: Globals, last: Int, subject: String?, tag: String?, json: Bool, print: Bool) throws {
        let interactive = !json && !print && Console.isInteractive
        let scan = try reportingErrors { try global.openStore().scan() }
        // Two people's backs are never pooled unless asked: no --subject means the newest session's subject.
        let filter = TrendFilter(last: last, subject: SubjectScope(option: subject).subject(in: scan.summaries), tag: tag)
        if interactive {
            try global.runInteractive(opening: .trends(filter), printingAlternative: "backmap trends --print")
            return
        }
        try reportingErrors {
            let trends = Trends(scan.summaries, filter: filter)
            if json {
                emit(try TrendsReport.json(trends))
            } else {
                let theme = global.printTheme
                emit(PrintedTrends.canvas(trends, theme: theme, width: global.printWidth).text(ansi: theme.color, color: theme.color))
            }
            reportProblems(scan.problems)
        }
    }
}
