import BackMapCore
import Foundation

/// Shared by the test suites (a test target cannot see another's files).
///
/// The program's own seeded generator (SplitMix64, `SeededGenerator`), so a
/// property test that fails can be replayed exactly from the seed it prints.
public struct SeededRandom: RandomNumberGenerator {
    private var generator: SeededGenerator

    public init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    public mutating func next() -> UInt64 { generator.next() }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}

/// The seeds a property test runs: a fixed set so CI is reproducible, or the
/// one in `PROPERTY_SEED` to replay a failure, plus `PROPERTY_RUNS` more.
public enum PropertySeeds {
    public static func list(count: Int) -> [UInt64] {
        let environment = ProcessInfo.processInfo.environment
        if let text = environment["PROPERTY_SEED"], let seed = UInt64(text) { return [seed] }
        let runs = environment["PROPERTY_RUNS"].flatMap(Int.init) ?? count
        return (0..<UInt64(max(1, runs))).map { 0x5EED_0000 &+ $0 }
    }
}

