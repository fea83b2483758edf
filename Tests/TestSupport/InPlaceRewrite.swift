import Foundation
import Glibc

/// Why `rewriteInPlaceKeepingSizeAndTime` could not do what it promises.
public struct InPlaceRewriteFailure: Error, CustomStringConvertible {
    public let description: String
}

/// Rewrites a session file in place (same inode) with text of the same length, then sets
/// its modification time back: only the change time tells the new content from the old,
/// as after an edit by a tool that keeps both (`cp -p` over it, `touch -r`). Throws when
/// `change` keeps the text or changes its length, or when the file ends up with another
/// inode, size or modification time.
public func rewriteInPlaceKeepingSizeAndTime(_ url: URL, _ change: (String) -> String) throws {
    func failure(_ what: String) -> InPlaceRewriteFailure {
        InPlaceRewriteFailure(description: "\(url.path): \(what) (\(String(cString: strerror(errno))))")
    }
    var before = stat()
    guard stat(url.path, &before) == 0 else { throw failure("no stat before") }
    let text = try String(contentsOf: url, encoding: .utf8)
    let bytes = Array(change(text).utf8)
    guard bytes.count == text.utf8.count, bytes != Array(text.utf8) else {
        throw InPlaceRewriteFailure(description: "the change must keep the length and change the text")
    }
    let fd = open(url.path, O_WRONLY)
    guard fd >= 0 else { throw failure("cannot open") }
    let written = pwrite(fd, bytes, bytes.count, 0)
    close(fd)
    guard written == bytes.count else { throw failure("short write") }
    var times = [before.st_atim, before.st_mtim]
    guard utimensat(AT_FDCWD, url.path, &times, 0) == 0 else { throw failure("cannot set the time back") }
    var after = stat()
    guard stat(url.path, &after) == 0, after.st_ino == before.st_ino, after.st_size == before.st_size,
          after.st_mtim.tv_sec == before.st_mtim.tv_sec, after.st_mtim.tv_nsec == before.st_mtim.tv_nsec
    else { throw failure("inode, size or time changed") }
}
