import Foundation
import Testing
@testable import BackMapCore
@testable import BackMapTUI

/// The fixed clock every editor test uses.
let fixedNow = Timestamp(iso8601: "2026-11-24T19:05:00+01:00") ?? Timestamp(date: Date(timeIntervalSince1970: 0), utcOffset: 0)

/// A fixed 80×24 terminal at a fixed time.
let context80x24 = Context(now: fixedNow, width: 80, height: 24)

/// An empty session with a fixed id and start.
func emptySession(version: Int = 1) throws -> Session {
    let id = try #require(SessionID("20261124-190211-a3f9"))
    let start = try #require(Timestamp(iso8601: "2026-11-24T19:02:11+01:00"))
    var session = Session(id: id, startedAt: start)
    session.version = version
    return session
}

/// An editor on `emptySession()`.
func editor() throws -> EditorState {
    EditorState(session: try emptySession())
}

/// The one way tests press keys on any screen, through `update` as the runtime does.
extension Screen {
    /// Applies keys in order and returns the effect of each.
    @discardableResult
    mutating func press(_ keys: Key..., context: Context = context80x24) -> [Effect] {
        press(keys, context: context)
    }

    @discardableResult
    mutating func press(_ keys: [Key], context: Context = context80x24) -> [Effect] {
        keys.map { update(.key($0), context: context) }
    }

    /// Types text into whatever has the keyboard, one character at a time.
    @discardableResult
    mutating func type(_ text: String, context: Context = context80x24) -> [Effect] {
        press(text.map { .character($0) }, context: context)
    }
}
