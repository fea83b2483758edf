/// What every printed picture (`show`, `compare --print`, `trends --print`,
/// `list`) agrees on about width.
public enum PrintLayout {
    /// The narrowest width printed output is laid out for: a default terminal.
    /// Narrower requests get this width; the pictures are built to fit it.
    public static let minimumWidth = 80
}
