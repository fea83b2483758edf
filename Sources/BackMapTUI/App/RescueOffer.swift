import BackMapCore
import Foundation

/// What the interactive program does first when an earlier run could not save a
/// change and left a rescue copy: as vim does with a swap file, it says so and
/// offers to bring each copy back, before the screen takes over the terminal.
///
/// The earlier run may have ended with its terminal (two SIGHUPs as a window
/// closes), so its message saying where the copy is may never have been seen;
/// this is where the person learns of it.
public enum RescueOffer {
    /// Offers every rescue copy of `store`, one question each, reading the answers
    /// line by line: r restores it (see `RescueCopy.restore`), d deletes it,
    /// k or an empty line or the end of input keeps it for the next start.
    public static func run(store: SessionStore,
                           environment: [String: String] = ProcessEnvironment.current,
                           readLine: () -> String? = { Swift.readLine() },
                           write: (String) -> Void = { _ = StandardStream.writeOutput(Data($0.utf8)) }) {
        for found in RescueCopy.find(for: store, environment: environment) {
            let session = found.session
            let marks = session.marks.count == 1 ? "1 mark" : "\(session.marks.count) marks"
            let when = Timestamp(date: found.writtenAt, utcOffset: TimeZone.current.secondsFromGMT(for: found.writtenAt))
            write("backmap: session \(session.id) (\(session.startedAt.day), \(marks)) could not be saved by a backmap "
                  + "that ended at \(when.day) \(when.clock); its rescue copy is \(TerminalText.sanitized(found.file.path)).\n")
            answering: while true {
                write("[r]estore it, [d]elete it, or [k]eep it for later? ")
                let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
                switch answer {
                case "r", "restore":
                    write(restore(found, into: store) + "\n")
                    break answering
                case "d", "delete":
                    RescueCopy.discard(found)
                    write("Deleted the rescue copy of \(session.id).\n")
                    break answering
                case nil, "", "k", "keep":
                    if answer == nil { write("\n") }
                    write("Kept it; the next start asks again.\n")
                    break answering
                default:
                    continue
                }
            }
        }
    }

    /// One sentence saying what restoring did.
    static func restore(_ found: RescueCopy.Found, into store: SessionStore) -> String {
        do {
            switch try RescueCopy.restore(found, into: store) {
            case .restored(let id):
                return "Restored \(id) from its rescue copy."
            case .alreadyInStore(let id):
                return "The store already holds this version of \(id); the rescue copy is deleted."
            case .keptAsCopy(let original, let copy):
                return "\(original) changed since, so the rescue copy is kept beside it as the new session \(copy); both versions survive."
            }
        } catch {
            return "Could not restore it: \(String(describing: error)) It is kept for the next start."
        }
    }
}
