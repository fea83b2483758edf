import Foundation
import Glibc
import Testing
@testable import BackMapCore

/// A fresh folder under the system temporary folder, removed again by `cleanUp`.
private func makeScratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("backmap-atomic-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private func cleanUp(_ url: URL) {
    // A test may have left the folder read-only; removal needs write permission back.
    _ = chmod(url.path, 0o700)
    try? FileManager.default.removeItem(at: url)
}

private func permissions(of url: URL) -> mode_t? {
    var info = stat()
    guard stat(url.path, &info) == 0 else { return nil }
    return info.st_mode & 0o7777
}

/// Names of hidden temporary files left in `folder`.
private func temporaries(in folder: URL) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.contains(".tmp-") }
}

/// A pid that no process has right now: pids near 2^22 are beyond most pid_max settings.
private func deadPID() -> pid_t? {
    for candidate in stride(from: pid_t(4_194_303), to: 4_194_200, by: -1) {
        if kill(candidate, 0) != 0, errno == ESRCH { return candidate }
    }
    return nil
}

@Suite("Atomic writes")
struct AtomicFileTests {
    @Test func writeCreatesFileWithExactContentAndMode0600() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let target = folder.appendingPathComponent("data.json")

        try AtomicFile.write(Data("{\"a\":1}".utf8), to: target)

