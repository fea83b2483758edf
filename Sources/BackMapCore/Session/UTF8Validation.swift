/// Strict UTF-8 for the JSON readers: no overlong forms, no surrogates, nothing
/// past U+10FFFF, no sequence cut short.
enum UTF8Validation {
    /// How long a sequence `lead` starts (2 to 4 bytes), or nil when no multi-byte sequence starts with it.
    @inline(__always)
    static func announcedLength(_ lead: UInt8) -> Int? {
        switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: nil
        }
    }

    /// The length of the well-formed multi-byte sequence at `index`, or nil.
    @inline(__always)
    static func sequenceLength<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes, at index: Int) -> Int? where Bytes.Index == Int {
        let lead = bytes[index]
        guard let length = announcedLength(lead), index + length <= bytes.endIndex else { return nil }
        // The lead's payload bits, and the smallest scalar that needs this many bytes.
        var scalar = UInt32(lead & (0xFF >> (length + 1)))
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        for k in 1..<length {
            let next = bytes[index + k]
            guard next & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return nil }
        return length
    }
}
