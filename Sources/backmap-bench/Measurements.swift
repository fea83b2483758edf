import BackMapCore
import BackMapTUI
import Foundation
import Glibc

/// The figures of one store, each the median of several runs; nil where the
/// thing measured does not exist in this build.
struct Figures {
    var sessions = 0
    /// The command whose first frame was timed (`backmap`, or `backmap edit last` before the home screen exists).
    var interactiveLabel = ""
    /// The arguments of that command (`measureFirstFrame` finds them).
    var interactiveArguments: [String] = []
    var firstFrame: Double?
    /// Spawn to the last byte once the program has checked the store behind its first frame.
    var settledFrame: Double?
    /// The bare C ncurses program's first frame, measured in the same run.
    var floorFirstFrame: Double?
    /// The first frame of a plain `swift build -c release` (Swift runtime in shared libraries).
    var plainFirstFrame: Double?
    var plainPeakMB: Double?
    var plainBuild: String?
    /// Python's `json.load` of every session file, whole `python3` runs, one after each
    /// run of `list` and of `trends`.
    var pythonRuns: [Double] = []
    /// Their median.
    var pythonLoad: Double? { median(pythonRuns) }
    /// Instructions executed (valgrind's callgrind, on a stripped copy), by what was run.
    var instructions: [(String, UInt64)] = []
    /// CPU time of all the program's threads up to the first frame, and time they waited for a CPU.
    var firstFrameCPU: Double?
    /// CPU time a second of the home screen left alone after its check, in milliseconds.
    var idleCPUPerSecond: Double?
    var firstFrameWaiting: Double?
    var firstFrameBytes: Double?
    var interactivePeakMB: Double?
    var list: Double?
    /// The C program that lists `sessions/` and stats every file, one run after each run of `list`.
    var statFloorRuns: [Double] = []
    var statFloor: Double? { median(statFloorRuns) }
    var listCPU: Double?
    var listPeakMB: Double?
    /// `backmap --version`: the cost of starting the program at all.
    var processStart: Double?
    /// `SessionStore.scan()` in this process, index up to date.
    var scanInProcess: Double?
    var listWithoutIndex: Double?
    var trendsLabel: String?
    var trends: Double?
    var trendsCPU: Double?
    var trendsPeakMB: Double?
    var moveMicroseconds: Double?
    var markMicroseconds: Double?
    var moveCells: Int?
    var markCells: Int?
    var moveBytes: Double?
    var markBytes: Double?
    var moveRoundTrip: Double?
    var markRoundTrip: Double?
}

/// Runs the measurements against one built `backmap` and one store.
struct Measurements {
    let backmap: String
    let store: SyntheticStore
    let runs: Int
    let floors: Floors
    var launcher: PeakLauncher { floors.launcher }
    /// Whether Python's floor is measured, a run of it after each run of `list` and of
    /// `trends`, so that the figures and their floor see the machine in the same state.
    var withPython = false

    /// A clean environment: a UTF-8 locale, a common terminal, colour on.
    var environment: [String: String] {
        var environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
        environment["HOME"] = ProcessInfo.processInfo.environment["HOME"] ?? "/tmp"
        return environment
    }

    var storeArguments: [String] { ["--store", store.root.path] }

    // MARK: Printing commands

    /// `list` from a cold index (every entry rebuilt), then warm runs.
    func measureList(into figures: inout Figures) throws {
        // The first index build, as after an upgrade or a deleted index: the median of three.
        var colds: [Double] = []
        for _ in 0..<min(3, runs) {
            try? FileManager.default.removeItem(at: SessionStore(root: store.root).indexFile)
            let cold = try ChildProcess.timed(backmap, ["list"] + storeArguments, environment: environment)
            try expectSuccess(cold, "backmap list")
            colds.append(cold.milliseconds)
        }
        figures.listWithoutIndex = median(colds)
        var times: [Double] = []
        var cpu: [Double] = []
        var starts: [Double] = []
        var scans: [Double] = []
        let sessionStore = SessionStore(root: store.root)
        for _ in 0..<runs {
            let result = try ChildProcess.timed(backmap, ["list"] + storeArguments, environment: environment)
            try expectSuccess(result, "backmap list")
            times.append(result.milliseconds)
            try measurePython(into: &figures)
            figures.statFloorRuns.append(try floors.stat(sessionsFolder: sessionStore.sessionsFolder))
            cpu.append(result.cpuMilliseconds)
            let start = try ChildProcess.timed(backmap, ["--version"], environment: environment)
            starts.append(start.milliseconds)
            let before = Clock.now()
            _ = sessionStore.scan()
            scans.append(Clock.milliseconds(from: before, to: Clock.now()))
        }
        figures.list = median(times)
        figures.listCPU = median(cpu)
        figures.listPeakMB = try launcher.peak(backmap, ["list"] + storeArguments, environment: environment, runs: min(3, runs))
        figures.processStart = median(starts)
        figures.scanInProcess = median(scans)
    }

