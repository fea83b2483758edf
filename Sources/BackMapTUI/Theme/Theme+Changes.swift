import BackMapCore

/// How compare marks a zone's change between two sessions.
extension Theme {
    /// The mark of a zone's change: distinct glyphs, so it reads without colour too.
    public func changeSymbol(_ change: ZoneChange) -> String {
        switch change {
        case .better: ascii ? "v" : "▼"
        case .worse: ascii ? "^" : "▲"
        case .same: "="
        case .unknownInA, .unknownInB: "?"
        case .unknownInBoth: ascii ? "." : "·"
        }
    }

    /// Green for better, red for worse; emphasis alone in monochrome.
    public func changeStyle(_ change: ZoneChange) -> Style {
        let style: Style = switch change {
        case .better: Style(foreground: .green, bold: true)
        case .worse: Style(foreground: .red, bold: true)
        case .same: .plain
        case .unknownInA, .unknownInB, .unknownInBoth: Style(dim: true)
        }
        return color ? style : style.monochrome
    }
}
