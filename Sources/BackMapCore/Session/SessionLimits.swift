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
    ///
    /// Every text limit counts Unicode code points, as JSON Schema's `maxLength`
    /// does, so that `Assets/session.schema.json` says exactly what the program
    /// accepts (SPEC 3). A flag emoji is two code points, "é" written as "e" and
    /// a combining accent is two as well: such text reaches a limit sooner than
    /// its look suggests, which is the price of one rule both sides can check.
    public static let noteCharacters = 2_000
    /// The longest subject name.
    public static let subjectCharacters = 100
    /// The most tags, and the longest tag.
    public static let tags = 32
    public static let tagCharacters = 40

    /// The length a limit counts: code points.
    public static func length(_ text: some StringProtocol) -> Int { text.unicodeScalars.count }

    /// The longest start of `text` of at most `limit` code points that ends between
    /// two characters, so a cut never leaves half an accent or half a flag.
    public static func prefix(_ text: some StringProtocol, limit: Int) -> String {
        var kept = ""
        var count = 0
        for character in text {
            count += character.unicodeScalars.count
            if count > limit { break }
            kept.append(character)
        }
        return kept
    }
}
