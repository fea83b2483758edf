/// Sizes past which a session is refused, so a hostile or broken file can
/// neither exhaust memory nor hang the program. Real sessions are far below:
/// 36 zones × a few passes is a few hundred marks and a few kilobytes.
public enum SessionLimits {
    /// The largest session file read, in bytes.
    public static let fileBytes = 2 * 1024 * 1024
    /// The most marks in one session.
    public static let marks = 5_000
    /// The highest pass number. People roll two or three passes; the bound keeps a
    /// hostile file's pass from overflowing when the editor starts the next one.
    public static let passes = 999
    /// The longest note, on a zone or on the session, in characters.
    public static let noteCharacters = 2_000
    /// The longest subject name.
    public static let subjectCharacters = 100
    /// The most tags, and the longest tag.
    public static let tags = 32
    public static let tagCharacters = 40
}
