import BackMapCore
import Foundation
import Synchronization

/// Sessions built from a compact map, for the trends, export and import tests.
enum TransferFixtures {
    /// A map written per zone as 36 characters, left T1…S1 then right T1…S1, "." for unknown.
    /// `rows` gives only the first zones; the rest stay unknown.
    static func compact(_ rows: String) -> String {
        rows + String(repeating: ".", count: max(0, Zone.all.count - rows.count))
    }

    /// A session started `day` days after 2026-01-01 09:00 UTC+1, with one mark per known zone.
    static func session(day: Int, map rows: String, subject: String = "me", tags: [String] = [],
                        id: String? = nil, note: String? = nil, painBefore: Int? = nil, painAfter: Int? = nil) -> Session {
        let start = 1_767_254_400 + day * 86_400 // 2026-01-01T09:00:00+01:00
        let startedAt = Timestamp(date: Date(timeIntervalSince1970: TimeInterval(start)), utcOffset: 3_600)
        let map = BackMap(compact: compact(rows))
        var marks: [Mark] = []
        for (offset, zone) in Zone.rollingOrder.enumerated() {
            guard let value = map[zone] else { continue }
            let at = Timestamp(date: Date(timeIntervalSince1970: TimeInterval(start + 60 + offset * 5)), utcOffset: 3_600)
            marks.append(Mark(at: at, pass: 1, zone: zone, tightness: value))
        }
        let sessionID = id.flatMap(SessionID.init) ?? SessionID.make(at: startedAt, random: { UInt16(truncatingIfNeeded: day * 7 + 1) })
        return Session(id: sessionID, startedAt: startedAt, subject: subject, note: note, tags: tags, marks: marks)
            .with(painBefore: painBefore, painAfter: painAfter)
    }

    /// A fresh empty folder under the temporary directory, removed when the tests end.
    static func temporaryFolder(_ name: String = "backmap-transfer") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(getpid())-\(UInt32.random(in: 0 ... .max))", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        TemporaryFolders.removeAtExit(url)
        return url
    }

    /// Every file under `folder` with its bytes, to prove that nothing changed.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return files }
        for case let url as URL in walker {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            let relative = String(url.path.dropFirst(folder.path.count))
            files[relative] = isFolder.boolValue ? Data("<folder>".utf8) : (try? Data(contentsOf: url)) ?? Data()
        }
        return files
    }
}

extension Session {
    func with(painBefore: Int?, painAfter: Int?) -> Session {
        var copy = self
        copy.painBefore = painBefore
        copy.painAfter = painAfter
        return copy
    }
}

/// Folders the tests made under the temporary directory, removed when the test process
/// exits: the helpers hand them out inline, so no test could remove its own.
enum TemporaryFolders {
    private static let folders = Mutex<[URL]>([])
    private static let removal: Void = {
        atexit {
            for url in TemporaryFolders.folders.withLock({ $0 }) { try? FileManager.default.removeItem(at: url) }
        }
    }()

    static func removeAtExit(_ url: URL) {
        _ = removal
        folders.withLock { $0.append(url) }
    }
}
