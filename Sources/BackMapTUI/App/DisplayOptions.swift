import Foundation

/// Display choices made once at start-up from flags and the environment.
public struct DisplayOptions: Sendable {
    public var ascii: Bool
    public var color: Bool

    public init(ascii: Bool, color: Bool) {
        self.ascii = ascii
        self.color = color
    }

    /// `--ascii`, NO_COLOR, and a locale that cannot show UTF-8 decide.
    public static func detect(forceASCII: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> DisplayOptions {
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LANG"] ?? ""
        let utf8 = locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8")
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        return DisplayOptions(ascii: forceASCII || !utf8, color: !noColor && !dumb)
    }

    public var theme: Theme { Theme(ascii: ascii, color: color) }
}