        #expect(try Data(contentsOf: target) == Data("{\"a\":1}".utf8))
        #expect(permissions(of: target) == 0o600)
    }

    @Test func writeReplacesExistingContent() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let target = folder.appendingPathComponent("data.json")

        try AtomicFile.write(Data(repeating: 0x41, count: 100_000), to: target)
        try AtomicFile.write(Data("short".utf8), to: target)

        #expect(try Data(contentsOf: target) == Data("short".utf8))
    }

    @Test func writeOfEmptyDataCreatesEmptyFile() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let target = folder.appendingPathComponent("empty.json")

        try AtomicFile.write(Data(), to: target)

        #expect(try Data(contentsOf: target).isEmpty)
    }

    @Test func writeUsesTheRequestedMode() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let target = folder.appendingPathComponent("export.csv")

        try AtomicFile.write(Data("x".utf8), to: target, mode: 0o644)

        #expect(permissions(of: target) == 0o644)
    }

    @Test func writeLeavesNoTemporaryFilesBehind() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let target = folder.appendingPathComponent("data.json")

        for round in 0..<5 {
            try AtomicFile.write(Data("round \(round)".utf8), to: target)
        }

        #expect(temporaries(in: folder).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["data.json"])
    }

    @Test func failedWriteLeavesOldFileIntactAndNoTemporary() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let old = Data("old content that must survive".utf8)

        if geteuid() == 0 {
            // Root ignores folder permissions, so fail instead by writing beneath a regular file.
            let blocker = folder.appendingPathComponent("blocker")
            try AtomicFile.write(old, to: blocker)

            do {
                try AtomicFile.write(Data("new".utf8), to: blocker.appendingPathComponent("data.json"))
                Issue.record("writing beneath a regular file succeeded")
            } catch {
                #expect(error.errno == ENOTDIR)
            }
            #expect(try Data(contentsOf: blocker) == old)
        } else {
            let target = folder.appendingPathComponent("data.json")
            try AtomicFile.write(old, to: target)
            #expect(chmod(folder.path, 0o500) == 0)

            do {
                try AtomicFile.write(Data("new".utf8), to: target)
                Issue.record("writing into a read-only folder succeeded")
            } catch {
                #expect(error.errno == EACCES)
                #expect(error.path == target.path)
            }
            #expect(chmod(folder.path, 0o700) == 0)
            #expect(try Data(contentsOf: target) == old)
        }
        #expect(temporaries(in: folder).isEmpty)
    }

    @Test func failedRenameRemovesTheTemporaryFile() throws {
        // A non-empty folder at the target path makes the final rename fail, after the
        // temporary file was created and written; this works for root too.
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let target = folder.appendingPathComponent("data.json")
        try AtomicFile.ensureFolder(target)
        let inside = target.appendingPathComponent("keep.txt")
        try AtomicFile.write(Data("inside".utf8), to: inside)

        #expect(throws: FileSystemError.self) {
            try AtomicFile.write(Data("new".utf8), to: target)
        }

        #expect(try Data(contentsOf: inside) == Data("inside".utf8))
        #expect(temporaries(in: folder).isEmpty)
    }

    @Test func removeStaleTemporariesDeletesOnlyDeadWritersLeftovers() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let dead = try #require(deadPID())
        let ours = getpid()
        let names = [
            "stale": ".data.json.tmp-\(dead)-0123456789abcdef",
            "live": ".data.json.tmp-\(ours)-fedcba9876543210",
            "data": "data.json",
            "visibleLookalike": "data.json.tmp-\(dead)-abc",
            "notHex": ".data.json.tmp-\(dead)-xyz",
            "otherHidden": ".settings",
        ]
        for name in names.values {
            try AtomicFile.write(Data(name.utf8), to: folder.appendingPathComponent(name))
        }
        let staleFolder = folder.appendingPathComponent(".dir.tmp-\(dead)-abc")
        try AtomicFile.ensureFolder(staleFolder)

        let removed = AtomicFile.removeStaleTemporaries(in: folder)

        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(removed == 1)
        #expect(!left.contains(try #require(names["stale"])))
        let kept = Set(names.values).subtracting([try #require(names["stale"])])
        #expect(kept.isSubset(of: left))
        #expect(left.contains(staleFolder.lastPathComponent))
    }

    @Test func temporaryNamesAreRecognisedStrictly() {
        #expect(AtomicFile.temporaryOwner(".a.json.tmp-123-ff") == 123)
        #expect(AtomicFile.temporaryOwner(".my.tmp-file.tmp-42-0a") == 42)
        #expect(AtomicFile.temporaryOwner("a.json.tmp-123-ff") == nil)
        #expect(AtomicFile.temporaryOwner("..tmp-123-ff") == nil)
        #expect(AtomicFile.temporaryOwner(".a.tmp-12x-ff") == nil)
        #expect(AtomicFile.temporaryOwner(".a.tmp-123-") == nil)
        #expect(AtomicFile.temporaryOwner(".a.tmp-0-ff") == nil)
        #expect(AtomicFile.temporaryOwner(".a.tmp-123-ff-1") == nil)
    }

    @Test func ensureFolderCreatesMissingParentsWithMode0700() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let parent = folder.appendingPathComponent("a")
        let nested = parent.appendingPathComponent("b")

        try AtomicFile.ensureFolder(nested)

        #expect(permissions(of: parent) == 0o700)
        #expect(permissions(of: nested) == 0o700)
    }

    @Test func ensureFolderLeavesAnExistingFolderAlone() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let existing = folder.appendingPathComponent("shared")
        #expect(mkdir(existing.path, 0o755) == 0)
        #expect(chmod(existing.path, 0o755) == 0)

        try AtomicFile.ensureFolder(existing)

        #expect(permissions(of: existing) == 0o755)
    }

    @Test func ensureFolderRefusesAFileInTheWay() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let file = folder.appendingPathComponent("taken")
        try AtomicFile.write(Data(), to: file)

        #expect(throws: FileSystemError(operation: "create folder", path: file.path, errno: ENOTDIR)) {
            try AtomicFile.ensureFolder(file)
        }
    }
}

/// umask is per process, so the tests that change it run one at a time and restore it.
@Suite("Atomic writes under a umask", .serialized)
struct AtomicFileUmaskTests {
    @Test func writeKeepsMode0600EvenWithPermissiveUmask() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let previous = umask(0)
        defer { umask(previous) }

        try AtomicFile.write(Data("x".utf8), to: folder.appendingPathComponent("data.json"))

