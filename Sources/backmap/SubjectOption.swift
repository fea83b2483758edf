import ArgumentParser

/// `--subject S` for the commands that take a REF: `last`, `last~N` and dates
/// then count only that person's sessions.
struct SubjectOption: ParsableArguments {
    @Option(help: "Count REFs (last, last~N, dates, prefixes) among this subject's sessions only; matched ignoring case.")
    var subject: String?
}
