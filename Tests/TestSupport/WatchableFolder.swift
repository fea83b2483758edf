import BackMapCore
import Foundation

/// A folder for scratch stores on a file system a `SessionsWatch` works on: the temporary
/// folder when it is one (ext4 here), else /dev/shm (tmpfs, also in containers whose /tmp
/// is an overlay); nil when neither is.
public let watchableScratchParent = [FileManager.default.temporaryDirectory, URL(fileURLWithPath: "/dev/shm")]
    .first(where: SessionsWatch.canWatch)
