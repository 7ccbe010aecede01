import Foundation
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

    /// Starts a thread named `name` that runs `body` once and ends.
    func start(_ name: String, _ body: @escaping @Sendable () -> Void) {
        state.withLock { $0.running += 1 }
        let thread = Thread { [self] in
            body()
            ended()
        }
        thread.name = name
        thread.start()
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
