import BackMapCore

/// One frame as the person sees it: the screen on top, and over it what the
/// runtime owns (the save state, its own message, the help box), or the
/// too-small notice. A pure function, so tests draw exactly what the loop shows.
struct Frame {
    var size: Size
    var theme: Theme
    /// The runtime's save state, shown on every screen.
    var save: SaveStatus = .saved
    /// A message from the runtime (a refused lock, a session trashed).
    var flash: String?
    /// The help box, while it is open.
    var help: HelpOverlay?

    func fits(_ screen: any Screen) -> Bool {
        size.width >= screen.minimumSize.width && size.height >= screen.minimumSize.height
    }

    func render(_ screen: (any Screen)?) -> Canvas {
        var canvas = Canvas(width: size.width, height: size.height, asciiOnly: theme.asciiText)
        guard let screen else { return canvas }
        guard fits(screen) else {
            Chrome.tooSmall(need: screen.minimumSize, into: &canvas, theme: theme)
            return canvas
        }
        screen.draw(into: &canvas, theme: theme)
        // A failed save shows over everything: it is the one thing that must not go unseen.
        let shown: SaveStatus = if case .failed = save { save } else { screen.saveNote ?? save }
        if let flash {
            Chrome.statusLine(left: screen.name, message: flash, important: true, save: shown, into: &canvas, theme: theme)
        } else if !screen.isTyping {
            Chrome.saveState(shown, into: &canvas, theme: theme)
        }
        help?.draw(into: &canvas, theme: theme)
        return canvas
    }
}
