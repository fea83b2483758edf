import Foundation

/// Where the program runs, worked out one way for every command.
enum Console {
    /// Standard input and output are both a terminal: the interactive program can
    /// run. Commands with a printed form print when this is false.
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && outputIsTerminal }

    /// Standard output is a terminal: printed output may use colour and the terminal's width.
    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
