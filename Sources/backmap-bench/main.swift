import BackMapCore
import Foundation
import Glibc

/// `backmap-bench`: measures backmap against SPEC 7 on a synthetic store of
/// daily sessions and prints the figures with their targets.
///
///     swift run -c release backmap-bench [--sessions N] [--runs K] [--scaling] [--backmap PATH] [--keep]
struct BenchOptions {
    var sessions = 3_650
    var runs = 9
    var scaling = false
    var backmap: String?
    var keep = false
    var callgrind = true
    /// Only scan the store this many times in-process, for running under a profiler.
    var profileScans: Int?
    /// Only measure the git commit after an editor visit (`--git-commit`).
    var gitCommit = false

    static let usage = """
        usage: backmap-bench [--sessions N] [--runs K] [--scaling] [--backmap PATH] [--keep]
          --sessions N    sessions in the synthetic store (default 3650: ten years, daily)
          --runs K        runs per figure; each figure is the median (default 9)
          --scaling       also measure 365, 3650, 36500 and 100000 sessions (home screen, list, trends)
          --backmap PATH  the binary to measure (default: the release build `make install` makes,
                          scripts/build-static.sh, in .build/bench; a plain
                          `swift build -c release`, made in .build/bench-plain, is measured beside it)
          --no-callgrind  skip the instruction counts (valgrind)
          --keep          keep the synthetic store and print where it is
          --profile-scan N  only run SessionStore.scan() N times in-process (for perf or valgrind)
          --git-commit    only measure the commit after an editor visit in a store that is a git repository
        """

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ name: String) throws -> Int {
            guard let text = rest.popFirst(), let number = Int(text), number > 0 else {
                throw BenchError("\(name) needs a whole number above 0")
            }
            return number
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--sessions": sessions = try value(argument)
            case "--runs": runs = try value(argument)
            case "--scaling": scaling = true
            case "--keep": keep = true
            case "--no-callgrind": callgrind = false
            case "--git-commit": gitCommit = true
            case "--profile-scan": profileScans = try value(argument)
            case "--backmap":
                guard let path = rest.popFirst() else { throw BenchError("--backmap needs a path") }
                backmap = path
            case "-h", "--help":
                print(Self.usage)
                exit(0)
            default: throw BenchError("unknown argument \(argument)\n\(Self.usage)")
            }
        }
    }
}

/// The `backmap` binary to measure: the one given, or the release build as README says to
/// install it (`scripts/build-static.sh`, what `make install` runs), made now so the figures
/// never come from a stale binary. It gets its own scratch folder: sharing `.build` with a
/// build without the flag would make each of them rebuild everything every time.
func locateBackmap(_ given: String?) throws -> (path: String, build: String) {
    if let given { return (given, given) }
    return try buildBackmap(staticStdlib: true)
}

/// Builds backmap from this package as `make install` does (`scripts/build-static.sh`, which
/// says how it links) or plain (`swift build -c release`),
/// each in its own scratch folder: sharing `.build` between the two would make each
/// rebuild everything every time.
func buildBackmap(staticStdlib: Bool) throws -> (path: String, build: String) {
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    if me.deletingLastPathComponent().lastPathComponent != "release" {
        log("warning: this benchmark was not built with -c release; its in-process figures are for release builds")
    }
    var root = me.deletingLastPathComponent()
    while root.path != "/", !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
        root = root.deletingLastPathComponent()
    }
    guard root.path != "/" else {
        throw BenchError("cannot find the package to build backmap from; pass --backmap PATH")
    }
    let scratch = root.appendingPathComponent(staticStdlib ? ".build/bench" : ".build/bench-plain")
    let command = staticStdlib
        ? [root.appendingPathComponent("scripts/build-static.sh").path]
        : ["swift", "build", "-c", "release", "--product", "backmap", "--package-path", root.path]
    let label = staticStdlib ? "scripts/build-static.sh" : "swift build -c release"
    log("building backmap: \(label) (in \(scratch.path)) …")
    let build = try ChildProcess.timed("/usr/bin/env", command + ["--scratch-path", scratch.path],
                                     environment: ProcessInfo.processInfo.environment)
    guard build.status == 0 else {
        throw BenchError("the build failed:\n" + String(decoding: build.output + build.errorOutput, as: UTF8.self))
    }
    return (scratch.appendingPathComponent("release/backmap").path, label)
}