        #expect(permissions(of: folder.appendingPathComponent("data.json")) == 0o600)
    }

    @Test func writeKeepsRequestedModeEvenWithRestrictiveUmask() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let previous = umask(0o077)
        defer { umask(previous) }

        try AtomicFile.write(Data("x".utf8), to: folder.appendingPathComponent("export.csv"), mode: 0o644)

        #expect(permissions(of: folder.appendingPathComponent("export.csv")) == 0o644)
    }

    @Test func ensureFolderKeepsMode0700WhateverTheUmask() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let previous = umask(0)
        defer { umask(previous) }

        try AtomicFile.ensureFolder(folder.appendingPathComponent("open"))
        // Not 0o777: tests in other suites run meanwhile and must still be able to create folders.
        umask(0o077)
        try AtomicFile.ensureFolder(folder.appendingPathComponent("closed"))

        #expect(permissions(of: folder.appendingPathComponent("open")) == 0o700)
        #expect(permissions(of: folder.appendingPathComponent("closed")) == 0o700)
    }
}

@Suite("Bounded reads")
struct BoundedReadTests {
    @Test func readsASmallFileWhole() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let file = folder.appendingPathComponent("s.json")
        let content = Data((0..<200_000).map { UInt8($0 % 251) })
        try AtomicFile.write(content, to: file)

        #expect(try BoundedRead.data(at: file, limit: 4 << 20) == content)
    }

    @Test func readsAFileOfExactlyTheLimit() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let file = folder.appendingPathComponent("s.json")
        try AtomicFile.write(Data(repeating: 7, count: 1000), to: file)

        #expect(try BoundedRead.data(at: file, limit: 1000).count == 1000)
    }

    @Test func refusesAnOversizedFileWithoutReadingIt() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let file = folder.appendingPathComponent("huge.json")
        // Sparse, so the test is quick and uses no disk space.
        let fd = open(file.path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        try #require(fd >= 0)
        #expect(ftruncate(fd, 64 << 20) == 0)
        close(fd)

        do {
            _ = try BoundedRead.data(at: file, limit: 4 << 20, what: "a session file")
            Issue.record("an oversized file was read")
        } catch let error as BoundedRead.TooLarge {
            #expect(error.size == 64 << 20)
            #expect(error.limit == 4 << 20)
            #expect(error.description == "\(file.path) is 64.0 MB, more than the 4.0 MB a session file may be.")
        }
    }

    @Test func missingFileIsAFileSystemErrorWithENOENT() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let file = folder.appendingPathComponent("absent.json")

        #expect(throws: FileSystemError(operation: "read", path: file.path, errno: ENOENT)) {
            try BoundedRead.data(at: file, limit: 100)
        }
    }

    @Test func refusesAFolder() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }

        #expect(throws: BoundedRead.NotAFile(path: folder.path, kind: "a folder")) {
            try BoundedRead.data(at: folder, limit: 100)
        }
    }

    @Test func refusesAPipeWithoutBlocking() throws {
        let folder = try makeScratchFolder()
        defer { cleanUp(folder) }
        let fifo = folder.appendingPathComponent("pipe")
        try #require(mkfifo(fifo.path, 0o600) == 0)

        #expect(throws: BoundedRead.NotAFile(path: fifo.path, kind: "a pipe")) {
            try BoundedRead.data(at: fifo, limit: 100)
        }
    }

    @Test func sizesAreWrittenForPeople() {
        #expect(BoundedRead.readableSize(1) == "1 byte")
        #expect(BoundedRead.readableSize(900) == "900 bytes")
        #expect(BoundedRead.readableSize(1536) == "1.5 KB")
        #expect(BoundedRead.readableSize(4 << 20) == "4.0 MB")
        #expect(BoundedRead.readableSize(3 << 30) == "3.0 GB")
    }
}

@Suite("File system errors")
struct FileSystemErrorTests {
    @Test func descriptionIsOneActionableSentence() {
        let error = FileSystemError(operation: "write", path: "/x/y.json", errno: ENOSPC)
        #expect(error.description == "Could not write /x/y.json: No space left on device.")
        #expect(error.errno == ENOSPC)
    }
}
