import BackMapCore

/// Word wrapping by terminal columns.
enum TextWrap {
    static func lines(_ text: String, width: Int, maxLines: Int, ellipsis: String) -> [String] {
        guard width > 0, maxLines > 0 else { return [] }
        var result: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = TerminalText.width(of: String(word))
            if currentWidth > 0, currentWidth + 1 + w > width {
                result.append(current)
                current = ""
                currentWidth = 0
            }
            if currentWidth > 0 {
                current += " "
                currentWidth += 1
            }
            current += word
            currentWidth += w
            while currentWidth > width {
                // A word longer than the line is cut hard.
                var head = TerminalText.truncated(current, toWidth: width, ellipsis: "")
                // A character wider than the line goes alone on its line, or this would never end.
                if head.isEmpty { head = String(current.prefix(1)) }
                result.append(head)
                current = String(current.dropFirst(head.count))
                currentWidth = TerminalText.width(of: current)
            }
        }
        if !current.isEmpty { result.append(current) }
        if result.count > maxLines {
            result = Array(result.prefix(maxLines))
            // The last line shown says more follows: " …" after it, or "…" in place of its end.
            let last = result[maxLines - 1] + " " + ellipsis
            result[maxLines - 1] = TerminalText.width(of: last) <= width ? last : TerminalText.truncated(last, toWidth: width, ellipsis: ellipsis)
        }
        return result
    }
}
