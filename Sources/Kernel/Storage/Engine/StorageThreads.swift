import CThreads
import Foundation
import Glibc
import Synchronization

/// The dedicated threads of one part of an engine (its writer, or its readers): the blocking database calls run on
/// them, never on Swift's cooperative pool. Closing the engine waits here until every one has ended and let its
/// connection go.
final class StorageThreads: Sendable {
    private let state = Mutex(State())

    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    /// How much a thread yields the CPU to the process's other threads.
    enum Priority: Sendable {
        /// The process's own scheduling priority: readers, whose callers wait on them.
        case normal
        /// Background work (the writer, the checkpointer) that runs ``backgroundNiceness`` nice levels below the
        /// request threads: when the CPU is short, reads and request handling go first and the writer's next group
        /// grows instead (one commit for more writes). In `scripts/bench-storage` on two cores, the list route's p99
        /// under a create load fell from 2.5× to 1.6–2.0× its idle p99, and creates alone kept their rate; writes that
        /// share a saturated CPU with reads pay for it, with fewer per second and a longer wait (BENCHMARKS.md).
        case background
    }

    /// Nice levels a ``Priority/background`` thread runs below the process. Linux's CFS weighs each level about 1.25×:
    /// at five a busy request thread gets about three times the writer's share. Ten protected reads as well but
    /// starved the writes that wait on it: four clients creating users beside a list load that saturated the CPU saw
    /// their p99 go from 8–9 ms (no offset) to 19–28 ms at ten, against 9–13 ms at five.
    static let backgroundNiceness: Int32 = 5

    /// Starts a thread named `name` that runs `body` once and ends.
    func start(_ name: String, priority: Priority = .normal, _ body: @escaping @Sendable () -> Void) {
        state.withLock { $0.running += 1 }
        let thread = Thread { [self] in
            // Foundation's name stays inside Foundation on Linux; this one is what `top -H` and `perf` show.
            _ = cthreads_name_current_thread(name)
            if priority == .background { Self.lowerPriority() }
            body()
            ended()
        }
        thread.name = name
        thread.start()
    }

    /// Moves the calling thread ``backgroundNiceness`` levels below the process (on Linux a nice value belongs to each
    /// thread, and `setpriority` on process 0 sets the caller's). A refusal leaves the thread at the normal priority.
    private static func lowerPriority() {
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        errno = 0
        let current = getpriority(which, 0)
        guard errno == 0 else { return }
        _ = setpriority(which, 0, min(current + backgroundNiceness, 19))
    }

    /// Returns once every thread started here has ended (at once when none runs).
    func waitUntilEnded() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ended = state.withLock { state in
                if state.running == 0 { return true }
                state.waiting.append(continuation)
                return false
            }
            if ended { continuation.resume() }
        }
    }

    private func ended() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.running -= 1
            guard state.running == 0 else { return [] }
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}
