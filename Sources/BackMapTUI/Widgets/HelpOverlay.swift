/// The help box while it is open: which screen's keys it lists and how far it
/// is scrolled. Where the box fits, any key closes it; where it does not
/// (40×24), the scrolling keys scroll it and any other key closes it.
public struct HelpOverlay: Equatable, Sendable {
    public var title: String
    public var keys: [KeyHelp]
    public var notes: [String]
    /// The first line shown.
    public private(set) var scroll = 0

    public init(title: String, keys: [KeyHelp], notes: [String] = Chrome.helpNotes) {
        self.title = title
        self.keys = keys
        self.notes = notes
    }

    /// Applies a key; false when the key closed the help.
    public mutating func handle(_ key: Key, size: Size) -> Bool {
        let layout = HelpLayout(entries: keys + GlobalKeys.table.help, notes: notes, width: size.width, height: size.height, ellipsis: "…")
        let visible = max(1, min(size.height, layout.height + 2) - 2)
        let lastScroll = max(0, layout.height - visible)
        guard lastScroll > 0 else { return false }
        switch key {
        case .down, .character("j"), .enter: scroll = min(lastScroll, scroll + 1)
        case .up, .character("k"): scroll = max(0, scroll - 1)
        case .pageDown, .character(" "): scroll = min(lastScroll, scroll + visible - 1)
        case .pageUp: scroll = max(0, scroll - (visible - 1))
        case .home: scroll = 0
        case .end: scroll = lastScroll
        default: return false
        }
        return true
    }

    public func draw(into canvas: inout Canvas, theme: Theme) {
        Chrome.help(title: title, keys: keys, extra: notes, scroll: scroll, into: &canvas, theme: theme)
    }
}
