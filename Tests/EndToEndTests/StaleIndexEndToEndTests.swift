import BackMapCore
import Foundation
import Glibc
import Testing
import TestSupport

/// The home screen is drawn from the summary index before the files are checked:
/// a file changed behind the index must still show, and rows from the index must
/// never stand beside checked rows without the "checking…" mark.
@Suite(.serialized) struct StaleIndexEndToEndTests {
    @Test func aFileRewrittenBehindTheIndexShowsOnTheHomeScreen() async throws {
        let folder = try TemporaryFolder("backmap-stale")
        let store = SessionStore(root: folder.appending("store"))
        let base = Date(timeIntervalSince1970: 1_790_000_000)
        var ids: [SessionID] = []
        for day in 0..<40 {
            let start = Timestamp(date: base.addingTimeInterval(Double(day) * 86_400), utcOffset: 0)
            var session = store.makeSession(at: start)
            session.marks = [Mark(at: start, pass: 1, zone: Zone.all[day % 36], tightness: .mild)]
            try store.save(session)
            ids.append(session.id)
        }
        // Files younger than two seconds are kept out of the index: scan until all are in it.
        let deadline = Date().addingTimeInterval(60)
        while SummaryIndex(contentsOf: store.indexFile).entries.count < 40 {
            #expect(Date() < deadline, "the index never took the 40 sessions")
            if Date() >= deadline { return }
            _ = store.scan()
            usleep(50_000)
        }

        // The newest session gets another subject in place: same inode, size and modification time.
        try rewriteInPlaceKeepingSizeAndTime(store.url(for: ids[39])) {
            $0.replacingOccurrences(of: "\"subject\" : \"me\"", with: "\"subject\" : \"yo\"")
        }

        let tmux = try await TmuxSession([], store: store.root, width: 100, height: 30)
        defer { tmux.close() }
        var marked = 0
        var mixed: [String] = []
        let screen = try await tmux.waitUntil("the checked list with the new subject") { screen in
            if screen.contains("checking") {
                marked += 1
                // Under the mark every row is the index's: the new subject is not among them.
                if screen.contains(" yo ") { mixed.append(screen) }
            }
            return screen.contains(" yo ") && !screen.contains("checking")
        }
        #expect(mixed.isEmpty, "new rows under the checking mark: \(mixed.first ?? "")")
        #expect(screen.contains("40 sessions"))
        try await tmux.send("q")
        _ = try await tmux.waitForExit()
        print("stale index: the checking mark was seen on \(marked) captures")
    }
}
