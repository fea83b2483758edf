/// The arguments of a plain start on the home screen (`backmap`, with `--store DIR`,
/// `--store=DIR` or `--ascii`), recognised without the argument parser.
///
/// Starting is what people do most, and ArgumentParser's full parse (its completion
/// checks build option tables by reflection) costs about 2 ms of a first frame that
/// should take under 10. Anything else, including every mistake, is nil and goes
/// through the parser, which explains it; so this only ever agrees with the parser.
public struct HomeScreenArguments: Equatable, Sendable {
    public var store: String?
    public var ascii = false

    public init(store: String? = nil, ascii: Bool = false) {
        self.store = store
        self.ascii = ascii
    }

    /// The options when `arguments` (without the program's name) are only global
    /// options, each at most once, with a folder that cannot be mistaken for an option.
    public init?(_ arguments: [String]) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--ascii", !ascii {
                ascii = true
            } else if store == nil, argument == "--store", let folder = rest.popFirst(), Self.isPlainValue(folder) {
                store = folder
            } else if store == nil, argument.hasPrefix("--store="), Self.isPlainValue(String(argument.dropFirst(8))) {
                store = String(argument.dropFirst(8))
            } else {
                return nil
            }
        }
    }

    /// Not empty and not starting with `-`: the parser reads such values its own way.
    private static func isPlainValue(_ value: String) -> Bool {
        !value.isEmpty && !value.hasPrefix("-")
    }
}
