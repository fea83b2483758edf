// libFuzzer target for the summary index reader: `SummaryIndex(decoding:)`, the block
// reader a scan uses (`entriesInOrder`) and the head reader of the home screen
// (`recent`), over whatever bytes an index file may hold after a crash, a sync tool
// or a hand edit. Built by fuzz/run.sh with swiftc -sanitize=fuzzer,address.
//
// Besides crashes, hangs and memory errors it checks what the index promises: the
// three readers agree, a damaged line is left out rather than misread (whatever is
// read encodes and reads back to itself), and the head reader gives the newest entries.
import Foundation
import Glibc

let scratch = FileManager.default.temporaryDirectory
    .appendingPathComponent("backmap-index-fuzz-\(getpid()).index")

@_cdecl("LLVMFuzzerTestOneInput")
public func summaryIndexFuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    let index = SummaryIndex(decoding: data)

    // What was read encodes, and the encoding reads back to the same entries.
    let encoded = index.encoded()
    if SummaryIndex(decoding: encoded) != index { violated("an index read from bytes does not survive encode and decode") }
    if SummaryIndex(decoding: encoded).encoded() != encoded { violated("encoding is not stable") }

    // The block reader a scan uses reads the same entries from a file (the last of a name wins).
    guard (try? data.write(to: scratch)) != nil else { return 0 }
    let columns = SummaryIndex.entriesInOrder(contentsOf: scratch)
    var byName: [String: SummaryIndex.Entry] = [:]
    for (stamp, summary) in zip(columns.stamps, columns.summaries) {
        byName[summary.id.rawValue + ".json"] = SummaryIndex.Entry(stamp: stamp, summary: summary)
    }
    if byName != index.entries { violated("the block reader and the whole-file reader read different entries") }

    // The head reader gives the first entries of the file, at most `limit`.
    for limit in [1, 3, 200] {
        guard let recent = SummaryIndex.recent(at: scratch, limit: limit) else {
            if !columns.summaries.isEmpty { violated("the head reader found no index where the block reader found entries") }
            continue
        }
        if recent.summaries.count > limit { violated("the head reader gave more than \(limit) entries") }
        let head = recent.summaries
        if head != Array(columns.summaries.prefix(head.count)) { violated("the head reader's entries are not the file's first") }
    }
    return 0
}

func violated(_ what: String) -> Never {
    FileHandle.standardError.write(Data("invariant violated: \(what)\n".utf8))
    abort()
}
