extension UInt64 {
    /// The high bit of each of the word's eight bytes that is not `byte`, and no other bit:
    /// exact for every byte, as no carry crosses from one byte into the next. What reading
    /// eight bytes at a time (the index's fields, a map's zones, strings) looks for.
    @inline(__always)
    func highBits(ofBytesOtherThan byte: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let other = self ^ (UInt64(byte) &* ones)
        return ((other & (0x7F &* ones)) &+ (0x7F &* ones) | other) & (0x80 &* ones)
    }

    /// The high bit of each byte that is an ASCII digit, and no other bit.
    @inline(__always)
    var highBitsOfDigits: UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        // Digits become 0–9: a byte is one when its high half is 0 and adding 6 to its low
        // half does not reach 16 (neither addition carries out of a byte).
        let lanes = self ^ (0x30 &* ones)
        let other = (lanes | ((lanes & (0x0F &* ones)) &+ (0x06 &* ones))) & (0xF0 &* ones)
        return ~(((other & (0x7F &* ones)) &+ (0x7F &* ones)) | other) & (0x80 &* ones)
    }

    /// The eight bytes at `pointer`, the first in the lowest bits whatever the machine.
    @inline(__always)
    static func bytes(at pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of each byte from 0x20 to 0x7F (neither a control character nor part
    /// of a multi-byte UTF-8 sequence), and no other bit; exact for every byte, as adding
    /// 0x60 to seven bits never carries out of a byte.
    @inline(__always)
    var highBitsOfPrintableASCII: UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        return ((self & (0x7F &* ones)) &+ (0x60 &* ones)) & ~self & (0x80 &* ones)
    }

    /// How many bytes come before the first whose high bit is clear in `highBits` (a word
    /// of high bits such as the above, every one set when all eight bytes qualify).
    @inline(__always)
    static func leadingQualifyingBytes(_ highBits: UInt64) -> Int {
        (~highBits & 0x8080_8080_8080_8080).trailingZeroBitCount >> 3
    }
}
