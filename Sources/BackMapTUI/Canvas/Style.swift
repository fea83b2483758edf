/// The eight colours every colour terminal has; `.default` is the terminal's own.
public enum Color: Int, Hashable, Sendable, CaseIterable {
    case `default` = -1
    case black = 0, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell looks: colours and emphasis. Monochrome output keeps the
/// emphasis and drops the colours, so meaning never rests on colour alone.
public struct Style: Hashable, Sendable {
    public var foreground: Color = .default
    public var background: Color = .default
    public var bold = false
    public var dim = false
    public var reverse = false
    public var underline = false

    public init(foreground: Color = .default, background: Color = .default, bold: Bool = false,
                dim: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let dim = Style(dim: true)
    public static let reverse = Style(reverse: true)

    /// The same emphasis without colours, for NO_COLOR and monochrome terminals.
    public var monochrome: Style {
        Style(bold: bold, dim: dim, reverse: reverse, underline: underline)
    }
}
