import Testing
@testable import BackMapTUI

@Suite("Plain starts recognised without the argument parser")
struct HomeScreenArgumentsTests {
    @Test func globalOptionsAloneAreAPlainStart() {
        #expect(HomeScreenArguments([]) == HomeScreenArguments())
        #expect(HomeScreenArguments(["--ascii"]) == HomeScreenArguments(ascii: true))
        #expect(HomeScreenArguments(["--store", "/s"]) == HomeScreenArguments(store: "/s"))
        #expect(HomeScreenArguments(["--store=/s"]) == HomeScreenArguments(store: "/s"))
        #expect(HomeScreenArguments(["--store", "/s", "--ascii"]) == HomeScreenArguments(store: "/s", ascii: true))
        #expect(HomeScreenArguments(["--ascii", "--store=my store"]) == HomeScreenArguments(store: "my store", ascii: true))
    }

    /// Commands, help, version, completions and every mistake are the parser's to read and explain.
    @Test func everythingElseIsLeftToTheParser() {
        let others: [[String]] = [
            ["list"], ["--store", "/s", "list"], ["edit", "last"], ["--help"], ["-h"], ["help"], ["--version"],
            ["--generate-completion-script"], ["--generate-completion-script", "bash"],
            ["--store"], ["--store", ""], ["--store="], ["--store", "--ascii"], ["--store", "-x"],
            ["--store", "/a", "--store", "/b"], ["--ascii", "--ascii"], ["--asci"], ["-a"], ["--"], ["/s"],
        ]
        for arguments in others {
            #expect(HomeScreenArguments(arguments) == nil, "\(arguments)")
        }
    }
}
