import Foundation

/// Where the store lives: `--store DIR`, else `$BACKMAP_HOME`, else
/// `$XDG_DATA_HOME/backmap`, else `~/.local/share/backmap`.
public enum StoreLocation {
    public static func resolve(explicit: String?, environment: [String: String] = ProcessEnvironment.current) -> URL {
        func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        if let path = nonEmpty(explicit) { return URL(fileURLWithPath: expandTilde(path, environment)) }
        if let path = nonEmpty(environment["BACKMAP_HOME"]) { return URL(fileURLWithPath: expandTilde(path, environment)) }
        // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
        if let path = nonEmpty(environment["XDG_DATA_HOME"]), path.hasPrefix("/") {
            return URL(fileURLWithPath: path).appendingPathComponent("backmap")
        }
        let home = nonEmpty(environment["HOME"]) ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/backmap")
    }

    private static func expandTilde(_ path: String, _ environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + path.dropFirst()
    }
}