func log(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Session files written less than two seconds ago are kept out of the summary index
/// (see `SessionStore.isRacy`); a real store is not written all at once, so wait. The
/// store is also flushed, or the editor's first durable save would pay for flushing
/// every file the generator wrote.
func letFilesSettle() {
    sync()
    usleep(2_100_000)
}

func measure(sessions: Int, options: BenchOptions, backmap: String, full: Bool, floors: Floors,
             plain: (path: String, build: String)? = nil) throws -> Figures {
    log("writing \(sessions) sessions …")
    let store = try SyntheticStore.make(sessions: sessions)
    defer {
        if options.keep { log("store kept at \(store.root.path)") } else { store.remove() }
    }
    letFilesSettle()
    var measurements = Measurements(backmap: backmap, store: store, runs: options.runs, floors: floors)
    // Python's floor only for the main table, run by run between backmap's own runs.
    measurements.withPython = full
    var figures = Figures()
    figures.sessions = sessions
    log(full ? "list, and python's json.load of the same files …" : "list …")
    try measurements.measureList(into: &figures)
    log(full ? "trends, and python's json.load again …" : "trends …")
    try measurements.measureTrends(into: &figures)
    log("first frame …")
    // The C ncurses floor only for the main table: the scaling table shows how the frame grows, not a ratio.
    try measurements.measureFirstFrame(into: &figures, floor: full ? floors.ncursesProgram : nil, plain: plain)
    log("left alone for \(Measurements.idleSeconds) s …")
    try measurements.measureIdle(into: &figures)
    if full {
        if options.callgrind {
            log("instruction counts under callgrind …")
            try measurements.measureInstructions(into: &figures, floor: floors.ncursesProgram, trends: try measurements.trendsArguments())
        }
        log("keys in-process …")
        try measurements.measureKeysInProcess(into: &figures)
        log("keys through the terminal …")
        try measurements.measureKeysThroughTerminal(into: &figures)
    }
    return figures
}

/// Scans a synthetic store over and over in this process, so a profiler sees nothing else.
func profileScan(times: Int, sessions: Int) throws {
    let store = try SyntheticStore.make(sessions: sessions)
    defer { store.remove() }
    letFilesSettle()
    let sessionStore = SessionStore(root: store.root)
    _ = sessionStore.scan()
    var durations: [Double] = []
    for _ in 0..<times {
        let start = Clock.now()
        _ = sessionStore.scan()
        durations.append(Clock.milliseconds(from: start, to: Clock.now()))
    }
    print("SessionStore.scan() over \(sessions) sessions: median \(Report.ms(median(durations))), best \(Report.ms(durations.min()))")
}

/// The one-minute load average: other work on the machine slows every wall-clock figure.
func loadAverage() -> String {
    var loads = [Double](repeating: 0, count: 3)
    return getloadavg(&loads, 3) > 0 ? String(format: "%.2f", loads[0]) : "unknown"
}

func machine() -> String {
    let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model = info.split(separator: "\n").first { $0.hasPrefix("model name") }
        .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown CPU"
    return "\(sysconf(Int32(_SC_NPROCESSORS_ONLN))) cores, \(model)"
}

do {
    let options = try BenchOptions(Array(CommandLine.arguments.dropFirst()))
    if let scans = options.profileScans {
        try profileScan(times: scans, sessions: options.sessions)
        exit(0)
    }
    if options.gitCommit {
        print(try GitCommitCost.measure(sessions: options.sessions, runs: options.runs))
        exit(0)
    }
    let (backmap, build) = try locateBackmap(options.backmap)
    guard FileManager.default.isExecutableFile(atPath: backmap) else {
        throw BenchError("no backmap binary at \(backmap)")
    }
    let plain = options.backmap == nil ? try buildBackmap(staticStdlib: false) : nil
    let floor = try Floors.build()
    defer { floor.remove() }
    let load = loadAverage()
    let main = try measure(sessions: options.sessions, options: options, backmap: backmap, full: true, floors: floor, plain: plain)
    print("backmap-bench: \(options.sessions) daily sessions, median of \(options.runs) runs, \(machine()), load \(load) at the start")
    print("measured: \(build)\n")
    print(Report.table(main))
    if options.scaling {
        var all: [Figures] = []
        for sessions in [365, 3_650, 36_500, 100_000] {
            all.append(sessions == options.sessions ? main : try measure(sessions: sessions, options: options, backmap: backmap, full: false,
                                                                                       floors: floor))
        }
        print("Scaling (median of \(options.runs) runs):\n")
        print(Report.scaling(all))
    }
} catch {
    log("backmap-bench: \(error)")
    exit(1)
}
