import BackMapCore

extension CompareState: Screen {
    public var name: String { "compare" }
    public var keyHelp: [KeyHelp] { CompareKeys.help }
    public var boundKeys: [[Key]] { CompareKeys.table.boundKeys }
    /// Both backs and the change column with a one-line summary, plus the title and
    /// status lines: 80×24. Both drawings share one geometry (a test checks), so the
    /// Unicode one decides.
    public var minimumSize: Size {
        let view = ComparisonView(comparison: comparison, theme: Theme(ascii: false, color: false))
        return Size(width: view.geometry.backsWidth, height: view.compactHeight + 2)
    }

    /// The roomy layout (headings, the summary under or beside the backs) from this size up.
    public static var roomySize: Size {
        let body = ComparisonView.minimumSize(theme: Theme(ascii: false, color: false))
        return Size(width: body.width, height: body.height + 2)
    }

    public func draw(into canvas: inout Canvas, theme: Theme) {
        let s = theme.separator
        let subjects = comparison.sameSubject ? sessionA.subject : "\(sessionA.subject) vs \(sessionB.subject)"
        Chrome.titleBar("backmap \(s) compare \(s) \(subjects) \(s) A \(sessionA.startedAt.day) \(theme.arrow) B \(sessionB.startedAt.day)",
                        into: &canvas, theme: theme)
        let view = ComparisonView(comparison: comparison, theme: theme, active: active)
        let roomy = canvas.height >= CompareState.roomySize.height
        let needed = roomy && view.summaryBeside(width: canvas.width)
            ? view.geometry.backsWidth + 2 + ComparisonView.sideSummaryWidth
            : view.geometry.backsWidth
        let x = min(1, max(0, canvas.width - needed))
        if roomy {
            view.draw(into: &canvas, x: x, y: 1, width: canvas.width - x, height: canvas.height - 2)
        } else {
            view.drawCompact(into: &canvas, x: x, y: 1, width: canvas.width - x, details: showsDetails)
        }
        let left = "[ ] p on \(active.rawValue) \(s) A \(passText(passA)) \(s) B \(passText(passB))"
        // Two people's backs compared: said on the status line until a key asks for something else.
        let note = comparison.sameSubject ? nil : "A is \(sessionA.subject), B is \(sessionB.subject): two people"
        Chrome.statusLine(left: left, message: message ?? note ?? "Tab side \(s) s swap \(s) ? help", save: nil, into: &canvas, theme: theme)
    }

    private func passText(_ pass: Int?) -> String { pass.map { "pass \($0)" } ?? "all passes" }
}
