import Foundation
import Testing

/// Compares text with a golden file kept next to the tests, so a reviewer sees
/// a screen change as a diff of plain text.
///
/// A missing golden file is written and the test fails once, so nothing is
/// recorded silently; `RECORD_GOLDENS=1 swift test` rewrites them all.
func expectGolden(_ actual: String, named name: String,
                  filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("__Goldens__", isDirectory: true)
    let file = folder.appendingPathComponent(name + ".txt")
    let record = ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1"
    guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        if !record {
            Issue.record("Recorded a new golden file \(file.lastPathComponent); check it and run again.", sourceLocation: sourceLocation)
        }
        return
    }
    if expected != actual {
        let diff = lineDiff(expected: expected, actual: actual)
        Issue.record("Screen differs from \(file.lastPathComponent) (RECORD_GOLDENS=1 to accept):\n\(diff)", sourceLocation: sourceLocation)
    }
}

/// The lines that differ, marked - (golden) and + (now).
private func lineDiff(expected: String, actual: String) -> String {
    let old = expected.components(separatedBy: "\n")
    let new = actual.components(separatedBy: "\n")
    var out: [String] = []
    for index in 0..<max(old.count, new.count) {
        let a = index < old.count ? old[index] : "<none>"
        let b = index < new.count ? new[index] : "<none>"
        if a != b {
            out.append(String(format: "%3d - %@", index + 1, a))
            out.append(String(format: "%3d + %@", index + 1, b))
        }
    }
    return out.joined(separator: "\n")
}
