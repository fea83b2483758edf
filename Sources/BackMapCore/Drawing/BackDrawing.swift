/// The back outline with the place of every zone, read from `Assets/back.txt`
/// (or `back-ascii.txt`) so the picture is data, not code.
public struct BackDrawing: Sendable {
    /// Where one zone is drawn: a run of cells on one line.
    public struct Cell: Hashable, Sendable {
        public var line: Int
        public var column: Int
        public var width: Int
    }

    /// The picture with the zone runs blanked out, one string per line.
    public let lines: [String]
    /// Where each zone goes, indexed by `Zone.index`.
    public let cells: [Cell]
    /// The widest line, in terminal columns.
    public let width: Int
    public var height: Int { lines.count }

    /// The drawing shipped with backmap: Unicode line art, or 7-bit ASCII.
    public static func standard(ascii: Bool) -> BackDrawing {
        ascii ? standardASCII : standardUnicode
    }

    private static let standardUnicode = shipped(PackageResources.back_txt, name: "back.txt")
    private static let standardASCII = shipped(PackageResources.back_ascii_txt, name: "back-ascii.txt")

    private static func shipped(_ bytes: [UInt8], name: String) -> BackDrawing {
        do {
            return try BackDrawing(parsing: String(decoding: bytes, as: UTF8.self))
        } catch {
            // The assets are checked by the test suite; reaching this means a broken build.
            preconditionFailure("Assets/\(name) is not a valid drawing: \(error)")
        }
    }

    /// The zone drawn at a line and column, for mouse clicks.
    public func zone(atLine line: Int, column: Int) -> Zone? {
        Zone.all.first { zone in
            let cell = cells[zone.index]
            return cell.line == line && column >= cell.column && column < cell.column + cell.width
        }
    }

    public func cell(for zone: Zone) -> Cell { cells[zone.index] }

    /// Reads a drawing: `#` lines are comments, and each line with a run of `%`
    /// and a run of `&` is the next segment from T1 down.
    public init(parsing text: String) throws(DrawingError) {
        var lines: [String] = []
        var left: [Cell] = []
        var right: [Cell] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if raw.hasPrefix("#") { continue }
            var line = ""
            var column = 0
            var runs: [Character: Cell] = [:]
            for character in raw {
                if character == "%" || character == "&" {
                    if var run = runs[character], run.column + run.width == column {
                        run.width += 1
                        runs[character] = run
                    } else if runs[character] == nil {
                        runs[character] = Cell(line: lines.count, column: column, width: 1)
                    } else {
                        throw .splitRun(line: lines.count + 1)
                    }
                    line.append(" ")
                } else {
                    line.append(character)
                }
                column += 1
            }
            switch (runs["%"], runs["&"]) {
            case (let l?, let r?):
                left.append(l)
                right.append(r)
            case (nil, nil):
                break
            default:
                throw .unpairedRun(line: lines.count + 1)
            }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard left.count == Segment.allCases.count else {
            throw .wrongSegmentCount(left.count)
        }
        self.lines = lines
        self.cells = left + right
        // Box-drawing and arrow characters are one column wide, so characters count columns.
        self.width = lines.map(\.count).max() ?? 0
    }
}

/// Why a drawing file cannot be used.
public enum DrawingError: Error, Equatable, CustomStringConvertible {
    case wrongSegmentCount(Int)
    case unpairedRun(line: Int)
    case splitRun(line: Int)

    public var description: String {
        switch self {
        case .wrongSegmentCount(let count): "the drawing has \(count) zone lines; it needs \(Segment.allCases.count), T1 to S1"
        case .unpairedRun(let line): "line \(line) has a left zone without a right one, or the reverse"
        case .splitRun(let line): "line \(line) has a zone run broken in two"
        }
    }
}
