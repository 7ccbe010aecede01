import Foundation

/// A first-in, first-out queue from Swift tasks to dedicated threads that block while it is empty.
///
/// Tasks never block on it: ``push(_:)`` only takes the lock for an append. The storage threads block in ``pop()``
/// or ``popAll()`` (a condition variable, not the cooperative pool). After ``close()`` the threads drain what is
/// queued and then get nil or an empty array, their signal to exit.
final class WorkQueue<Job>: @unchecked Sendable {
    // @unchecked Sendable: `jobs` and `closed` are only touched with `condition` locked, and a job is pushed as
    // `sending` and popped as `sending`, so it belongs to the pusher or to the one thread that popped it, never both.
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var closed = false

    /// Queues `job` and wakes one waiting thread. False (and the job dropped) when the queue is closed.
    func push(_ job: sending Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// The oldest job, waiting for one (at most `idle`, when given); nil once the queue is closed and empty, or
    /// when `idle` passed without a job (``isClosed`` tells which).
    func pop(idle: Duration? = nil) -> sending Job? {
        condition.lock()
        defer { condition.unlock() }
        wait(idle)
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }

    /// The oldest queued jobs, up to `limit`, waiting for at least one (at most `idle`, when given); empty once the
    /// queue is closed and empty, or when `idle` passed without a job (``isClosed`` tells which).
    func popAll(limit: Int = .max, idle: Duration? = nil) -> sending [Job] {
        condition.lock()
        defer { condition.unlock() }
        wait(idle)
        guard jobs.count > limit else {
            let all = jobs
            jobs = []
            return all
        }
        let first = Array(jobs.prefix(limit))
        jobs.removeFirst(limit)
        return first
    }

    /// Waits, with `condition` locked, until a job is queued, the queue closes, or `idle` passes.
    private func wait(_ idle: Duration?) {
        guard let idle else {
            while jobs.isEmpty && !closed { condition.wait() }
            return
        }
        let deadline = Date(timeIntervalSinceNow: Double(idle.components.seconds) + Double(idle.components.attoseconds) / 1e18)
        while jobs.isEmpty && !closed {
            if !condition.wait(until: deadline) { return }
        }
    }

    /// Whether ``close()`` was called.
    var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }

    /// Jobs waiting to be popped.
    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return jobs.count
    }

    /// Refuses new jobs and wakes every waiting thread; what is queued is still handed out.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
