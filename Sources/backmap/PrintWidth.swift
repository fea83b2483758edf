import BackMapCore
import BackMapTUI
import Foundation

/// How wide printed output (`show`, `list`, `trends --print`) may be.
enum PrintWidth {
    /// `COLUMNS` wins when it is a number; else the terminal's width; never under
    /// `PrintLayout.minimumWidth`, which every printed layout fits.
    static func resolve(columns: String?, terminalWidth: Int?) -> Int? {
        let asked = columns.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0 > 0 ? $0 : nil } ?? terminalWidth
        return asked.map { max(PrintLayout.minimumWidth, $0) }
    }

    /// The width of the terminal on standard output, or nil when it is not a terminal.
    static func terminalWidth() -> Int? {
        guard Console.outputIsTerminal, let size = TerminalSize.standardOutput(), size.columns > 0 else { return nil }
        return size.columns
    }
}
