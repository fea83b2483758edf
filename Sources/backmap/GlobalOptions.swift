import ArgumentParser
import BackMapCore
import BackMapTUI
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store folder (default: $BACKMAP_HOME, else $XDG_DATA_HOME/backmap, else ~/.local/share/backmap).", valueName: "dir"))
    var store: String?

    @Flag(name: .long, help: "Draw with 7-bit ASCII only.")
    var ascii = false

    /// The same options as plain values, for the code that runs a command.
    var plain: Globals { Globals(store: store, ascii: ascii) }

    func openStore() throws -> SessionStore { try plain.openStore() }
    var printTheme: Theme { plain.printTheme }
    var printWidth: Int? { plain.printWidth }

    func runInteractive(opening destination: Destination?, printingAlternative: String) throws {
        try plain.runInteractive(opening: destination, printingAlternative: printingAlternative)
    }
}

/// The options every command takes, as plain values: what a command needs of them, with
/// or without ArgumentParser (see `CommonArguments`).
struct Globals {
    var store: String?
    var ascii = false

    /// The store, once it is known to be readable (or not to exist yet, which is an empty store).
    func openStore() throws -> SessionStore {
        if store == "" { throw CLIError("--store needs a folder; an empty path names none") }
        let sessionStore = SessionStore(root: StoreLocation.resolve(explicit: store))
        try sessionStore.checkReadable()
        return sessionStore
    }

    /// Display options for printed output: colour only on a terminal and without NO_COLOR.
    var printTheme: Theme {
        var options = DisplayOptions.detect(forceASCII: ascii)
        if !Console.outputIsTerminal { options.color = false }
        return options.theme
    }

    /// The width printed output must fit: `COLUMNS` when set, else the terminal's
    /// when standard output is one, never under 80; nil (the natural width) otherwise.
    var printWidth: Int? {
        PrintWidth.resolve(columns: ProcessEnvironment.current["COLUMNS"], terminalWidth: PrintWidth.terminalWidth())
    }

    /// Opens the interactive program, or explains why it cannot run here.
    func runInteractive(opening destination: Destination?, printingAlternative: String) throws {
        let status = try reportingErrors {
            guard Console.isInteractive else {
                throw CLIError("this command needs a terminal; `\(printingAlternative)` prints instead")
            }
            let sessionStore = try openStore()
            RescueOffer.run(store: sessionStore)
            let app = App(store: sessionStore, options: DisplayOptions.detect(forceASCII: ascii))
            do {
                return try app.run(opening: destination)
            } catch let error as TerminalError {
                throw CLIError("\(error); `\(printingAlternative)` prints instead")
            }
        }
        if status != 0 { throw ExitCode(status) }
    }
}

/// An error whose message is the whole story.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body`; any error becomes one plain sentence on stderr and exit status 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as FileSystemError where error.errno == EPIPE {
        // A pipe or FIFO whose reader left, as `head` does: end quietly, as SIGPIPE would.
        throw ExitCode(128 + SIGPIPE)
    } catch {
        var text = TerminalText.sanitized(String(describing: error))
        // A sentence starts with a capital, but a name stays as typed ("last~20 goes back…").
        let firstWord = text.prefix { $0 != " " }
        if let first = text.first, first.isLowercase, firstWord.allSatisfy(\.isLetter) {
            text = first.uppercased() + text.dropFirst()
        }
        if !text.hasSuffix(".") { text += "." }
        StandardStream.writeError("backmap: \(text)\n")
        throw ExitCode.failure
    }
}

/// Writes text to standard output as it is (already made safe by the caller).
func emit(_ text: String) {
    emit(Data(text.utf8))
}

/// Writes bytes to standard output; if that fails the program ends here: quietly
/// when the reader of a pipe left (as `head` expects), else with one sentence.
func emit(_ data: some ContiguousBytes) {
    let code = StandardStream.writeOutput(data)
    guard code != 0 else { return }
    if code == EPIPE { exit(128 + SIGPIPE) }
    let reason = code == EBADF ? "it is closed" : String(cString: strerror(code))
    StandardStream.writeError("backmap: could not write to standard output: \(reason).\n")
    exit(EXIT_FAILURE)
}
