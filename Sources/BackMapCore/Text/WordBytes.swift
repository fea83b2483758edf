extension UInt64 {
    /// The high bit of each of the word's eight bytes that is not `byte`, and no other bit:
    /// exact for every byte, as no carry crosses from one byte into the next. What reading
    /// eight bytes at a time (the index's fields, a map's zones) looks for.
    @inline(__always)
    func highBits(ofBytesOtherThan byte: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let other = self ^ (UInt64(byte) &* ones)
        return ((other & (0x7F &* ones)) &+ (0x7F &* ones) | other) & (0x80 &* ones)
    }
}
