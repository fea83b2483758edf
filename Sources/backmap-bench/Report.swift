import Foundation

/// The tables the benchmark prints: Markdown, so they paste into the README as they are.
enum Report {
    /// One row: what, the median, the target, and whether it is met.
    struct Row {
        var measure: String
        var value: String
        var target: String
        var met: Bool?
    }

    static func rows(_ f: Figures) -> [Row] {
        var rows: [Row] = []
        rows.append(Row(measure: "first full frame, `\(f.interactiveLabel)` (pty 80x24, spawn to last byte)",
                        value: ms(f.firstFrame), target: "<= 50 ms", met: f.firstFrame.map { $0 <= 50 }))
        rows.append(Row(measure: "`backmap list` wall time", value: ms(f.list), target: "< 100 ms", met: f.list.map { $0 < 100 }))
        if let trends = f.trends {
            rows.append(Row(measure: "`\(f.trendsLabel ?? "backmap trends")` wall time", value: ms(trends), target: "< 100 ms", met: trends < 100))
        } else {
            rows.append(Row(measure: "`backmap trends` wall time", value: "n/a (not built)", target: "< 100 ms", met: nil))
        }
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
        rows.append(Row(measure: "peak memory, `\(f.interactiveLabel)`", value: mb(f.interactivePeakMB), target: "< 40 MB",
                        met: f.interactivePeakMB.map { $0 < 40 }))
        rows.append(Row(measure: "peak memory, `backmap list`", value: mb(f.listPeakMB), target: "< 40 MB",
                        met: f.listPeakMB.map { $0 < 40 }))
        rows.append(Row(measure: "peak memory, `backmap trends`", value: f.trends == nil ? "n/a (not built)" : mb(f.trendsPeakMB),
                        target: "< 40 MB", met: f.trendsPeakMB.map { $0 < 40 }))
        return rows
    }

    /// Figures without a target, that explain the others.
    static func notes(_ f: Figures) -> [String] {
        var notes: [String] = []
        if let cpu = f.firstFrameCPU, let waiting = f.firstFrameWaiting {
            notes.append("first frame: \(ms(cpu)) of CPU time and \(ms(waiting)) waiting for a CPU held by other work (each summed over its threads)")
        }
        if let start = f.processStart, let scan = f.scanInProcess {
            notes.append("where the time goes: starting the program (`backmap --version`) \(ms(start)); `SessionStore.scan()` in-process, index up to date, \(ms(scan))")
        }
        if let cpu = f.listCPU {
            notes.append("CPU time (user + system) of `backmap list`: \(ms(cpu))" + (f.trendsCPU.map { "; of trends: \(ms($0))" } ?? ""))
        }
        if let cold = f.listWithoutIndex {
            notes.append("`backmap list` with no summary index (every session file decoded, index rebuilt): \(ms(cold))")
        }
        if let move = f.moveCells, let mark = f.markCells {
            notes.append("cells changed on screen: \(move) for a cursor move, \(mark) for a mark")
        }
        if let move = f.moveRoundTrip, let mark = f.markRoundTrip {
            notes.append("key to last byte on the pty: \(ms(move)) for a move, \(ms(mark)) for a mark (includes the durable save)")
        }
        return notes
    }

    static func table(_ f: Figures) -> String {
        var lines = ["| measure (\(f.sessions) sessions) | median | target | met |", "| --- | ---: | --- | --- |"]
        for row in rows(f) {
            let met = row.met.map { $0 ? "yes" : "NO" } ?? "-"
            lines.append("| \(row.measure) | \(row.value) | \(row.target) | \(met) |")
        }
        return lines.joined(separator: "\n") + "\n" + notes(f).map { "\n- \($0)" }.joined() + "\n"
    }

    /// How first frame, list and trends grow with the number of sessions.
    static func scaling(_ all: [Figures]) -> String {
        var lines = ["| sessions | first frame | its CPU time | list | list CPU time | trends | list per session | list, no index | peak memory (first frame / list) |",
                     "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for f in all {
            let perSession = f.list.map { String(format: "%.1f µs", $0 * 1000 / Double(max(1, f.sessions))) } ?? "-"
            let trends = f.trends == nil ? "n/a" : ms(f.trends)
            lines.append("| \(f.sessions) | \(ms(f.firstFrame)) | \(ms(f.firstFrameCPU)) | \(ms(f.list)) | \(ms(f.listCPU)) | \(trends) | \(perSession) | \(ms(f.listWithoutIndex)) | \(mb(f.interactivePeakMB)) / \(mb(f.listPeakMB)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func ms(_ value: Double?) -> String { value.map { String(format: "%.1f ms", $0) } ?? "-" }
    static func us(_ value: Double?) -> String { value.map { String(format: "%.0f µs", $0) } ?? "-" }
    static func mb(_ value: Double?) -> String { value.map { String(format: "%.1f MB", $0) } ?? "-" }
    static func bytes(_ value: Double?) -> String { value.map { "\(Int($0)) B" } ?? "-" }

    private static func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
        guard let a, let b else { return nil }
        return (a, b)
    }
}
