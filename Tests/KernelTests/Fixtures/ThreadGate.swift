import Foundation

/// Holds storage threads inside their bodies until the test opens it. Blocking is what the test needs here: the
/// bodies run on the engine's own writer and reader threads, never on the cooperative pool.
final class ThreadGate: @unchecked Sendable {
    // @unchecked Sendable: `isOpen` is only touched with `condition` locked.
    private let condition = NSCondition()
    private var isOpen = false
    private let arrivals: AsyncStream<Void>
    private let arrived: AsyncStream<Void>.Continuation

    init() {
        (arrivals, arrived) = AsyncStream.makeStream()
    }

    /// Called on a storage thread: reports the arrival and waits until the gate is open.
    func block() {
        arrived.yield()
        condition.lock()
        while !isOpen { condition.wait() }
        condition.unlock()
    }

    /// Lets every held thread, and every later one, through.
    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until `count` threads have reached the gate (in all, since it was made).
    func waitForArrivals(_ count: Int = 1) async {
        var iterator = arrivals.makeAsyncIterator()
        for _ in 0..<count { _ = await iterator.next() }
    }
}
