import BackMapCore
import Foundation

/// Display choices made once at start-up from flags and the environment.
public struct DisplayOptions: Sendable {
    public var ascii: Bool
    public var color: Bool
    /// The locale can show UTF-8: user text stays as written even with `--ascii`.
    public var unicodeText: Bool

    public init(ascii: Bool, color: Bool, unicodeText: Bool = true) {
        self.ascii = ascii
        self.color = color
        self.unicodeText = unicodeText
    }

    /// `--ascii`, NO_COLOR, and a locale that cannot show UTF-8 decide.
    public static func detect(forceASCII: Bool, environment: [String: String] = ProcessEnvironment.current) -> DisplayOptions {
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LANG"] ?? ""
        let utf8 = locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8")
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        return DisplayOptions(ascii: forceASCII || !utf8, color: !noColor && !dumb, unicodeText: utf8)
    }

    public var theme: Theme { Theme(ascii: ascii, color: color, asciiText: !unicodeText) }
}