    /// `trends` in its printing form, when this build has it.
    func measureTrends(into figures: inout Figures) throws {
        guard let arguments = try trendsArguments() else { return }
        figures.trendsLabel = "backmap " + arguments.joined(separator: " ")
        var times: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<runs {
            let result = try ChildProcess.timed(backmap, arguments + storeArguments, environment: environment)
            try expectSuccess(result, figures.trendsLabel ?? "backmap trends")
            times.append(result.milliseconds)
            try measurePython(into: &figures)
            cpu.append(result.cpuMilliseconds)
        }
        figures.trends = median(times)
        figures.trendsCPU = median(cpu)
        figures.trendsPeakMB = try launcher.peak(backmap, arguments + storeArguments, environment: environment, runs: min(3, runs))
    }

    /// `trends --print` if it exists, else `trends` (its output is a pipe here), else nil.
    func trendsArguments() throws -> [String]? {
        for arguments in [["trends", "--print"], ["trends"]] {
            let result = try ChildProcess.timed(backmap, arguments + storeArguments, environment: environment)
            if result.status == 0 { return arguments }
        }
        return nil
    }

    private func expectSuccess(_ result: ChildResult, _ command: String) throws {
        guard result.status == 0 else {
            let message = String(decoding: result.errorOutput.prefix(300), as: UTF8.self)
            throw BenchError("`\(command)` failed with status \(result.status): \(message)")
        }
    }

    // MARK: The interactive program, through a pseudo-terminal

    /// The home screen (`backmap`) when this build has one, else the editor on the last session.
    func interactiveArguments() throws -> (arguments: [String], label: String) {
        let probe = try PseudoTerminalProcess(backmap, storeArguments, environment: environment)
        probe.readUntilQuiet(quiet: 300)
        let alive = probe.exitStatus == nil
        probe.send("q")
        probe.finish(within: 2_000)
        return alive ? (storeArguments, "backmap") : (["edit", "last"] + storeArguments, "backmap edit last")
    }

    /// The first frame's figures of one program, each the median of the runs.
    struct FrameFigures {
        var firstFrame: Double?
        var settled: Double?
        var bytes: Double?
        var peakMB: Double?
        var cpu: Double?
        var waiting: Double?
    }

    /// The first frames of one program, gathered a run at a time.
    struct FrameSamples {
        var times: [Double] = []
        var settled: [Double] = []
        var bytes: [Double] = []
        var cpu: [Double] = []
        var waiting: [Double] = []

        func figures(peaks: [Double]) -> FrameFigures {
            FrameFigures(firstFrame: median(times), settled: median(settled), bytes: median(bytes),
                         peakMB: median(peaks), cpu: median(cpu), waiting: median(waiting))
        }
    }

    /// Spawns `program` on the pseudo-terminal and reads its first screen (up to the first
    /// pause of 10 ms: a program that checks the store in the background redraws after one),
    /// then up to a long quiet: the check behind the first frame can take a second at
    /// 100,000 sessions on a busy machine, and its redraw is awaited. Returns when the first
    /// screen's last byte came (nil when none did) and how many bytes it had.
    private func startSettled(_ program: String, _ arguments: [String]) throws
        -> (process: PseudoTerminalProcess, first: UInt64?, firstBytes: Int) {
        let process = try PseudoTerminalProcess(program, arguments, environment: environment)
        let first = process.readFirstFrame(gap: 10, minimumBytes: 200)
        let firstBytes = process.output.count
        process.readUntilQuiet(quiet: 2_500, firstByte: 2_500, limit: 15_000)
        return (process, first, firstBytes)
    }

    private func quit(_ process: PseudoTerminalProcess) {
        process.send("q")
        process.finish(within: 3_000)
    }

