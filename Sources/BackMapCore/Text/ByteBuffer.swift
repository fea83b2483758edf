import Foundation

/// Where text is written a few bytes at a time: an array of bytes, or a `ByteBuffer`.
/// Numbers, dates and cells are written through this, so one piece of code serves both.
protocol ByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append(bytes: UnsafeRawBufferPointer)
}

extension ByteSink {
    mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// A literal's bytes, without the retain and release a `String` costs on every cell.
    mutating func append(_ text: StaticString) {
        append(bytes: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func appendSpaces(_ count: Int) {
        for _ in 0..<Swift.max(0, count) { append(UInt8(ascii: " ")) }
    }
}

extension Array: ByteSink where Element == UInt8 {
    mutating func append(bytes: UnsafeRawBufferPointer) { append(contentsOf: bytes) }
}

/// Bytes appended without the checks an array makes on every append (that its storage is
/// not shared, and its capacity in a call of its own): the `list` table of ten years of
/// sessions is a few hundred thousand small pieces, and those checks cost more than the
/// pieces. A plain value over memory it allocates: whoever made it calls `free()` once.
struct ByteBuffer: ByteSink {
    private(set) var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }
    var last: UInt8? { count > 0 ? start[count - 1] : nil }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        start[count] = byte
        count += 1
    }

    mutating func append(bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        UnsafeMutableRawPointer(start + count).copyMemory(from: base, byteCount: bytes.count)
        count += bytes.count
    }

    mutating func appendSpaces(_ spaces: Int) {
        guard spaces > 0 else { return }
        if count + spaces > capacity { grow(to: count + spaces) }
        (start + count).update(repeating: UInt8(ascii: " "), count: spaces)
        count += spaces
    }

    /// `spaces` spaces before the bytes from `index` on (a figure set right once its width is known).
    mutating func insertSpaces(_ spaces: Int, at index: Int) {
        guard spaces > 0 else { return }
        precondition((0...count).contains(index), "insertSpaces past the end of a buffer")
        if count + spaces > capacity { grow(to: count + spaces) }
        memmove(start + index + spaces, start + index, count - index)
        (start + index).update(repeating: UInt8(ascii: " "), count: spaces)
        count += spaces
    }

    mutating func removeLast() {
        precondition(count > 0, "removeLast of an empty buffer")
        count -= 1
    }

    func free() { start.deallocate() }

    @inline(never)
    private mutating func grow(to needed: Int) {
        capacity = Swift.max(needed, 2 * capacity)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        moved.initialize(from: start, count: count)
        start.deallocate()
        start = moved
    }
}
