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
    // The hand-written decoder against Foundation's Codable path, which it replaced: what
    // Foundation reads (within the limits) it must read alike, but for the text of numbers
    // in unknown keys, which it now keeps as written.
    let foundation = JSONSyntax.firstError(in: data) == nil ? try? JSONDecoder().decode(Session.self, from: data) : nil
    let session: Session
    do {
        session = try SessionCodec.decode(data)
    } catch {
        // Every refusal reads as a sentence; it must not be empty.
        if error.description.isEmpty { violated("an empty error message") }
        if let foundation, foundation.validationProblem == nil, !hasDuplicateKeys(data) {
            violated("Foundation reads what the decoder refuses: \(error)")
        }
        return 0
    }
    if let foundation, !hasDuplicateKeys(data), withoutExtras(foundation) != withoutExtras(session) {
        violated("the decoder and Foundation read different sessions")
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

/// The session without the keys this version does not know, whose numbers Foundation rounds.
func withoutExtras(_ session: Session) -> Session {
    var copy = session
    copy.extra = [:]
    for index in copy.marks.indices { copy.marks[index].extra = [:] }
    return copy
}

/// Whether some object repeats a key: which one wins is not specified by JSON.
func hasDuplicateKeys(_ data: Data) -> Bool {
    func check(_ value: Any) -> Bool { false }
    // Foundation's parser keeps the last; count raw keys against parsed ones at each level.
    guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return false }
    let text = String(decoding: data, as: UTF8.self)
    var parsedKeys = 0
    func count(_ value: Any) {
        if let dictionary = value as? [String: Any] {
            parsedKeys += dictionary.count
            dictionary.values.forEach(count)
        } else if let array = value as? [Any] {
            array.forEach(count)
        }
    }
    count(object)
    // A key is a string followed by ':' outside strings; count those in the raw text.
    var rawKeys = 0
    var inString = false
    var escaped = false
    var lastStringEnded = false
    for character in text.unicodeScalars {
        if inString {
            if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false; lastStringEnded = true }
            continue
        }
        if character == "\"" { inString = true; lastStringEnded = false; continue }
        if character == ":" && lastStringEnded { rawKeys += 1 }
        if !" \t\r\n".unicodeScalars.contains(character) { lastStringEnded = false }
    }
    return rawKeys != parsedKeys
}
