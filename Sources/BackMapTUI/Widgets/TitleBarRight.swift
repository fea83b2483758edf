import BackMapCore

extension Chrome {
    /// The title bar with a note at its right end ("session 3 of 12"), shown
    /// only when it fits beside the title so neither is cut into the other.
    public static func titleBar(_ text: String, right: String, into canvas: inout Canvas, theme: Theme) {
        titleBar(text, into: &canvas, theme: theme)
        let rightWidth = TerminalText.width(of: TerminalText.sanitized(right)) + 1
        let titleWidth = TerminalText.width(of: TerminalText.sanitized(text)) + 1
        guard titleWidth + 2 + rightWidth <= canvas.width else { return }
        canvas.put(right, x: canvas.width - rightWidth, y: 0, style: theme.title)
    }
}
