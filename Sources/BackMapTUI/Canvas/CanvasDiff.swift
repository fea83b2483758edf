/// What changed between two frames, as the terminal adapter sends it.
///
/// Kept apart from the adapter so the benchmark and tests can see exactly
/// which cells a keystroke makes the program send, without a terminal.
extension Canvas {
    /// Changed cells that sit side by side on one line and share a style: one call to ncurses.
    public struct Run: Equatable, Sendable {
        public var x: Int
        public var y: Int
        public var style: Style
        /// The characters of the run; the right halves of wide characters add nothing.
        public var text: String
        /// Columns covered, continuation cells included.
        public var width: Int
    }

    /// The runs that turn `previous` into this canvas: every cell when there is no
    /// previous frame or it has another size, otherwise only the cells that differ.
    public func changes(since previous: Canvas?) -> [Run] {
        let previous = previous.flatMap { $0.width == width && $0.height == height ? $0 : nil }
        var runs: [Run] = []
        // A run's text is gathered as UTF-8 and made a String once: appending a Character
        // at a time costs some hundreds of instructions a cell, and a first frame has 1,920.
        var bytes: [UInt8] = []
        for y in 0..<height {
            let row = y * width
            var x = 0
            while x < width {
                let cell = cells[row + x]
                if let previous, previous.cells[row + x] == cell {
                    x += 1
                    continue
                }
                if cell.isContinuation {
                    x += 1
                    continue
                }
                // Gather a run of changed cells of one style.
                let style = cell.style
                let start = x
                bytes.removeAll(keepingCapacity: true)
                while x < width {
                    let next = cells[row + x]
                    if next.style != style { break }
                    if let previous, previous.cells[row + x] == next, !next.isContinuation { break }
                    if !next.isContinuation { for byte in next.character.utf8 { bytes.append(byte) } }
                    x += 1
                }
                runs.append(Run(x: start, y: y, style: style, text: String(decoding: bytes, as: UTF8.self), width: x - start))
            }
        }
        return runs
    }
}
