import BackMapCore
import Foundation
import Glibc

/// Peak memory of a program on its own.
///
/// A child's `ru_maxrss` is not its own: Linux keeps the high-water mark of the memory a
/// process had when it forked or spawned the child across the child's exec, so every
/// program the benchmark starts would weigh at least as much as the benchmark, which holds
/// a store's summaries (a program that uses 4 MB reads as 200 MB under a parent of 200 MB).
/// So the peaks are measured through a launcher of a few lines of C: it is small, it forks
/// the program and reports that grandchild's `ru_maxrss`, as `/usr/bin/time` does.
struct PeakLauncher {
    let program: String

    static let source = """
        #include <stdio.h>
        #include <sys/resource.h>
        #include <sys/wait.h>
        #include <unistd.h>
        /* peak REPORT PROGRAM ARGS...: runs PROGRAM, writes its peak resident kilobytes to REPORT. */
        int main(int argc, char **argv) {
            if (argc < 3) return 126;
            pid_t pid = fork();
            if (pid < 0) return 126;
            if (pid == 0) { execv(argv[2], argv + 2); _exit(127); }
            int status; struct rusage usage;
            while (wait4(pid, &status, 0, &usage) < 0) {}
            FILE *report = fopen(argv[1], "w");
            if (report) { fprintf(report, "%ld\\n", usage.ru_maxrss); fclose(report); }
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        """

    /// Compiles the launcher into `folder` with the system's C compiler.
    static func build(in folder: URL) throws -> PeakLauncher {
        let source = folder.appendingPathComponent("peak.c")
        let program = folder.appendingPathComponent("peak")
        try Data(Self.source.utf8).write(to: source)
        let build = try ChildProcess.timed("/usr/bin/env", ["cc", "-O2", "-o", program.path, source.path],
                                         environment: ["PATH": "/usr/local/bin:/usr/bin:/bin"])
        guard build.status == 0 else {
            throw BenchError("the peak memory launcher did not build: " + String(decoding: build.errorOutput.prefix(300), as: UTF8.self))
        }
        return PeakLauncher(program: program.path)
    }

    /// The launcher's arguments to run `path arguments` and write its peak to `report`.
    func arguments(report: URL, _ path: String, _ arguments: [String]) -> [String] {
        [report.path, path] + arguments
    }

    /// The peak the launcher wrote, in megabytes; nil when it wrote none.
    func peak(report: URL) -> Double? {
        defer { try? FileManager.default.removeItem(at: report) }
        guard let text = try? String(contentsOf: report, encoding: .utf8),
              let kilobytes = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        return kilobytes / 1024
    }

    /// Peak memory of a run of a printing command: the median over `runs` launched runs.
    func peak(_ path: String, _ arguments: [String], environment: [String: String], runs: Int) throws -> Double? {
        var peaks: [Double] = []
        for _ in 0..<runs {
            let report = Self.reportFile()
            let result = try ChildProcess.timed(program, self.arguments(report: report, path, arguments), environment: environment)
            guard result.status == 0 else {
                throw BenchError("\(path) \(arguments.joined(separator: " ")) failed under the launcher: "
                    + String(decoding: result.errorOutput.prefix(300), as: UTF8.self))
            }
            if let peak = peak(report: report) { peaks.append(peak) }
        }
        return median(peaks)
    }

    static func reportFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("backmap-peak-\(getpid())-\(UUID().uuidString)")
    }
}
