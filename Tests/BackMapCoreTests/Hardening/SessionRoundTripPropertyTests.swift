import TestSupport
import Foundation
import Testing
@testable import BackMapCore

/// Any valid session, however hostile its text, survives encode → decode exactly.
@Suite("Session round trip (property)")
struct SessionRoundTripPropertyTests {
    @Test(arguments: PropertySeeds.list(count: 300))
    func randomSessionsRoundTripThroughEncodeAndDecode(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let session = RandomSession.make(&random)
        #expect(session.validationProblem == nil, "seed \(seed) made an invalid session")

        let bytes = try SessionCodec.encode(session)
        let decoded: Session
        do {
            decoded = try SessionCodec.decode(bytes)
        } catch {
            Issue.record("seed \(seed): a session we wrote does not decode: \(error)")
            return
        }
        #expect(decoded == session, "seed \(seed): the decoded session differs")
        // Byte for byte, too: String equality is canonical equivalence, bytes are not.
        #expect(try SessionCodec.encode(decoded) == bytes, "seed \(seed): a second encode gives other bytes")
        #expect(decoded.map == session.map, "seed \(seed)")
        for pass in session.passes {
            #expect(decoded.map(pass: pass) == session.map(pass: pass), "seed \(seed), pass \(pass)")
        }
    }
}
