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

    /// - Parameters:
    ///   - panel: the panel's narrowest useful width and its widest.
    ///   - yieldsLandmarks: when the panel does not fit beside the whole drawing, it may
    ///     take the place of the landmark notes at the drawing's right (the back is then
    ///     drawn cut to `backWidth`).
    init(width: Int, height: Int, panel: ClosedRange<Int>, yieldsLandmarks: Bool = false) {
        self.width = width
        self.height = height
        var backWidth = drawing.width
        if yieldsLandmarks, width - backWidth - BackLayout.gap - 1 < panel.lowerBound {
            backWidth = BackView.coreWidth(drawing)
        }
        self.backWidth = backWidth
        // Four blank columns between the landmark labels and the panel: with two,
        // "◂ hip-bone tops  sharp, radiates…" read as one phrase. A back cut to its core
        // has no labels to keep clear of, so two will do there.
        let gap = backWidth == drawing.width ? BackLayout.gap : 2
        let room = width - backWidth - gap - 1
        panelWidth = room >= panel.lowerBound ? min(room, panel.upperBound) : 0
        // Centre the back and its panel on wide terminals, keep a small margin on narrow ones.
        let block = backWidth + (panelWidth > 0 ? panelWidth + gap : 0)
        backX = max(0, min(2, width - block) + max(0, (width - block - 4) / 2))
        panelX = backX + backWidth + gap
    }

    /// Blank columns between the drawing (its landmark labels) and the panel.
    static let gap = 4

    /// Columns of the drawing shown: all of it, or without the landmark notes.
    let backWidth: Int

    /// The first line under the back.
    var belowBack: Int { backY + drawing.height }

    func zone(atX x: Int, y: Int) -> Zone? {
        drawing.zone(atLine: y - backY, column: x - backX)
    }
}
