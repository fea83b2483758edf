import Glibc

/// The environment backmap was started with, as a dictionary.
///
/// What `ProcessInfo.processInfo.environment` gives, read straight from `environ`:
/// Foundation's version splits every entry a Character at a time and costs about
/// 380,000 instructions a call, which the first frame paid three times. backmap
/// never changes its own environment, so it is read once.
public enum ProcessEnvironment {
    public static let current: [String: String] = read(environ)

    /// The `NAME=value` entries of a null-terminated list; the first of a repeated
    /// name wins, as with `getenv`, and an entry without `=` is skipped.
    static func read(_ list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> [String: String] {
        var result: [String: String] = [:]
        guard var entry = list else { return result }
        while let pointer = entry.pointee {
            let bytes = UnsafeRawBufferPointer(start: pointer, count: strlen(pointer))
            if let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(decoding: bytes[..<equals], as: UTF8.self)
                if result[name] == nil {
                    result[name] = String(decoding: bytes[(equals + 1)...], as: UTF8.self)
                }
            }
            entry += 1
        }
        return result
    }
}
