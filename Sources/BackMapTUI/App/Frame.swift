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
    var showsHelp = false

    func fits(_ screen: any Screen) -> Bool {
        size.width >= screen.minimumSize.width && size.height >= screen.minimumSize.height
    }

    func render(_ screen: (any Screen)?) -> Canvas {
        var canvas = Canvas(width: size.width, height: size.height, asciiOnly: theme.ascii)
        guard let screen else { return canvas }
        guard fits(screen) else {
            Chrome.tooSmall(need: screen.minimumSize, into: &canvas, theme: theme)
            return canvas
        }
        screen.draw(into: &canvas, theme: theme)
        // A failed save shows over everything: it is the one thing that must not go unseen.
        let shown: SaveStatus = if case .failed = save { save } else { screen.saveNote ?? save }
        if let flash {
            Chrome.statusLine(left: screen.name, message: flash, save: shown, into: &canvas, theme: theme)
        } else if !screen.isTyping {
            Chrome.saveState(shown, into: &canvas, theme: theme)
        }
        if showsHelp {
            Chrome.help(title: "\(screen.name) keys", keys: screen.keyHelp, extra: Chrome.helpNotes, into: &canvas, theme: theme)
        }
        return canvas
    }
}
