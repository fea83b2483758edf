// libFuzzer target for the session decoder: SessionCodec.decode, with the
// JSON syntax check and the limits in front of Foundation's decoder.
// Built by fuzz/run.sh with swiftc -sanitize=fuzzer,address over the Core sources.
//
// Besides crashes, hangs and memory errors it checks what decoding promises:
// a decoded session is valid, encodes, and decodes again to itself; its maps
// and summary can be derived; and whatever the syntax check accepts, Foundation's
// parser accepts too, so every broken file is reported with a line and column.
import Foundation
import Glibc

@_cdecl("LLVMFuzzerTestOneInput")
public func sessionDecoderFuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    // What our strict check accepts, Foundation must parse too: otherwise a broken
    // file would be reported without its line and column. (The other way round
    // is allowed: Foundation takes trailing commas, which RFC 8259 does not.)
    if JSONSyntax.firstError(in: data) == nil,
       (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) == nil {
        violated("the syntax check accepted what Foundation cannot parse")
    }
    let session: Session
    do {
        session = try SessionCodec.decode(data)
    } catch {
        // Every refusal reads as a sentence; it must not be empty.
        if error.description.isEmpty { violated("an empty error message") }
        return 0
    }
    if let problem = session.validationProblem { violated("decoded an invalid session: \(problem)") }
    let encoded: Data
    do {
        encoded = try SessionCodec.encode(session)
    } catch {
        violated("a decoded session does not encode: \(error)")
    }
    do {
        let again = try SessionCodec.decode(encoded)
        if again != session { violated("a decoded session does not survive encode and decode") }
        if try SessionCodec.encode(again) != encoded { violated("encoding is not stable") }
    } catch {
        violated("our own output does not decode: \(error)")
    }
    let summary = SessionSummary(session)
    _ = summary.map.score + summary.map.ratedCount + summary.map.tightCount
    for pass in session.passes.prefix(8) { _ = session.map(pass: pass).score }
    _ = session.map(throughMark: session.marks.count / 2)
    _ = TerminalText.width(of: TerminalText.sanitized(session.subject))
    _ = TerminalText.truncated(TerminalText.sanitized(session.note ?? ""), toWidth: 30)
    return 0
}

func violated(_ what: String) -> Never {
    FileHandle.standardError.write(Data("invariant violated: \(what)\n".utf8))
    abort()
}
