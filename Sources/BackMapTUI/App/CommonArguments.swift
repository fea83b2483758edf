import BackMapCore

/// The plain forms of what people run most — a start on the home screen (`backmap`),
/// `backmap list` and `backmap trends --print` or `--json`, each with its own options and
/// `--store DIR` or `--ascii` — recognised without the argument parser.
///
/// ArgumentParser's full parse (its completion checks build option tables by reflection)
/// costs 2–3 ms, a large share of a first frame that should take under 10 or of a `list`
/// that should take 20. Anything else, including every mistake, `--help` and every
/// spelling these plain forms do not cover, is nil and goes through the parser, which
/// reads or explains it; so this only ever agrees with the parser.
public struct CommonArguments: Equatable, Sendable {
    public enum Command: Equatable, Sendable {
        /// No command: the interactive program on the list of sessions.
        case home
        /// `list [--subject S] [--json]`.
        case list(subject: String?, json: Bool)
        /// `trends (--print | --json) [--last N] [--subject S] [--tag T]`: the printed forms only.
        case trends(last: Int, subject: String?, tag: String?, json: Bool, print: Bool)
    }

    public var command: Command
    public var store: String?
    public var ascii = false

    public init(_ command: Command = .home, store: String? = nil, ascii: Bool = false) {
        self.command = command
        self.store = store
        self.ascii = ascii
    }

    /// The command and options when `arguments` (without the program's name) are one of the
    /// plain forms, each option at most once, every value one that cannot be mistaken for an
    /// option. `--store` and `--ascii` may also come before the command, as the usage line
    /// shows them (`backmap [--store <dir>] [--ascii] <subcommand>`).
    public init?(_ arguments: [String]) {
        var rest = arguments[...]
        var values: [String: String] = [:]
        guard Self.readOptions(&rest, names: Self.globals, into: &values, untilWord: true) else { return nil }
        let word = rest.popFirst()
        var names = Self.globals
        switch word {
        case "list": names.formUnion(["--subject", "--json"])
        case "trends": names.formUnion(["--last", "--subject", "--tag", "--json", "--print"])
        case nil: break
        // Another command, or a word where none belongs: the parser's.
        default: return nil
        }
        guard Self.readOptions(&rest, names: names, into: &values, untilWord: false) else { return nil }
        store = values["--store"]
        ascii = values["--ascii"] != nil
        switch word {
        case "list":
            command = .list(subject: values["--subject"], json: values["--json"] != nil)
        case "trends":
            let json = values["--json"] != nil, print = values["--print"] != nil
            // Without either it opens the interactive screen: the parser's path.
            guard json || print else { return nil }
            var last = TrendFilter.defaultLast
            if let text = values["--last"] {
                guard text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), text.utf8.count <= 7,
                      let value = Int(text), TrendFilter.allowedLast.contains(value) else { return nil }
                last = value
            }
            command = .trends(last: last, subject: values["--subject"], tag: values["--tag"], json: json, print: print)
        default:
            command = .home
        }
    }

    private static let flags: Set<String> = ["--ascii", "--json", "--print"]
    private static let globals: Set<String> = ["--store", "--ascii"]

    /// Reads options named in `names` into `values` (a flag's value is ""), up to the end or,
    /// with `untilWord`, up to the first argument that is not an option. False for any name
    /// not in `names`, one given twice, a flag with a value or an option without a plain one.
    private static func readOptions(_ rest: inout ArraySlice<String>, names: Set<String>, into values: inout [String: String],
                                    untilWord: Bool) -> Bool {
        while let argument = rest.first {
            if untilWord && !argument.hasPrefix("-") { return true }
            rest.removeFirst()
            let (name, attached) = split(argument)
            guard names.contains(name), values[name] == nil else { return false }
            if flags.contains(name) {
                guard attached == nil else { return false }
                values[name] = ""
            } else {
                guard let value = attached ?? rest.popFirst(), isPlainValue(value) else { return false }
                values[name] = value
            }
        }
        return true
    }

    /// `--name=value` as the name and the value; anything else as itself and nil.
    private static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    /// Not empty and not starting with `-`: the parser reads such values its own way.
    private static func isPlainValue(_ value: String) -> Bool {
        !value.isEmpty && !value.hasPrefix("-")
    }
}
