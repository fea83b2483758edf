import BackMapCore

/// How the program looks on this terminal: Unicode or 7-bit, colour or not.
///
/// Each tightness has its own fill pattern *and* digit, so the five states
/// read apart in colour, in monochrome and in plain ASCII alike.
public struct Theme: Equatable, Sendable {
    /// A 7-bit drawing: `--ascii`, or a locale that cannot show UTF-8.
    public var ascii: Bool
    public var color: Bool
    /// All text transliterated to 7-bit, user text included: only where the locale
    /// cannot show UTF-8. `--ascii` alone changes the drawing, never the user's words.
    public var asciiText: Bool

    public init(ascii: Bool, color: Bool, asciiText: Bool? = nil) {
        self.ascii = ascii
        self.color = color
        self.asciiText = asciiText ?? ascii
    }

    /// The drawing that goes with this theme.
    public var drawing: BackDrawing { BackDrawing.standard(ascii: ascii) }

    /// The text of a zone cell `width` columns wide: the fill with the digit in the middle.
    public func cellText(_ value: Tightness?, width: Int) -> String {
        let fill = self.fill(value)
        let mark: Character = value.map { Character(String($0.rawValue)) } ?? fill.center
        let middle = width / 2
        return String((0..<width).map { $0 == middle ? mark : fill.edge })
    }

    /// A two-column sample for legends.
    public func swatch(_ value: Tightness?) -> String {
        let fill = self.fill(value)
        return value.map { "\(fill.edge)\($0.rawValue)" } ?? "\(fill.edge)\(fill.center)"
    }

    private func fill(_ value: Tightness?) -> (edge: Character, center: Character) {
        switch (value, ascii) {
        case (nil, false): (" ", "·")
        case (nil, true): (" ", ".")
        case (.relaxed?, _): (" ", "0")
        case (.mild?, false): ("░", "1")
        case (.mild?, true): (":", "1")
        case (.tight?, false): ("▒", "2")
        case (.tight?, true): ("+", "2")
        case (.veryTight?, false): ("▓", "3")
        case (.veryTight?, true): ("#", "3")
        }
    }

    /// The style of a zone at that level.
    public func style(_ value: Tightness?) -> Style {
        let style: Style = switch value {
        case nil: Style(dim: true)
        case .relaxed?: Style(foreground: .green)
        case .mild?: Style(foreground: .yellow)
        case .tight?: Style(foreground: .red)
        case .veryTight?: Style(foreground: .white, background: .red, bold: true)
        }
        return color ? style : style.monochrome
    }

    /// Frames and labels of the drawing.
    public var outline: Style { color ? Style(foreground: .cyan) : .plain }
    public var title: Style { color ? Style(foreground: .black, background: .cyan) : .reverse }
    public var accent: Style { color ? Style(foreground: .cyan, bold: true) : .bold }
    public var warning: Style { color ? Style(foreground: .white, background: .red, bold: true) : Style(bold: true, reverse: true) }
    public var cursor: Style { color ? Style(foreground: .yellow, bold: true) : .bold }
    public var selectedRow: Style { .reverse }

    public var cursorLeft: String { ascii ? ">" : "▶" }
    public var cursorRight: String { ascii ? "<" : "◀" }
    /// Set in the last column of a zone that carries a note.
    public var noteMark: String { "*" }
    /// Set in the first column of a zone already rated in this pass (pass 2 on).
    public var passMark: String { ascii ? "v" : "✓" }
    public var ellipsis: String { ascii ? "..." : "…" }
    public var arrow: String { ascii ? "->" : "→" }
    public var separator: String { ascii ? "|" : "·" }

    /// A map's score, or a dash when nothing was rolled: no score is not a score of 0.
    public func score(_ map: BackMap) -> String {
        map.ratedCount == 0 ? dash : String(map.score)
    }

    /// A map's mean tightness with two decimals, or a dash when nothing was rolled.
    public func mean(_ map: BackMap) -> String {
        BackMap.formatMean(map.meanTightness, dash: dash)
    }

    /// Stands for a figure that does not exist.
    public var dash: String { ascii ? "-" : "–" }
}
