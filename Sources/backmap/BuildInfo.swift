import CBuildInfo

/// What `backmap --version` prints: the version, and the commit when the build knew it,
/// so a bug report says exactly which code ran.
enum BuildInfo {
    /// The one place the version is written; the man page and the release archive read it
    /// from `backmap --version`.
    static let version = "0.2.0"

    static var commit: String { String(cString: backmap_build_commit()) }

    static var versionLine: String {
        commit.isEmpty ? version : "\(version) (commit \(commit))"
    }
}
