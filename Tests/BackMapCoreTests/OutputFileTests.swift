import Foundation
import Glibc
import Testing
@testable import BackMapCore

/// Issue 9, item 6: `-o FILE` never turns a device, a FIFO or a link into a regular file.
@Suite struct OutputFileTests {
    private func kind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    @Test func aNewPathAndARegularFileGetTheAtomicReplaceWithMode0600() throws {
        try withScratchFolder { folder in
            let fresh = folder.appendingPathComponent("new.csv")
            try OutputFile.write(Data("a".utf8), to: fresh.path)
            #expect(try Data(contentsOf: fresh) == Data("a".utf8))
            #expect(permissions(at: fresh) == 0o600)

            let existing = folder.appendingPathComponent("old.csv")
            try Data("old".utf8).write(to: existing)
            _ = chmod(existing.path, 0o644)
            try OutputFile.write(Data("b".utf8), to: existing.path)
            #expect(try Data(contentsOf: existing) == Data("b".utf8))
            #expect(permissions(at: existing) == 0o600)
        }
    }

    @Test func aCharacterDeviceIsWrittenThroughAndStaysADevice() throws {
        try OutputFile.write(Data("health data".utf8), to: "/dev/null")
        #expect(kind("/dev/null") == S_IFCHR)
    }

    @Test func aDeviceThatIsFullIsAnErrorNamingIt() {
        #expect(throws: FileSystemError(operation: "write", path: "/dev/full", errno: ENOSPC)) {
            try OutputFile.write(Data("x".utf8), to: "/dev/full")
        }
        #expect(kind("/dev/full") == S_IFCHR)
    }

    @Test func aFIFOIsWrittenThroughToItsReader() throws {
        try withScratchFolder { folder in
            let fifo = folder.appendingPathComponent("pipe").path
            #expect(mkfifo(fifo, 0o600) == 0)
            let reader = Thread.detachedReader(fifo)
            try OutputFile.write(Data("through the pipe".utf8), to: fifo)
            #expect(reader.wait() == Data("through the pipe".utf8))
            #expect(kind(fifo) == S_IFIFO)
        }
    }

    @Test func aLinkToAFileIsRefusedAndNeitherIsChanged() throws {
        try withScratchFolder { folder in
            let file = folder.appendingPathComponent("real.csv")
            try Data("kept".utf8).write(to: file)
            let link = folder.appendingPathComponent("link.csv").path
            #expect(symlink(file.path, link) == 0)
            #expect(throws: OutputFile.Refused(path: link, reason: "it is a symbolic link; give the path of the file itself")) {
                try OutputFile.write(Data("x".utf8), to: link)
            }
            #expect(kind(link) == S_IFLNK)
            #expect(try Data(contentsOf: file) == Data("kept".utf8))

            let dangling = folder.appendingPathComponent("dangling.csv").path
            #expect(symlink(folder.appendingPathComponent("gone").path, dangling) == 0)
            #expect(throws: OutputFile.Refused.self) { try OutputFile.write(Data("x".utf8), to: dangling) }
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("gone").path))
        }
    }

    @Test func aFolderIsRefused() throws {
        try withScratchFolder { folder in
            #expect(throws: OutputFile.Refused(path: folder.path, reason: "it is a folder")) {
                try OutputFile.write(Data("x".utf8), to: folder.path)
            }
        }
    }
}

/// Reads a FIFO to its end on another thread.
private final class FIFOReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ path: String) {
        Thread.detachNewThread { [self] in
            let fd = open(path, O_RDONLY)
            var buffer = [UInt8](repeating: 0, count: 4096)
            while fd >= 0 {
                let count = read(fd, &buffer, buffer.count)
                if count <= 0 { break }
                data.append(contentsOf: buffer[0..<count])
            }
            if fd >= 0 { close(fd) }
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

private extension Thread {
    static func detachedReader(_ path: String) -> FIFOReader { FIFOReader(path) }
}
