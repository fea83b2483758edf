/// A small seedable generator (SplitMix64) for the bootstrap, so the same store
/// gives the same intervals on every run and every machine.
///
/// The standard library's generator is random per process, and its
/// `random(in:)` helpers may change between Swift versions; here both the
/// stream and the way it picks an index are ours and fixed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An index in 0..<count (count > 0): the high half of a 64×64-bit product, which
    /// spreads the 64 random bits over the range with a bias below 2^-50 for any count here.
    public mutating func index(below count: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(count)).high)
    }

    /// A seed for one named stream, the same whatever else is computed: FNV-1a of the
    /// name mixed into `base`, so adding a tag never moves another tag's interval.
    public static func seed(_ base: UInt64, _ name: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return base ^ hash
    }
}
