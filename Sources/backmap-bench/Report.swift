import Foundation

/// The tables the benchmark prints: Markdown, so they paste into the README as they are.
enum Report {
    /// One row: what, the median, the floor it is set against and the ratio, the target, and whether it is met.
    struct Row {
        var measure: String
        var value: String
        var floor = ""
        var ratio = ""
        var target: String
        var met: Bool?
    }

    /// A figure against its floor: the floor's value and the ratio, and whether the ratio is within `limit`.
    private static func against(_ value: Double?, _ floor: Double?, limit: Double?) -> (floor: String, ratio: String, met: Bool?) {
        guard let value, let floor, floor > 0 else { return ("-", "-", nil) }
        let ratio = value / floor
        return (ms(floor), String(format: "%.2f×", ratio), limit.map { ratio <= $0 })
    }

    static func rows(_ f: Figures) -> [Row] {
        var rows: [Row] = []
        let frame = against(f.firstFrame, f.floorFirstFrame, limit: 3)
        rows.append(Row(measure: "first full frame, `\(f.interactiveLabel)` (pty 80x24, spawn to last byte), install build",
                        value: ms(f.firstFrame), floor: frame.floor == "-" ? "-" : "C ncurses \(frame.floor)", ratio: frame.ratio,
                        target: "<= 3× the C floor", met: frame.met))
        if let plain = f.plainFirstFrame {
            let ratio = against(plain, f.floorFirstFrame, limit: nil)
            rows.append(Row(measure: "first full frame, plain `\(f.plainBuild ?? "swift build -c release")`", value: ms(plain),
                            floor: ratio.floor == "-" ? "-" : "C ncurses \(ratio.floor)", ratio: ratio.ratio, target: "reported", met: nil))
        }
        rows.append(Row(measure: "first frame once the store is checked (background check and redraw)", value: ms(f.settledFrame),
                        target: "changes shown within 2 s", met: f.settledFrame.map { $0 < 2_000 }))
        let list = against(f.list, f.pythonLoad, limit: 0.1)
        rows.append(Row(measure: "`backmap list` wall time", value: ms(f.list), floor: list.floor == "-" ? "-" : "Python \(list.floor)",
                        ratio: list.ratio, target: "<= 0.1× Python's json.load", met: list.met))
        if let trends = f.trends {
            let ratio = against(trends, f.pythonLoad, limit: 0.1)
            rows.append(Row(measure: "`\(f.trendsLabel ?? "backmap trends")` wall time", value: ms(trends),
                            floor: ratio.floor == "-" ? "-" : "Python \(ratio.floor)", ratio: ratio.ratio,
                            target: "<= 0.1× Python's json.load", met: ratio.met))
        } else {
            rows.append(Row(measure: "`backmap trends` wall time", value: "n/a (not built)", target: "<= 0.1× Python's json.load", met: nil))
        }
        rows.append(Row(measure: "first index build (`backmap list` with no summary index)", value: ms(f.listWithoutIndex),
                        target: "< 300 ms", met: f.listWithoutIndex.map { $0 < 300 }))
        rows.append(Row(measure: "editor frame after a cursor move (update + draw + diff, in-process)",
                        value: us(f.moveMicroseconds), target: "< 1 ms", met: f.moveMicroseconds.map { $0 < 1000 }))
        rows.append(Row(measure: "editor frame after a mark (update + draw + diff, in-process)",
                        value: us(f.markMicroseconds), target: "< 1 ms", met: f.markMicroseconds.map { $0 < 1000 }))
        rows.append(Row(measure: "bytes sent for a cursor move (`k`/`j`, pty)",
                        value: bytes(f.moveBytes), target: "tens of bytes (< 100)", met: f.moveBytes.map { $0 < 100 }))
        let fullFrame = f.firstFrameBytes.map { " (a full frame is \(Int($0)) B)" } ?? ""
        rows.append(Row(measure: "bytes sent for a mark (`3`/`0`, pty)",
                        value: bytes(f.markBytes), target: "changed cells only\(fullFrame)",
                        met: zip2(f.markBytes, f.firstFrameBytes).map { $0 < $1 / 4 }))
        let memory = f.sessions > 10_000 ? 40.0 : 25.0
        rows.append(Row(measure: "peak memory, `\(f.interactiveLabel)`", value: mb(f.interactivePeakMB), target: "<= \(Int(memory)) MB",
                        met: f.interactivePeakMB.map { $0 <= memory }))
        if let plain = f.plainPeakMB {
            rows.append(Row(measure: "peak memory, plain `\(f.plainBuild ?? "swift build -c release")`", value: mb(plain), target: "reported", met: nil))
        }
        rows.append(Row(measure: "peak memory, `backmap list`", value: mb(f.listPeakMB), target: "<= \(Int(memory)) MB",
                        met: f.listPeakMB.map { $0 <= memory }))
        rows.append(Row(measure: "peak memory, `backmap trends`", value: f.trends == nil ? "n/a (not built)" : mb(f.trendsPeakMB),
                        target: "<= \(Int(memory)) MB", met: f.trendsPeakMB.map { $0 <= memory }))
        return rows
    }

