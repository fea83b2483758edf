/// A side of the spine, named from the person's point of view.
///
/// The drawing shows the back as the helper sees it while the person lies face
/// down, so the person's left is also on the screen's left.
public enum Side: String, CaseIterable, Codable, Sendable, Comparable {
    case left
    case right

    /// The other strip, for moving across the spine.
    public var opposite: Side { self == .left ? .right : .left }

    /// One letter for tight layouts and status lines.
    public var initial: String { self == .left ? "L" : "R" }

    /// The word shown on screen.
    public var title: String { self == .left ? "left" : "right" }

    public static func < (a: Side, b: Side) -> Bool { a == .left && b == .right }
}
