// libFuzzer target for what people type on the command line: SessionRef
// (id, prefix, last, last~N, YYYY-MM-DD) and the ISO 8601 Timestamp parser.
// Built by fuzz/run.sh with swiftc -sanitize=fuzzer,address over the Core sources.
//
// Checks: no crash or hang; a parsed timestamp prints and parses back to
// itself; a resolved ref names one of the sessions; every error message is
// free of control characters, whatever was typed.
import Foundation
import Glibc

/// A small store's worth of summaries to resolve refs against: two on one day, one alone.
let summaries: [SessionSummary] = {
    let ids = ["20261124-190211-a3f9", "20261124-201500-0b1c", "20261125-080000-ffff", "x"]
    return ids.enumerated().compactMap { index, text in
        guard let id = SessionID(text), let time = Timestamp(iso8601: "2026-11-2\(4 + index / 2)T1\(index):00:00+01:00") else { return nil }
        return SessionSummary(Session(id: id, startedAt: time))
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func refParserFuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)

    if let time = Timestamp(iso8601: text) {
        guard let again = Timestamp(iso8601: time.description) else { violated("\(time) does not parse back") }
        if again != time || again.description != time.description { violated("\(text) → \(time) → \(again)") }
        _ = time.day + time.clock
    }
    _ = SessionID(text)

    if let ref = SessionRef(text) {
        do {
            let found = try ref.resolve(in: summaries)
            if !summaries.contains(found) { violated("resolved to a session not in the list") }
        } catch {
            checkSafe(error.description)
        }
    } else {
        checkSafe(RefError.malformed(text).description)
    }
    return 0
}

func checkSafe(_ message: String) {
    if message.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) }) {
        violated("an error message carries a control character: \(message.debugDescription)")
    }
}

func violated(_ what: String) -> Never {
    FileHandle.standardError.write(Data("invariant violated: \(what)\n".utf8))
    abort()
}
