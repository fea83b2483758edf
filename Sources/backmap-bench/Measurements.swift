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
    var firstFrame: Double?
    /// CPU time of all the program's threads up to the first frame, and time they waited for a CPU.
    var firstFrameCPU: Double?
    var firstFrameWaiting: Double?
    var firstFrameBytes: Double?
    var interactivePeakMB: Double?
    var list: Double?
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
        try? FileManager.default.removeItem(at: SessionStore(root: store.root).indexFile)
        let cold = try ChildProcess.run(backmap, ["list"] + storeArguments, environment: environment)
        try expectSuccess(cold, "backmap list")
        figures.listWithoutIndex = cold.milliseconds
        var times: [Double] = []
        var cpu: [Double] = []
        var peaks: [Double] = []
        var starts: [Double] = []
        var scans: [Double] = []
        let sessionStore = SessionStore(root: store.root)
        for _ in 0..<runs {
            let result = try ChildProcess.run(backmap, ["list"] + storeArguments, environment: environment)
            try expectSuccess(result, "backmap list")
            times.append(result.milliseconds)
            cpu.append(result.cpuMilliseconds)
            peaks.append(Double(result.peakKilobytes) / 1024)
            let start = try ChildProcess.run(backmap, ["--version"], environment: environment)
            starts.append(start.milliseconds)
            let before = Clock.now()
            _ = sessionStore.scan()
            scans.append(Clock.milliseconds(from: before, to: Clock.now()))
        }
        figures.list = median(times)
        figures.listCPU = median(cpu)
        figures.listPeakMB = median(peaks)
        figures.processStart = median(starts)
        figures.scanInProcess = median(scans)
    }

    /// `trends` in its printing form, when this build has it.
    func measureTrends(into figures: inout Figures) throws {
        guard let arguments = try trendsArguments() else { return }
        figures.trendsLabel = "backmap " + arguments.joined(separator: " ")
        var times: [Double] = []
        var cpu: [Double] = []
        var peaks: [Double] = []
        for _ in 0..<runs {
            let result = try ChildProcess.run(backmap, arguments + storeArguments, environment: environment)
            try expectSuccess(result, figures.trendsLabel ?? "backmap trends")
            times.append(result.milliseconds)
            cpu.append(result.cpuMilliseconds)
            peaks.append(Double(result.peakKilobytes) / 1024)
        }
        figures.trends = median(times)
        figures.trendsCPU = median(cpu)
        figures.trendsPeakMB = median(peaks)
    }

    /// `trends --print` if it exists, else `trends` (its output is a pipe here), else nil.
    private func trendsArguments() throws -> [String]? {
        for arguments in [["trends", "--print"], ["trends"]] {
            let result = try ChildProcess.run(backmap, arguments + storeArguments, environment: environment)
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

    /// Time from spawn to the last byte of the first screen, its size, and the peak memory.
    func measureFirstFrame(into figures: inout Figures) throws {
        let (arguments, label) = try interactiveArguments()
        figures.interactiveLabel = label
        var times: [Double] = []
        var bytes: [Double] = []
        var peaks: [Double] = []
        var cpu: [Double] = []
        var waiting: [Double] = []
        for _ in 0..<runs {
            let process = try PseudoTerminalProcess(backmap, arguments, environment: environment)
            // The first frame is everything written before the program goes quiet waiting for a key.
            process.readUntilQuiet(quiet: 250)
            guard process.exitStatus == nil, process.output.count > 200 else {
                throw BenchError("`\(label)` did not draw a screen: \(String(decoding: process.output.prefix(300), as: UTF8.self))")
            }
            times.append(Clock.milliseconds(from: process.started, to: process.lastOutput))
            bytes.append(Double(process.output.count))
            // Idle since the frame (it waits for a key), so these are the first frame's.
            if let scheduler = process.schedulerTimes() {
                cpu.append(scheduler.cpu)
                waiting.append(scheduler.waiting)
            }
            process.send("q")
            process.finish(within: 3_000)
            if let peak = process.peakKilobytes { peaks.append(Double(peak) / 1024) }
        }
        figures.firstFrame = median(times)
        figures.firstFrameCPU = median(cpu)
        figures.firstFrameWaiting = median(waiting)
        figures.firstFrameBytes = median(bytes)
        figures.interactivePeakMB = median(peaks)
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
