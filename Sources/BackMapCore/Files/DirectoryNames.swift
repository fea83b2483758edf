import Glibc

/// Names in a folder that start with a prefix, read with one `readdir` pass that
/// makes a string only for the names it keeps.
///
/// For folders that hold far more than we look for: the rescue copies live among
/// everything else in `/tmp` and `$HOME`, which are read at every start, and a
/// `/tmp` of thousands of entries made `FileManager` cost milliseconds there.
enum DirectoryNames {
    /// The names starting with `prefix`, in directory order; empty when the folder
    /// is missing or unreadable.
    static func starting(with prefix: String, in path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        let wanted = Array(prefix.utf8)
        var names: [String] = []
        while let entry = readdir(directory) {
            let name: String? = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: UInt8.self, capacity: 256) { bytes in
                    let length = strlen(UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self))
                    guard length >= wanted.count, memcmp(bytes, wanted, wanted.count) == 0 else { return nil }
                    return String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
                }
            }
            if let name { names.append(name) }
        }
        return names
    }
}
