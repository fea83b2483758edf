import Dispatch

/// Work started on another thread while the caller does something else, for the
/// two halves of a scan that do not depend on each other (stat'ing every session
/// file and decoding the summary index) on a machine with more than one core.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the worker before it signals `done`; read only after `done`.
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = work()
            self.done.signal()
        }
    }

    /// Waits for the work and returns its result.
    func wait() -> Value? {
        done.wait()
        return result
    }
}
