import BackMapCore

/// A grid of cells that screens draw into. It never touches the terminal:
/// the terminal adapter copies it to ncurses, and `text(ansi:)` prints it,
/// so `show` prints the very drawing the editor shows and tests read screens
/// as plain text.
///
/// Every string put on a canvas is sanitised here, the one door through which
/// text reaches a screen: control characters and escape sequences from a file
/// can never reach the terminal, and wide characters take their two columns.
public struct Canvas: Equatable, Sendable {
    /// One terminal cell. The right half of a wide character is a `continuation`.
    public struct Cell: Equatable, Sendable {
        public var character: Character
        public var style: Style
        public var isContinuation: Bool

        public static let blank = Cell(character: " ", style: .plain, isContinuation: false)
    }

    public let width: Int
    public let height: Int
    /// Replace everything outside 7-bit ASCII by "?", for `--ascii`.
    public let asciiOnly: Bool
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, asciiOnly: Bool = false) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.asciiOnly = asciiOnly
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Draws `text` from column `x` on line `y`, clipped at `maxWidth` columns (or
    /// the canvas edge), and ending in `ellipsis` where it was cut if one is given.
    /// Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil, ellipsis: String? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        var safe = asciiOnly ? TerminalText.ascii(text) : TerminalText.sanitized(text)
        // Without maxWidth the text runs to the canvas edge, also when it starts left of the
        // canvas; a huge maxWidth must not overflow.
        let limit = maxWidth.map { x.addingReportingOverflow($0) }.map { $0.overflow ? width : min(width, $0.partialValue) } ?? width
        if let ellipsis, x >= 0 { safe = TerminalText.truncated(safe, toWidth: limit - x, ellipsis: ellipsis) }
        var column = x
        for character in safe {
            let columns = asciiOnly ? 1 : TerminalText.width(of: character)
            if columns == 0 { continue }
            if column + columns > limit { break }
            if column >= 0 {
                setCell(column, y, Cell(character: character, style: style, isContinuation: false))
                if columns == 2 {
                    setCell(column + 1, y, Cell(character: " ", style: style, isContinuation: true))
                }
            }
            column += columns
        }
        return max(0, column - x)
    }

    /// Fills a rectangle with one character.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, character: Character = " ", style: Style = .plain) {
        let cell = Cell(character: character, style: style, isContinuation: false)
        // Clipped like every other drawing call: a rectangle partly or wholly off the canvas is not an error.
        for row in Self.clip(y, h, to: height) {
            for column in Self.clip(x, w, to: width) {
                setCell(column, row, cell)
            }
        }
    }

    /// Changes the style of cells already drawn, keeping their characters.
    public mutating func restyle(x: Int, y: Int, width w: Int, _ change: (inout Style) -> Void) {
        guard y >= 0, y < height else { return }
        for column in Self.clip(x, w, to: width) {
            change(&cells[y * width + column].style)
        }
    }

    /// Copies another canvas in at (x, y), clipped.
    public mutating func paste(_ other: Canvas, x: Int, y: Int) {
        for row in 0..<other.height where y + row >= 0 && y + row < height {
            for column in 0..<other.width where x + column >= 0 && x + column < width {
                setCell(x + column, y + row, other[column, row])
            }
        }
    }

    /// The part of `start..<start+length` inside `0..<limit`, empty when they do not meet.
    private static func clip(_ start: Int, _ length: Int, to limit: Int) -> Range<Int> {
        let lower = max(0, start)
        let upper = min(limit, length > 0 ? start.addingReportingOverflow(length).partialValue : start)
        return lower < upper ? lower..<upper : 0..<0
    }

    private mutating func setCell(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let index = y * width + x
        // Overwriting half of a wide character blanks its other half, as a terminal would.
        if cells[index].isContinuation, x > 0, !cell.isContinuation {
            cells[index - 1] = .blank
        }
        // This holds even when the new cell is itself the right half of a wide
        // character: otherwise the old right half is left orphaned, and the line
        // prints one column short.
        if !cells[index].isContinuation, x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = .blank
        }
        cells[index] = cell
    }

    /// The canvas as lines of text, trailing blanks trimmed. With `ansi`, SGR
    /// sequences carry the styles (and `color: false` keeps only emphasis).
    public func text(ansi: Bool = false, color: Bool = true) -> String {
        var output = ""
        for y in 0..<height {
            var line = ""
            var current = Style.plain
            var lastVisible = 0
            var pieces: [(String, Style)] = []
            for x in 0..<width {
                let cell = self[x, y]
                if cell.isContinuation { continue }
                pieces.append((String(cell.character), color ? cell.style : cell.style.monochrome))
                if cell.character != " " || (ansi && (cell.style.reverse || cell.style.background != .default)) {
                    lastVisible = pieces.count
                }
            }
            for (character, style) in pieces.prefix(lastVisible) {
                if ansi, style != current {
                    line += ANSI.sgr(style)
                    current = style
                }
                line += character
            }
            if ansi, current != .plain { line += ANSI.reset }
            output += line + "\n"
        }
        while output.hasSuffix("\n\n") { output.removeLast() }
        return output
    }
}

/// SGR sequences for printed output.
enum ANSI {
    static let reset = "\u{1B}[0m"

    static func sgr(_ style: Style) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        if style.foreground != .default { codes.append(String(30 + style.foreground.rawValue)) }
        if style.background != .default { codes.append(String(40 + style.background.rawValue)) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
