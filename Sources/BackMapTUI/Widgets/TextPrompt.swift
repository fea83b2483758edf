import BackMapCore

/// A one-line text field at the bottom of a screen, for notes and numbers.
public struct TextPrompt: Equatable, Sendable {
    public var label: String
    public var text: String
    /// Cursor position in characters.
    public var cursor: Int
    /// The most text it takes, in code points, the unit of every session limit.
    public var limit: Int
    /// The whole text is selected, as in a form's field: the first character typed
    /// replaces it (a stored pain of 4, then 5, is 5, not 45), Backspace clears it,
    /// and a cursor key keeps it and ends the selection.
    public var isSelected = false
    /// A word at the right of the line: why Enter did not close the prompt, or
    /// what the length limit left out. The next key clears it.
    public var notice: String?
    /// Characters typed or pasted past the limit since the prompt opened, left out.
    public private(set) var leftOut = 0

    public init(label: String, text: String = "", limit: Int = SessionLimits.noteCharacters, selected: Bool = false) {
        self.label = label
        self.text = SessionLimits.prefix(text, limit: limit)
        self.cursor = self.text.count
        self.limit = limit
        self.isSelected = selected && !self.text.isEmpty
    }

    public enum Outcome: Equatable, Sendable {
        case editing
        case done(String)
        case cancelled
    }

    /// Applies one key: Enter accepts, Esc cancels, the usual line-editing keys edit.
    public mutating func handle(_ key: Key) -> Outcome {
        var characters = Array(text)
        notice = nil
        if isSelected {
            isSelected = false
            switch key {
            case .character, .backspace, .delete, .control("h"), .control("d"):
                characters.removeAll()
                cursor = 0
                if case .character = key {} else {
                    text = ""
                    return .editing
                }
            default:
                break
            }
        }
        switch key {
        case .enter:
            return .done(text)
        case .escape, .control("c"), .control("g"):
            return .cancelled
        case .character(let c):
            // Only printable text goes in: a note must not carry control characters into the file.
            guard !c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { break }
            guard SessionLimits.length(String(characters)) + c.unicodeScalars.count <= limit else {
                // A paste longer than the limit: say how much was kept rather than cut silently.
                leftOut += 1
                notice = "limit \(limit) characters: \(leftOut) left out"
                break
            }
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
        var right = canvas.width
        if let notice {
            let shown = TerminalText.truncated(notice, toWidth: max(0, canvas.width - used - 8), ellipsis: theme.ellipsis)
            right = canvas.width - TerminalText.width(of: shown)
            canvas.put(shown, x: right, y: y, style: theme.warning)
            right -= 1
        }
        let room = max(1, right - used - 1)
        let characters = Array(text)
        let cursor = min(max(0, self.cursor), characters.count)
        let start = max(0, cursor - room + 1)
        let visible = String(characters[start..<min(characters.count, start + room)])
        canvas.put(visible, x: used, y: y, style: isSelected ? .reverse : .plain)
        let before = TerminalText.width(of: String(characters[start..<cursor]))
        let cursorX = used + before
        let under = cursor < characters.count ? String(characters[cursor]) : " "
        canvas.put(under, x: cursorX, y: y, style: .reverse)
    }
}
