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

    var sessionStore: SessionStore {
        SessionStore(root: StoreLocation.resolve(explicit: store))
    }

    /// Display options for printed output: colour only on a terminal and without NO_COLOR.
    var printTheme: Theme {
        var options = DisplayOptions.detect(forceASCII: ascii)
        if isatty(STDOUT_FILENO) != 1 { options.color = false }
        return options.theme
    }

    /// The width printed output must fit: `COLUMNS` when set, else the terminal's
    /// when standard output is one, never under 80; nil (the natural width) otherwise.
    var printWidth: Int? {
        PrintWidth.resolve(columns: ProcessInfo.processInfo.environment["COLUMNS"], terminalWidth: PrintWidth.terminalWidth())
    }

    /// Opens the interactive program, or explains why it cannot run here.
    func runInteractive(opening destination: Destination?, printingAlternative: String) throws {
        let status = try reportingErrors {
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                throw CLIError("this command needs a terminal; `\(printingAlternative)` prints instead")
            }
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
    } catch {
        var text = TerminalText.sanitized(String(describing: error))
        // A sentence starts with a capital, but a name stays as typed ("last~20 goes back…").
        let firstWord = text.prefix { $0 != " " }
        if let first = text.first, first.isLowercase, firstWord.allSatisfy(\.isLetter) {
            text = first.uppercased() + text.dropFirst()
        }
        if !text.hasSuffix(".") { text += "." }
        FileHandle.standardError.write(Data("backmap: \(text)\n".utf8))
        throw ExitCode.failure
    }
}

/// Writes text to standard output as it is (already made safe by the caller).
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