    /// Figures without a target, that explain the others.
    static func notes(_ f: Figures) -> [String] {
        var notes: [String] = []
        if let cpu = f.firstFrameCPU, let waiting = f.firstFrameWaiting {
            notes.append("first frame and its check: \(ms(cpu)) of CPU time and \(ms(waiting)) waiting for a CPU held by other work (each summed over its threads)")
        }
        if let idle = f.idleCPUPerSecond {
            notes.append("left alone after its check, `\(f.interactiveLabel)` takes \(ms(idle)) of CPU time a second (over \(Measurements.idleSeconds) s)")
        }
        if let start = f.processStart, let scan = f.scanInProcess {
            notes.append("where the time goes: starting the program (`backmap --version`) \(ms(start)); `SessionStore.scan()` in-process, index up to date, \(ms(scan))")
        }
        if let floor = f.statFloor {
            notes.append("what `list` cannot do without: \(Floors.statFloorMeaning), \(ms(floor))"
                + (f.list.map { String(format: " (`list` takes %.2f× it)", $0 / floor) } ?? ""))
        }
        if let cpu = f.listCPU {
            notes.append("CPU time (user + system) of `backmap list`: \(ms(cpu))" + (f.trendsCPU.map { "; of trends: \(ms($0))" } ?? ""))
        }
        if let move = f.moveCells, let mark = f.markCells {
            notes.append("cells changed on screen: \(move) for a cursor move, \(mark) for a mark")
        }
        if let move = f.moveRoundTrip, let mark = f.markRoundTrip {
            notes.append("key to last byte on the pty: \(ms(move)) for a move, \(ms(mark)) for a mark (includes the durable save)")
        }
        if !f.instructions.isEmpty {
            let counts = f.instructions.map { "\($0.0) \(millions($0.1))" }.joined(separator: "; ")
            notes.append("instructions (callgrind, stripped copies): \(counts)")
        }
        return notes
    }

    static func table(_ f: Figures) -> String {
        var lines = ["| measure (\(f.sessions) sessions) | median | floor (same run) | ratio | target | met |",
                     "| --- | ---: | ---: | ---: | --- | --- |"]
        for row in rows(f) {
            let met = row.met.map { $0 ? "yes" : "NO" } ?? "-"
            lines.append("| \(row.measure) | \(row.value) | \(row.floor.isEmpty ? "-" : row.floor) | \(row.ratio.isEmpty ? "-" : row.ratio) | \(row.target) | \(met) |")
        }
        return lines.joined(separator: "\n") + "\n" + notes(f).map { "\n- \($0)" }.joined() + "\n"
    }

    /// How the first frame, list and trends grow with the number of sessions. The first
    /// frame must stay flat from 3,650 sessions up (within 50 ms at 36,500).
    static func scaling(_ all: [Figures]) -> String {
        var lines = ["| sessions | first frame | checked frame | its CPU time | idle CPU a second | list | stat floor (C) | trends | list per session | first index build | peak memory (home / list / trends) |",
                     "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for f in all {
            let perSession = f.list.map { String(format: "%.2f µs", $0 * 1000 / Double(max(1, f.sessions))) } ?? "-"
            let trends = f.trends == nil ? "n/a" : ms(f.trends)
            lines.append("| \(f.sessions) | \(ms(f.firstFrame)) | \(ms(f.settledFrame)) | \(ms(f.firstFrameCPU)) | \(ms(f.idleCPUPerSecond)) | \(ms(f.list)) | \(ms(f.statFloor)) | \(trends) | \(perSession) | \(ms(f.listWithoutIndex)) | \(mb(f.interactivePeakMB)) / \(mb(f.listPeakMB)) / \(mb(f.trendsPeakMB)) |")
        }
        lines.append("")
        lines.append("The stat floor is \(Floors.statFloorMeaning): what `list` cannot do without, as only a file's own stamp shows an edit in place.")
        return lines.joined(separator: "\n") + "\n"
    }

    static func millions(_ count: UInt64) -> String { String(format: "%.1f M", Double(count) / 1_000_000) }
    static func ms(_ value: Double?) -> String { value.map { String(format: "%.1f ms", $0) } ?? "-" }
    static func us(_ value: Double?) -> String { value.map { String(format: "%.0f µs", $0) } ?? "-" }
    static func mb(_ value: Double?) -> String { value.map { String(format: "%.1f MB", $0) } ?? "-" }
    static func bytes(_ value: Double?) -> String { value.map { "\(Int($0)) B" } ?? "-" }

    private static func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
        guard let a, let b else { return nil }
        return (a, b)
    }
}
