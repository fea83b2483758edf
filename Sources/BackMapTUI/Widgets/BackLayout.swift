import BackMapCore

/// Where a screen puts the back and the panel beside it, for a terminal size.
///
/// Drawing and click handling both ask this one value, so a click always lands
/// on the zone drawn under it. The Unicode and ASCII drawings share one
/// geometry (a test checks it), so the layout does not depend on the theme.
struct BackLayout {
    let width: Int
    let height: Int
    let backX: Int
    let backY = 1
    /// Zero when the panel does not fit.
    let panelWidth: Int
    let panelX: Int
    private let drawing = BackDrawing.standard(ascii: false)

    /// The back, the title bar and the status line; `extraLines` more below the back.
    static func minimum(extraLines: Int = 0) -> Size {
        let drawing = BackDrawing.standard(ascii: false)
        return Size(width: BackView.coreWidth(drawing), height: drawing.height + 2 + extraLines)
    }

    /// - Parameter panel: the panel's narrowest useful width and its widest.
    init(width: Int, height: Int, panel: ClosedRange<Int>) {
        self.width = width
        self.height = height
        // Four blank columns between the landmark labels and the panel: with two,
        // "◂ hip-bone tops  sharp, radiates…" read as one phrase.
        let room = width - drawing.width - BackLayout.gap - 1
        panelWidth = room >= panel.lowerBound ? min(room, panel.upperBound) : 0
        // Centre the back and its panel on wide terminals, keep a small margin on narrow ones.
        let block = drawing.width + (panelWidth > 0 ? panelWidth + BackLayout.gap : 0)
        backX = max(0, min(2, width - block) + max(0, (width - block - 4) / 2))
        panelX = backX + drawing.width + BackLayout.gap
    }

    /// Blank columns between the drawing (its landmark labels) and the panel.
    static let gap = 4

    /// The first line under the back.
    var belowBack: Int { backY + drawing.height }

    func zone(atX x: Int, y: Int) -> Zone? {
        drawing.zone(atLine: y - backY, column: x - backX)
    }
}
