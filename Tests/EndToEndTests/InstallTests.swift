import Foundation
import Testing

/// `make install`'s work (scripts/install.sh), the man page and the shell completions,
/// checked with the tools a person uses: man, bash's `complete`, and Tab itself.
///
/// The release build that `make install` starts takes minutes, so these tests install
/// the debug binary the suite already has (`install-files`, the step `install` runs
/// after building); everything installed beside it is the same.
@Suite struct InstallTests {
    static let script = Programs.packageRoot.appendingPathComponent("scripts/install.sh")
    static let bash = URL(fileURLWithPath: "/bin/bash")

    /// Every path under `folder`, relative, with its kind: what "left as it was" compares.
    func tree(_ folder: URL) throws -> [String] {
        let names = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        return names.sorted()
    }

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("backmap-install-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func install(_ action: String, prefix: URL, destdir: String = "") async throws -> Finished {
        try await run(Self.script, [action], environment: [
            "PREFIX": prefix.path, "DESTDIR": destdir, "BINARY": try Programs.backmap().path,
        ], timeout: 60)
    }

    @Test func installPutsBinaryManPageAndCompletionsUnderPrefixAndUninstallLeavesItAsItWas() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = folder.appendingPathComponent("prefix")
        // A folder the person had before: uninstall must leave it, and what is in it.
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("share/man/man1"), withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: prefix.appendingPathComponent("share/man/man1/other.1"))
        let before = try tree(folder)

        let installed = try await install("install-files", prefix: prefix)
        #expect(installed.status == 0, "\(installed.stderr)")
        for path in ["bin/backmap", "share/man/man1/backmap.1", "share/bash-completion/completions/backmap",
                     "share/zsh/site-functions/_backmap", "share/fish/vendor_completions.d/backmap.fish"] {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path) missing")
        }
        // Nothing outside PREFIX: the only new top-level entry of the folder is still prefix/.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["prefix"])

        let version = try await run(prefix.appendingPathComponent("bin/backmap"), ["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("0."), "\(version.stdout)")

        let removed = try await install("uninstall", prefix: prefix)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try tree(folder) == before)
    }

    @Test func destdirStagesUnderItAndNowhereElse() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stage = folder.appendingPathComponent("stage")
        let installed = try await install("install-files", prefix: URL(fileURLWithPath: "/usr/local"), destdir: stage.path)
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(FileManager.default.isExecutableFile(atPath: stage.appendingPathComponent("usr/local/bin/backmap").path))
        #expect(FileManager.default.fileExists(atPath: stage.appendingPathComponent("usr/local/share/man/man1/backmap.1").path))
    }

    @Test func manRendersThePageWithoutWarnings() async throws {
        let man = URL(fileURLWithPath: "/usr/bin/man")
        try #require(FileManager.default.isExecutableFile(atPath: man.path), "man is not installed (apt-get install man-db groff-base)")
        let page = Programs.packageRoot.appendingPathComponent("docs/backmap.1")
        let rendered = try await run(Self.bash, ["-c", "MANWIDTH=80 man --warnings -l \"$0\" 2>&1", page.path],
                                     environment: ["MANPAGER": "cat", "PAGER": "cat", "LANG": "C.UTF-8"], timeout: 60)
        #expect(rendered.status == 0, "\(rendered.stdout)")
        #expect(!rendered.stdout.lowercased().contains("warning"), "\(rendered.stdout)")
        for section in ["NAME", "SYNOPSIS", "COMMANDS", "FILES", "ENVIRONMENT", "EXIT STATUS", "EXAMPLES"] {
            #expect(rendered.stdout.contains("\n\(section)\n"), "no \(section) section")
        }
        for variable in ["BACKMAP_HOME", "XDG_DATA_HOME", "NO_COLOR", "COLUMNS"] {
            #expect(rendered.stdout.contains(variable), "ENVIRONMENT does not name \(variable)")
        }
    }

    /// The checked-in page is what scripts/manpage.py makes from today's commands.
    @Test func manPageIsNotStale() async throws {
        let generator = Programs.packageRoot.appendingPathComponent("scripts/manpage.py")
        let made = try await run(URL(fileURLWithPath: "/usr/bin/python3"), [generator.path, try Programs.backmap().path], timeout: 60)
        #expect(made.status == 0, "\(made.stderr)")
        let checkedIn = try String(contentsOf: Programs.packageRoot.appendingPathComponent("docs/backmap.1"), encoding: .utf8)
        #expect(made.stdout == checkedIn, "docs/backmap.1 is stale: run `make man` and commit it")
    }

    @Test func bashLoadsTheCompletionAndTabOffersTheDaysThatHaveSessions() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("store")
        try FileManager.default.copyItem(at: Programs.packageRoot.appendingPathComponent("Assets/example-store"), to: store)
        let backmap = try Programs.backmap()
        let script = folder.appendingPathComponent("backmap.bash")
        let generated = try await run(backmap, ["--generate-completion-script", "bash"])
        try Data(generated.stdout.utf8).write(to: script)

        let loaded = try await run(Self.bash, ["-c", "source \"$0\" && complete -p backmap", script.path])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stdout.contains("-F _backmap backmap"))

        // What bash does on Tab after `backmap --store DIR show 2026-`.
        let tab = """
            source "$0"
            COMP_LINE="backmap --store $1 show 2026-"
            COMP_POINT=${#COMP_LINE}
            COMP_WORDS=(backmap --store "$1" show 2026-)
            COMP_CWORD=4
            _backmap backmap 2026- show
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let offered = try await run(Self.bash, ["-c", tab, script.path, store.path],
                                    environment: ["PATH": backmap.deletingLastPathComponent().path + ":/usr/bin:/bin"])
        #expect(offered.status == 0, "\(offered.stderr)")
        let days = Set(offered.stdout.split(separator: "\n").map(String.init))
        let sessions = try FileManager.default.contentsOfDirectory(atPath: store.appendingPathComponent("sessions").path)
        let expected = Set(sessions.map { name in
            "\(name.prefix(4))-\(name.dropFirst(4).prefix(2))-\(name.dropFirst(6).prefix(2))"
        })
        #expect(!expected.isEmpty)
        #expect(days == expected)
    }
}