    /// One run: time from spawn to the last byte of the first screen, to the last byte
    /// before it goes quiet, the first frame's size, and CPU time.
    func frame(_ program: String, _ arguments: [String], label: String, into samples: inout FrameSamples) throws {
        let (process, first, firstBytes) = try startSettled(program, arguments)
        guard let first, process.exitStatus == nil else {
            throw BenchError("`\(label)` did not draw a screen: \(String(decoding: process.output.prefix(300), as: UTF8.self))")
        }
        samples.times.append(Clock.milliseconds(from: process.started, to: first))
        samples.settled.append(Clock.milliseconds(from: process.started, to: process.lastOutput))
        samples.bytes.append(Double(firstBytes))
        // Idle since the frame (it waits for a key), so these are the first frame's and its check's.
        if let scheduler = process.schedulerTimes() {
            samples.cpu.append(scheduler.cpu)
            samples.waiting.append(scheduler.waiting)
        }
        quit(process)
    }

    /// Peak memory on separate runs through the launcher (see `PeakLauncher`): the first
    /// frame, its check, and `q`.
    func framePeaks(_ program: String, _ arguments: [String]) throws -> [Double] {
        var peaks: [Double] = []
        for _ in 0..<min(3, runs) {
            let report = PeakLauncher.reportFile()
            quit(try startSettled(launcher.program, launcher.arguments(report: report, program, arguments)).process)
            if let peak = launcher.peak(report: report) { peaks.append(peak) }
        }
        return peaks
    }

    /// How long the idle CPU figure watches the program: long enough for the checks a
    /// watched store still makes without news (every 15 s) to weigh in as they do.
    static let idleSeconds = 30

    /// What the interactive program costs while nobody touches it: CPU time (user and
    /// system, every thread, those ended included) over `idleSeconds` after its check,
    /// a second at a time. A screen that follows the store pays here for looking at it.
    /// Run after `measureFirstFrame`, whose command it measures.
    func measureIdle(into figures: inout Figures) throws {
        let label = figures.interactiveLabel
        let process = try startSettled(backmap, figures.interactiveArguments).process
        defer { quit(process) }
        guard process.exitStatus == nil, let before = process.processCPU() else {
            throw BenchError("`\(label)` did not stay open to be measured idle")
        }
        // Nothing changes in the store, so the program draws nothing: the terminal's buffer never fills.
        usleep(useconds_t(Self.idleSeconds * 1_000_000))
        guard let after = process.processCPU() else { throw BenchError("`\(label)` ended while idle") }
        figures.idleCPUPerSecond = (after - before) / Double(Self.idleSeconds)
    }

    /// backmap's first frame and, when given, the floor's and a plain build's, in turns (a
    /// run of each, then again) so that a change in the machine's load falls on all of them
    /// alike.
    func measureFirstFrame(into figures: inout Figures, floor: String?, plain: (path: String, build: String)?) throws {
        let (arguments, label) = try interactiveArguments()
        figures.interactiveLabel = label
        figures.interactiveArguments = arguments
        var mainSamples = FrameSamples(), floorSamples = FrameSamples(), plainSamples = FrameSamples()
        for _ in 0..<runs {
            try frame(backmap, arguments, label: label, into: &mainSamples)
            if let floor { try frame(floor, [], label: "the C ncurses floor", into: &floorSamples) }
            if let plain { try frame(plain.path, arguments, label: plain.build, into: &plainSamples) }
        }
        let main = mainSamples.figures(peaks: try framePeaks(backmap, arguments))
        figures.firstFrame = main.firstFrame
        figures.settledFrame = main.settled
        figures.firstFrameCPU = main.cpu
        figures.firstFrameWaiting = main.waiting
        figures.firstFrameBytes = main.bytes
        figures.interactivePeakMB = main.peakMB
        if floor != nil {
            figures.floorFirstFrame = median(floorSamples.times)
        }
        if let plain {
            let frames = plainSamples.figures(peaks: try framePeaks(plain.path, arguments))
            figures.plainFirstFrame = frames.firstFrame
            figures.plainPeakMB = frames.peakMB
            figures.plainBuild = plain.build
        }
    }

    /// One run of Python's `json.load` of the same session files, when it is measured.
    private func measurePython(into figures: inout Figures) throws {
        guard withPython, let time = try Floors.python(sessionsFolder: SessionStore(root: store.root).sessionsFolder) else { return }
        figures.pythonRuns.append(time)
    }

