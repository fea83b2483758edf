import Foundation
import Glibc
import Testing
@testable import BackMapCore

@Suite("Huge pages for reads of megabytes")
struct HugePagesTests {
    /// A kernel built without transparent huge pages refuses the advice, and nothing changes.
    private let advised = FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage/enabled")

    /// The kernel's flags for the mapping holding `address` ("hg": huge pages advised).
    private func flags(at address: UnsafeRawPointer) throws -> [Substring] {
        // Read to the end by hand: a file in /proc says it is empty, so readers that trust its size get nothing.
        let fd = open("/proc/self/smaps", O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while case let got = chunk.withUnsafeMutableBytes({ read(fd, $0.baseAddress, $0.count) }), got > 0 {
            bytes += chunk[..<got]
        }
        let maps = String(decoding: bytes, as: UTF8.self)
        let target = UInt(bitPattern: Int(bitPattern: address))
        var inside = false
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if let range = fields.first, range.contains("-"), fields.count > 4 {
                let ends = range.split(separator: "-").compactMap { UInt($0, radix: 16) }
                inside = ends.count == 2 && ends[0] <= target && target < ends[1]
            } else if inside, line.hasPrefix("VmFlags:") {
                return fields.dropFirst().map { $0 }
            }
        }
        return []
    }

    @Test func onlyWholeHugePagesInsideARegionAreAdvised() throws {
        let length = 8 << 20
        let mapped = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        let base = try #require(mapped == UnsafeMutableRawPointer(bitPattern: -1) ? nil : mapped)
        defer { munmap(base, length) }
        let aligned = base + (HugePages.size - Int(bitPattern: base) % HugePages.size) % HugePages.size
        // A region from just after one boundary to just before the third: only the page between is whole.
        let start = aligned + 4096
        HugePages.advise(start, count: 3 * HugePages.size - 8192)
        #expect(try !flags(at: aligned).contains("hg"))
        #expect(try !flags(at: start).contains("hg"))
        #expect(try flags(at: aligned + HugePages.size).contains("hg") == advised)
        #expect(try flags(at: aligned + 2 * HugePages.size - 1).contains("hg") == advised)
        #expect(try !flags(at: aligned + 2 * HugePages.size).contains("hg"))
        // Less than one huge page: nothing to advise.
        HugePages.advise(aligned + 3 * HugePages.size + 4096, count: HugePages.size - 4096)
        #expect(try !flags(at: aligned + 3 * HugePages.size + 4096).contains("hg"))
    }
}
