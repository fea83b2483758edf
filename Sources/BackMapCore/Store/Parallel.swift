import Dispatch
import Foundation

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

    /// Set by the caller's thread once it has seen `done`, which can be taken only once.
    private var finished = false

    /// Waits for the work and returns its result.
    func wait() -> Value? {
        if !finished {
            done.wait()
            finished = true
        }
        return result
    }

    /// The result if the work is done by `deadline` (by default without waiting); nil while it runs.
    func poll(until deadline: DispatchTime = .now()) -> Value? {
        if !finished {
            guard done.wait(timeout: deadline) == .success else { return nil }
            finished = true
        }
        return result
    }
}

/// Applies a transform to every element on all cores, for independent work such as
/// decoding many session files; small inputs are not worth the threads.
func parallelMap<Element, Result>(_ elements: [Element], minimumCount: Int = 16,
                                  _ transform: (Element) -> Result) -> [Result] {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    guard elements.count >= minimumCount, cores > 1 else { return elements.map(transform) }
    return withoutActuallyEscaping(transform) { transform in
        let work = ParallelWork(elements: elements, transform: transform)
        // More chunks than cores, so a core that finishes early takes another.
        let chunks = min(elements.count, cores * 4)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            work.run(chunk: chunk, of: chunks)
        }
        return work.collect()
    }
}

/// The shared state of one `parallelMap`: each result slot is written by exactly one
/// chunk, and `concurrentPerform` returns only after every chunk has finished, so no
/// slot is ever touched by two threads at once.
private final class ParallelWork<Element, Result>: @unchecked Sendable {
    private let elements: [Element]
    private let transform: (Element) -> Result
    private let slots: UnsafeMutableBufferPointer<Result?>

    init(elements: [Element], transform: @escaping (Element) -> Result) {
        self.elements = elements
        self.transform = transform
        slots = .allocate(capacity: elements.count)
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    func run(chunk: Int, of chunks: Int) {
        for index in stride(from: chunk, to: elements.count, by: chunks) {
            slots[index] = transform(elements[index])
        }
    }

    /// The results in order; a slot left empty (which cannot happen) is computed here rather than lost.
    func collect() -> [Result] {
        slots.indices.map { slots[$0] ?? transform(elements[$0]) }
    }
}

/// Makes parts `0..<count` on every core and hands each to `consume` in order, as soon as
/// the parts before it have been: for output too large to be worth holding whole (the
/// `list` table of a clinic's store), which starts going out while the rest is still
/// being made. A core holds one part at a time, so a part's memory is freed and reused
/// before the next. `consume` is never called on two threads at once.
func orderedParallel<Part>(_ count: Int, make: (Int) -> Part, consume: (Part) -> Void) {
    guard count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else {
        for index in 0..<count { consume(make(index)) }
        return
    }
    withoutActuallyEscaping(make) { make in
        withoutActuallyEscaping(consume) { consume in
            let work = OrderedWork(count: count, make: make, consume: consume)
            DispatchQueue.concurrentPerform(iterations: count) { work.run($0) }
        }
    }
}

/// The shared state of one `orderedParallel`: part `i` waits for `turns[i]`, which the
/// part before it signals once consumed. `concurrentPerform` hands out the parts in
/// increasing order, so the earliest part not yet consumed is always being made by a
/// core that waits on nothing later: no part waits for ever.
private final class OrderedWork<Part>: @unchecked Sendable {
    private let make: (Int) -> Part
    private let consume: (Part) -> Void
    private let turns: [DispatchSemaphore]

    init(count: Int, make: @escaping (Int) -> Part, consume: @escaping (Part) -> Void) {
        self.make = make
        self.consume = consume
        turns = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    }

    func run(_ index: Int) {
        let part = make(index)
        if index > 0 { turns[index].wait() }
        consume(part)
        if index + 1 < turns.count { turns[index + 1].signal() }
    }
}
