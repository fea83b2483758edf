import Foundation
import Glibc
import Synchronization
import Testing
import BackMapCore

/// A fresh folder under the system temporary folder, removed by the caller.
private func makeLockFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("backmap-lock-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("File lock")
struct FileLockTests {
    @Test func secondAcquireOfAHeldLockIsRefusedAndNamesTheHolder() throws {
        let folder = try makeLockFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("backmap.lock")

        let first = try FileLock.acquire(at: path)
        defer { first.release() }

        do {
            let second = try FileLock.acquire(at: path)
            second.release()
            Issue.record("a held lock was acquired twice")
        } catch let busy as FileLock.Busy {
            #expect(busy.holderPID == getpid())
            #expect(busy.description.contains("process \(getpid())"))
            #expect(busy.description.contains(path.path))
        }
    }

    @Test func releaseLetsTheLockBeAcquiredAgain() throws {
        let folder = try makeLockFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("backmap.lock")

        let first = try FileLock.acquire(at: path)
        first.release()
        first.release()
        #expect(!first.isHeld)

        let second = try FileLock.acquire(at: path)
        #expect(second.isHeld)
        second.release()
    }

    @Test func droppingTheLastReferenceReleasesTheLock() throws {
        let folder = try makeLockFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("backmap.lock")

        do {
            let scoped = try FileLock.acquire(at: path)
            #expect(scoped.isHeld)
        }

        let again = try FileLock.acquire(at: path)
        again.release()
    }

    @Test func lockFileHoldsOurPidWithMode0600() throws {
        let folder = try makeLockFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("backmap.lock")
        // A longer leftover from an earlier holder must not garble the pid.
        try Data("99999999999999\n".utf8).write(to: path)

        let lock = try FileLock.acquire(at: path)
        defer { lock.release() }

        let text = try String(contentsOf: path, encoding: .utf8)
        #expect(text == "\(getpid())\n")
        var info = stat()
        #expect(stat(path.path, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o600)
    }

    @Test func lockHeldByAnotherProcessIsRefused() throws {
        let folder = try makeLockFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("backmap.lock")
        let flockTool = "/usr/bin/flock"
        try #require(FileManager.default.isExecutableFile(atPath: flockTool))

        // The shell locks through its own descriptor 9 and then becomes `sleep`, so the
        // lock holder is exactly the process we terminate, and it names itself like backmap would.
        let child = try ChildProcess("/bin/sh", ["-c", "exec 9>>\"$0\"; \(flockTool) 9; echo $$ > \"$0\"; exec sleep 30", path.path],
                                     environment: ProcessInfo.processInfo.environment)
        defer {
            child.kill(SIGTERM)
            _ = child.finish()
        }

        // Wait until the shell holds the lock and has named itself, without taking the
        // lock meanwhile: a release deletes the file, which would pull it from under the shell.
        let holder = "\(child.pid)\n"
        for _ in 0..<3_000 where (try? String(contentsOf: path, encoding: .utf8)) != holder {
            usleep(10_000)
        }
        #expect(throws: FileLock.Busy(path: path.path, holderPID: child.pid)) {
            try FileLock.acquire(at: path)
        }
    }

    @Test func releaseDeletesTheLockFile() throws {
        let folder = try makeLockFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("backmap.lock")

        let lock = try FileLock.acquire(at: path)
        #expect(FileManager.default.fileExists(atPath: path.path))
        lock.release()
        #expect(!FileManager.default.fileExists(atPath: path.path))
    }

    @Test func aLockWhoseFileWasDeletedMeanwhileIsTakenOnTheNewFile() throws {
        let folder = try makeLockFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("backmap.lock")

        // Many threads take and release the same lock at once; at every moment at most
        // one may believe it holds it, which the counter checks.
        let holders = Mutex(0)
        let overlaps = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<200 {
                guard let lock = try? FileLock.acquire(at: path) else { continue }
                let count = holders.withLock { value -> Int in value += 1; return value }
                if count > 1 { overlaps.withLock { $0 += 1 } }
                holders.withLock { $0 -= 1 }
                lock.release()
            }
        }
        #expect(overlaps.withLock { $0 } == 0)
        #expect(!FileManager.default.fileExists(atPath: path.path))
    }

    @Test func lockInAMissingFolderIsAFileSystemError() throws {
        let folder = try makeLockFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("absent").appendingPathComponent("backmap.lock")

        #expect(throws: FileSystemError(operation: "open the lock file", path: path.path, errno: ENOENT)) {
            try FileLock.acquire(at: path)
        }
    }
}
