import Testing
@testable import BackMapTUI

@Suite("Plain forms of common commands recognised without the argument parser")
struct CommonArgumentsTests {
    @Test func globalOptionsAloneAreAPlainStart() {
        #expect(CommonArguments([]) == CommonArguments())
        #expect(CommonArguments(["--ascii"]) == CommonArguments(ascii: true))
        #expect(CommonArguments(["--store", "/s"]) == CommonArguments(store: "/s"))
        #expect(CommonArguments(["--store=/s"]) == CommonArguments(store: "/s"))
        #expect(CommonArguments(["--store", "/s", "--ascii"]) == CommonArguments(store: "/s", ascii: true))
        #expect(CommonArguments(["--ascii", "--store=my store"]) == CommonArguments(store: "my store", ascii: true))
    }

    @Test func listWithItsOptions() {
        #expect(CommonArguments(["list"]) == CommonArguments(.list(subject: nil, json: false)))
        #expect(CommonArguments(["list", "--json", "--store", "/s"]) == CommonArguments(.list(subject: nil, json: true), store: "/s"))
        #expect(CommonArguments(["list", "--subject", "anna", "--ascii"]) == CommonArguments(.list(subject: "anna", json: false), ascii: true))
        #expect(CommonArguments(["list", "--subject=Ben Hur"]) == CommonArguments(.list(subject: "Ben Hur", json: false)))
    }

    /// `backmap [--store <dir>] [--ascii] <subcommand>`, as the usage line shows it.
    @Test func globalOptionsBeforeTheCommand() {
        #expect(CommonArguments(["--store", "/s", "list"]) == CommonArguments(.list(subject: nil, json: false), store: "/s"))
        #expect(CommonArguments(["--ascii", "list", "--json"]) == CommonArguments(.list(subject: nil, json: true), ascii: true))
        #expect(CommonArguments(["--store=/s", "--ascii", "list", "--subject", "anna"])
            == CommonArguments(.list(subject: "anna", json: false), store: "/s", ascii: true))
        #expect(CommonArguments(["--store", "/s", "trends", "--print", "--ascii"])
            == CommonArguments(.trends(last: 30, subject: nil, tag: nil, json: false, print: true), store: "/s", ascii: true))
        // A value that reads like a command is the option's value, as the parser reads it.
        #expect(CommonArguments(["--store", "list"]) == CommonArguments(store: "list"))
    }

    @Test func printedTrendsWithTheirOptions() {
        #expect(CommonArguments(["trends", "--print"]) == CommonArguments(.trends(last: 30, subject: nil, tag: nil, json: false, print: true)))
        #expect(CommonArguments(["trends", "--json", "--last", "7", "--subject=all", "--tag", "epsom", "--store", "/s"])
            == CommonArguments(.trends(last: 7, subject: "all", tag: "epsom", json: true, print: false), store: "/s"))
        #expect(CommonArguments(["trends", "--print", "--last=1000000"]) == CommonArguments(.trends(last: 1_000_000, subject: nil, tag: nil, json: false, print: true)))
    }

    /// Other commands, help, version, completions, the interactive trends and every mistake
    /// are the parser's to read and explain.
    @Test func everythingElseIsLeftToTheParser() {
        let others: [[String]] = [
            ["--store", "/s", "list", "--store", "/t"], ["--ascii", "list", "--ascii"], ["--store", "/s", "edit", "last"],
            ["--subject", "anna", "list"], ["--json", "list"], ["--store", "/s", "trends"], ["--ascii", "/s"], [""], ["edit", "last"], ["--help"], ["-h"], ["help"], ["--version"],
            ["--generate-completion-script"], ["--generate-completion-script", "bash"],
            ["--store"], ["--store", ""], ["--store="], ["--store", "--ascii"], ["--store", "-x"],
            ["--store", "/a", "--store", "/b"], ["--ascii", "--ascii"], ["--asci"], ["-a"], ["--"], ["/s"],
            ["list", "--help"], ["list", "-h"], ["list", "--json", "--json"], ["list", "--subject"], ["list", "--subject", "-x"],
            ["list", "--subject="], ["list", "--json=yes"], ["list", "--last", "3"], ["list", "extra"], ["list", "--tag", "x"],
            ["trends"], ["trends", "--last", "3"], ["trends", "--print", "--last", "0"], ["trends", "--print", "--last", "1000001"],
            ["trends", "--print", "--last", "-3"], ["trends", "--print", "--last", "+3"], ["trends", "--print", "--last", "three"],
            ["trends", "--print", "--print"], ["trends", "--print", "--print=1"], ["show", "last"], ["list", "list"],
        ]
        for arguments in others {
            #expect(CommonArguments(arguments) == nil, "\(arguments)")
        }
    }
}
