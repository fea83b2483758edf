import ArgumentParser
import BackMapCore
import BackMapTUI
import Foundation

struct InsightsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insights",
        abstract: "What helps: tags and techniques against tightness, tight extent, pain change and release.",
        discussion: Insights.method + " " + Insights.footer)

    @Option(help: ArgumentHelp("Whose sessions (default: the newest session's subject); \"all\" pools everyone.", valueName: "name"))
    var subject: String?

    @Option(help: ArgumentHelp("Only the most recent n sessions (default: all of them).", valueName: "n"))
    var last: Int?

    @Flag(help: "Print the figures as JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let last, !(1...1_000_000).contains(last) { throw ValidationError("--last must be between 1 and 1000000.") }
    }

    func run() throws {
        try reportingErrors {
            let scan = try global.openStore().scan()
            let insights = Insights(scan.summaries, filter: InsightsFilter(subject: subject, last: last))
            if let subject, !insights.isPooled, insights.sessions.isEmpty, !scan.summaries.isEmpty {
                throw CLIError("no sessions of subject \(subject); `--subject all` pools every subject")
            }
            if json {
                emit(String(decoding: try InsightsReport.json(insights), as: UTF8.self))
            } else {
                let theme = global.printTheme
                emit(PrintedInsights.canvas(insights, theme: theme, width: printWidth).text(ansi: theme.color, color: theme.color))
            }
            reportProblems(scan.problems)
        }
    }

    /// 80 columns, or fewer when COLUMNS says the terminal is narrower.
    private var printWidth: Int {
        let columns = ProcessEnvironment.current["COLUMNS"].flatMap(Int.init) ?? 80
        return min(80, max(40, columns))
    }
}
