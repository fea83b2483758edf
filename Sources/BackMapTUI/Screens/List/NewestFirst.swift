import BackMapCore

/// Sessions newest first, read from an array kept oldest first as a scan gives it.
///
/// The home screen holds every session of the store; turning a scan of tens of
/// thousands of sessions round into a new array would copy each summary while the
/// scan still holds its own, and the screen takes a fresh scan every time the store
/// changes.
public struct NewestFirst: RandomAccessCollection, Equatable, Sendable {
    /// The same sessions, oldest first.
    public let oldestFirst: [SessionSummary]

    public init(oldestFirst: [SessionSummary]) {
        self.oldestFirst = oldestFirst
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { oldestFirst.count }
    public subscript(position: Int) -> SessionSummary { oldestFirst[oldestFirst.count - 1 - position] }
}