    /// Instructions executed, counted by valgrind's callgrind on a stripped copy of each
    /// program (valgrind cannot read the DWARF 5 of Swift 6 binaries): `list`, `trends`,
    /// and the interactive program from start to its first frame, its check and `q`.
    func measureInstructions(into figures: inout Figures, floor: String?, trends: [String]?) throws {
        guard let valgrind = ["/usr/bin/valgrind", "/usr/local/bin/valgrind"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            log("valgrind not found: no instruction counts")
            return
        }
        let stripped = try Callgrind.strippedCopy(of: backmap)
        defer { try? FileManager.default.removeItem(atPath: stripped) }
        let callgrind = Callgrind(valgrind: valgrind, environment: environment)
        figures.instructions.append(("`backmap list`", try callgrind.count(stripped, ["list"] + storeArguments)))
        if let trends {
            figures.instructions.append(("`backmap \(trends.joined(separator: " "))`", try callgrind.count(stripped, trends + storeArguments)))
        }
        figures.instructions.append(("`\(figures.interactiveLabel)`, first frame and `q`",
                                     try callgrind.countInteractive(stripped, try interactiveArguments().arguments)))
        if let floor {
            figures.instructions.append(("the C ncurses floor, first frame and a key", try callgrind.countInteractive(floor, [])))
        }
    }

    /// Bytes the editor sends for a cursor move (`k`/`j`) and a mark (`3`/`0`), and how long
    /// the screen takes to show it. Marks are saved, so this changes the last session.
    func measureKeysThroughTerminal(into figures: inout Figures) throws {
        let process = try PseudoTerminalProcess(backmap, ["edit", "last"] + storeArguments, environment: environment)
        defer {
            process.send("q")
            process.finish(within: 3_000)
        }
        process.readUntilQuiet(quiet: 250)
        guard process.exitStatus == nil else { throw BenchError("`backmap edit last` ended at once") }
        func press(_ key: String) -> (bytes: Double, milliseconds: Double) {
            let sent = Clock.now()
            let count = process.readUntilQuietAfterSending(key, quiet: 150)
            return (Double(count), Clock.milliseconds(from: sent, to: process.lastOutput))
        }
        var moveBytes: [Double] = []
        var moveTimes: [Double] = []
        var markBytes: [Double] = []
        var markTimes: [Double] = []
        // Every measured key must change the screen: the cursor goes up and back, and
        // the zone under it (set to 1 first) alternates between 3 and 0.
        _ = press("1")
        for run in 0..<runs {
            for key in ["k", "j"] {
                let move = press(key)
                moveBytes.append(move.bytes)
                moveTimes.append(move.milliseconds)
            }
            let mark = press(run % 2 == 0 ? "3" : "0")
            markBytes.append(mark.bytes)
            markTimes.append(mark.milliseconds)
        }
        figures.moveBytes = median(moveBytes)
        figures.moveRoundTrip = median(moveTimes)
        figures.markBytes = median(markBytes)
        figures.markRoundTrip = median(markTimes)
    }

    // MARK: In-process rendering

    /// One editor frame after a key: update, draw into a fresh canvas, and the diff the
    /// terminal adapter would hand to ncurses, timed over many iterations.
    func measureKeysInProcess(into figures: inout Figures) throws {
        let sessionStore = SessionStore(root: store.root)
        let session = try sessionStore.load(sessionStore.resolve("last").id)
        let theme = Theme(ascii: false, color: true)
        let context = Context(now: .now(), width: 80, height: 24)
        let base = EditorState(session: session)
        var baseCanvas = Canvas(width: 80, height: 24)
        base.draw(into: &baseCanvas, theme: theme)

        func frame(after key: Key) -> (nanoseconds: UInt64, cells: Int) {
            let start = Clock.now()
            var state = base
            _ = state.update(.key(key), context: context)
            var canvas = Canvas(width: 80, height: 24)
            state.draw(into: &canvas, theme: theme)
            let runs = canvas.changes(since: baseCanvas)
            let end = Clock.now()
            return (end - start, runs.reduce(0) { $0 + $1.width })
        }
        func measure(_ key: Key) -> (microseconds: Double?, cells: Int) {
            var times: [Double] = []
            var cells = 0
            // Warm caches and lazy statics first; then many timed frames.
            for _ in 0..<200 { cells = frame(after: key).cells }
            for _ in 0..<(runs * 500) { times.append(Double(frame(after: key).nanoseconds) / 1000) }
            return (median(times), cells)
        }
        let move = measure(.character("k"))
        let mark = measure(.character("3"))
        figures.moveMicroseconds = move.microseconds
        figures.moveCells = move.cells
        figures.markMicroseconds = mark.microseconds
        figures.markCells = mark.cells
    }
}

extension PseudoTerminalProcess {
    /// Sends a key and counts the bytes that come back before the output goes quiet.
    func readUntilQuietAfterSending(_ key: String, quiet: Int) -> Int {
        send(key)
        return readUntilQuiet(quiet: quiet)
    }
}
