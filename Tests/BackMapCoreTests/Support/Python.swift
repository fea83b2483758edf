import BackMapCore
import Foundation

/// Runs Python 3 with a script, for the tests that check exports with real
/// outside parsers (markdown-it, jsonschema) rather than a hand check.
enum Python {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Debian's python3 first: the packages `.ci/run` installs (python3-markdown-it,
    /// python3-jsonschema) are for it, not for a python3 that pyenv or a venv put first on PATH.
    static var executable: URL? {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") { return URL(fileURLWithPath: "/usr/bin/python3") }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Whether `python3 -c "import <module>"` works.
    static func has(_ module: String) -> Bool {
        guard executable != nil, let result = try? run("import \(module)") else { return false }
        return result.status == 0
    }

    /// Runs `script` with `arguments`, `input` on its standard input.
    static func run(_ script: String, arguments: [String] = [], input: Data = Data()) throws -> Result {
        guard let executable else { return Result(status: 127, stdout: "", stderr: "python3 is not installed") }
        let outcome = try ChildProcess.run(executable.path, ["-c", script] + arguments,
                                           environment: ProcessInfo.processInfo.environment, input: input)
        return Result(status: outcome.status, stdout: String(decoding: outcome.stdout, as: UTF8.self),
                      stderr: String(decoding: outcome.stderr, as: UTF8.self))
    }
}
