import Foundation
import Glibc
import Testing
@testable import BackMapCore

/// The repository's top folder, found from this file's place in it.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent() // Support
    .deletingLastPathComponent() // BackMapCoreTests
    .deletingLastPathComponent() // Tests
    .deletingLastPathComponent()

/// The example store shipped under Assets/.
var exampleStoreURL: URL { repositoryRoot.appendingPathComponent("Assets/example-store", isDirectory: true) }

/// A time written as in a session file; a bad literal fails the test where it is used.
func time(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Timestamp {
    try #require(Timestamp(iso8601: text), "\(text) should parse", sourceLocation: sourceLocation)
}

func sessionID(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> SessionID {
    try #require(SessionID(text), "\(text) should be a valid id", sourceLocation: sourceLocation)
}

/// A mark at a fixed time, in pass 1 unless told.
func mark(_ side: Side, _ segment: Segment, _ tightness: Tightness?, pass: Int = 1,
          at: String = "2026-11-24T19:05:00+01:00", note: String? = nil) throws -> Mark {
    Mark(at: try time(at), pass: pass, zone: Zone(side, segment), tightness: tightness, note: note)
}

/// A map with `rated` zones rolled (in `Zone.all` order) whose ratings add up to `score`
/// (at most 3 a zone): every map a list's figures can show, by its count and score.
func mapWith(rated: Int, score: Int) -> BackMap {
    var map = BackMap()
    var left = score
    for zone in Zone.all.prefix(rated) {
        let rating = min(3, left)
        map[zone] = Tightness(rawValue: rating)
        left -= rating
    }
    return map
}

/// A session with a fixed id and start, holding `marks`.
func session(id: String = "20261124-190211-a3f9", startedAt: String = "2026-11-24T19:02:11+01:00",
             marks: [Mark] = []) throws -> Session {
    Session(id: try sessionID(id), startedAt: try time(startedAt), marks: marks)
}

/// Runs `body` with a fresh empty folder that is removed afterwards, whatever happens.
func withScratchFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("backmap-test-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer {
        // A test may have narrowed permissions; removal needs them back.
        if let enumerator = FileManager.default.enumerator(atPath: url.path) {
            for case let path as String in enumerator { _ = chmod(url.appendingPathComponent(path).path, 0o700) }
        }
        try? FileManager.default.removeItem(at: url)
    }
    return try body(url)
}

/// Permission bits of a file or folder.
func permissions(at url: URL) -> mode_t? {
    var info = stat()
    guard stat(url.path, &info) == 0 else { return nil }
    return info.st_mode & 0o7777
}
