import Glibc

/// The size of the terminal on standard output, as the kernel knows it.
public enum TerminalSize {
    /// Rows and columns, or nil when standard output is not a terminal (or one that
    /// does not say).
    public static func standardOutput() -> (rows: Int, columns: Int)? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 else { return nil }
        return (Int(size.ws_row), Int(size.ws_col))
    }
}
