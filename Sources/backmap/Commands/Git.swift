import ArgumentParser
import BackMapCore
import Foundation

struct GitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "git",
        abstract: "Run git inside the store: backmap git init, backmap git remote add origin URL, backmap git log.",
        discussion: """
            Any git command works on the store's repository, whatever folder you are in.
            `backmap git init` also writes a .gitignore for what belongs to one machine
            (locks/, sessions.index, temporary files) and commits the sessions already
            there. From then on each finished change is committed: an editor visit, an
            import, a trash, a restore. Put --store before `git` to name another store.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("What to give git.", valueName: "git-arguments"))
    var arguments: [String] = []

    func run() throws {
        let status = try reportingErrors { () throws -> Int32 in
            let store = global.sessionStore
            let repository = try GitRepository(root: store.root)
            let initializing = arguments.first == "init"
            if initializing { try store.prepare() }
            let status = try repository.run(attached: arguments)
            if initializing, status == 0, let message = try StoreHistory.required(root: store.root).afterInit() {
                emit("backmap: committed \(message.split(separator: "\n").first.map(String.init) ?? message)\n")
            }
            return status
        }
        if status != 0 { throw ExitCode(status) }
    }
}
