import Glibc
import Testing
@testable import BackMapCore

@Suite("ProcessEnvironment")
struct ProcessEnvironmentTests {
    /// Reads a C list of `NAME=value` strings as `environ` holds them.
    private func read(_ entries: [String]) -> [String: String] {
        var pointers: [UnsafeMutablePointer<CChar>?] = entries.map { strdup($0) }
        pointers.append(nil)
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeMutableBufferPointer { ProcessEnvironment.read($0.baseAddress) }
    }

    @Test func namesAndValuesSplitAtTheFirstEqualsSign() {
        #expect(read(["HOME=/home/a", "EMPTY=", "EQUATION=a=b", "UNICODE=Zoë · 漢"])
            == ["HOME": "/home/a", "EMPTY": "", "EQUATION": "a=b", "UNICODE": "Zoë · 漢"])
    }

    @Test func theFirstOfARepeatedNameWinsAsWithGetenvAndAnEntryWithoutEqualsIsSkipped() {
        #expect(read(["TERM=xterm", "NOEQUALS", "TERM=dumb"]) == ["TERM": "xterm"])
        #expect(read([]) == [:])
        #expect(ProcessEnvironment.read(nil) == [:])
    }

    @Test func theProcessEnvironmentIsWhatGetenvSees() {
        let current = ProcessEnvironment.current
        #expect(!current.isEmpty)
        for (name, value) in current {
            #expect(getenv(name).map { String(cString: $0) } == value, "\(name)")
        }
    }
}
