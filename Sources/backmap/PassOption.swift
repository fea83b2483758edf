import ArgumentParser
import BackMapCore

/// What a pass option accepts and how its errors are worded, once, for
/// `show --pass` and `compare --pass-a`/`--pass-b`.
enum PassOption {
    /// A pass is 1 or more: said while parsing, before any file is read.
    static func validate(_ pass: Int?, named option: String) throws {
        if let pass, pass < 1 { throw ValidationError("\(option) must be 1 or more.") }
    }

    /// The session must have the pass asked for; the error lists those it has.
    static func check(_ pass: Int?, of session: Session) throws {
        guard let pass, !session.passes.contains(pass) else { return }
        let passes = session.passes.isEmpty ? "it has no marks" : "its passes are \(session.passes.map(String.init).joined(separator: ", "))"
        throw CLIError("session \(session.id) has no pass \(pass); \(passes)")
    }
}
