import ArgumentParser
import BackMapCore
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read every file of the store and name each one that cannot be used, with the reason.",
        discussion: "Nothing is changed. The exit status is non-zero when any file has a problem.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try reportingErrors { try global.openStore() }
        let check = StoreCheck(store)
        guard check.storeExists else {
            emit("No store at \(TerminalText.sanitized(store.root.path)) yet: 0 sessions.\n")
            return
        }
        for problem in check.problems {
            emit(TerminalText.sanitized(problem.description) + "\n")
        }
        emit(check.summary + "\n")
        if !check.isClean { throw ExitCode.failure }
    }
}
