import BackMapCore

/// A one-line text field at the bottom of a screen, for notes and numbers.
public struct TextPrompt: Equatable, Sendable {
    public var label: String
    public var text: String
    /// Cursor position in characters.
    public var cursor: Int
    /// The most text it takes, in code points, the unit of every session limit.
    public var limit: Int

    public init(label: String, text: String = "", limit: Int = SessionLimits.noteCharacters) {
        self.label = label
        self.text = SessionLimits.prefix(text, limit: limit)
        self.cursor = self.text.count
        self.limit = limit
    }

    public enum Outcome: Equatable, Sendable {
        case editing
        case done(String)
        case cancelled
    }

    /// Applies one key: Enter accepts, Esc cancels, the usual line-editing keys edit.
    public mutating func handle(_ key: Key) -> Outcome {
        var characters = Array(text)
        switch key {
        case .enter:
            return .done(text)
        case .escape, .control("c"), .control("g"):
            return .cancelled
        case .character(let c):
            // Only printable text goes in: a note must not carry control characters into the file.
            guard SessionLimits.length(text) + c.unicodeScalars.count <= limit, !c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return .editing }
            characters.insert(c, at: cursor)
            cursor += 1
        case .backspace, .control("h"):
            guard cursor > 0 else { return .editing }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .control("d"):
            guard cursor < characters.count else { return .editing }
            characters.remove(at: cursor)
        case .left, .control("b"):
            cursor = max(0, cursor - 1)
        case .right, .control("f"):
            cursor = min(characters.count, cursor + 1)
        case .home, .control("a"):
            cursor = 0
        case .end, .control("e"):
            cursor = characters.count
        case .control("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .control("k"):
            characters.removeSubrange(cursor...)
        default:
            break
        }
        text = String(characters)
        // Joining can merge characters: a combining accent typed after "e" becomes
        // one "é". Count the cursor again in the joined text, or it points past the end.
        if text.count != characters.count {
            cursor = min(text.count, String(characters.prefix(cursor)).count)
        }
        return .editing
    }

    /// Draws "label: text" on one line, scrolled so the cursor stays visible.
    public func draw(into canvas: inout Canvas, y: Int, theme: Theme) {
        canvas.fill(x: 0, y: y, width: canvas.width, height: 1)
        let prefix = label + ": "
        let used = canvas.put(prefix, x: 0, y: y, style: theme.accent)
        let room = max(1, canvas.width - used - 1)
        let characters = Array(text)
        let cursor = min(max(0, self.cursor), characters.count)
        let start = max(0, cursor - room + 1)
        let visible = String(characters[start..<min(characters.count, start + room)])
        canvas.put(visible, x: used, y: y)
        let before = TerminalText.width(of: String(characters[start..<cursor]))
        let cursorX = used + before
        let under = cursor < characters.count ? String(characters[cursor]) : " "
        canvas.put(under, x: cursorX, y: y, style: .reverse)
    }
}
