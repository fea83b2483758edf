extension ByteSink {
    /// Appends `value` in decimal, zero-padded to at least `digits` digits after any sign.
    ///
    /// Reports and the summary index write numbers for every session of a store; going
    /// through `String(value)` and interpolation cost more than the rest of their rows.
    mutating func appendDecimal(_ value: Int, digits: Int = 1) {
        if value < 0 { append(UInt8(ascii: "-")) }
        appendDecimal(value.magnitude, digits: digits)
    }

    mutating func appendDecimal(_ value: Int64, digits: Int = 1) {
        appendDecimal(Int(value), digits: digits)
    }

    mutating func appendDecimal(_ value: UInt64, digits: Int = 1) {
        appendDecimal(UInt(value), digits: digits)
    }

    mutating func appendDecimal(_ value: UInt, digits: Int = 1) {
        // Most numbers in a report are one or two digits (days, hours, counts, pain).
        if value < 100, digits <= 2 {
            if value >= 10 || digits == 2 { append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10)) }
            return append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10))
        }
        // The digits come out last first: into a small buffer on the stack, from its end,
        // then appended in one piece (division by the constant 10 compiles to a multiplication).
        var buffer: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &buffer) { scratch in
            var magnitude = value
            var start = scratch.count
            repeat {
                start -= 1
                scratch[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            let first = Swift.max(0, scratch.count - Swift.min(digits, scratch.count))
            while start > first {
                start -= 1
                scratch[start] = UInt8(ascii: "0")
            }
            // Byte by byte: a handful of bytes, where the generic `append(contentsOf:)` costs more.
            for index in start..<scratch.count { append(scratch[index]) }
        }
    }
}
