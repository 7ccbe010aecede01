import Foundation
import Synchronization

/// The one connection per process that `LISTEN`s on the cluster's channel (``PostgresCluster/channel``) and hands
/// what arrives to the engine's ``NotificationHub``, on a thread of its own (libpq blocks).
///
/// Started by the first handler registered (a command that never listens never opens it). When the connection
/// fails, it reconnects with back-off (0.1 s doubling to 5 s, real time: it waits for a server, not for the
/// application's logic). Whatever was sent while it was not listening is lost, so each time it starts listening
/// (the first time too: handlers may have cached what changed before) it delivers
/// ``DatabaseNotification/mayHaveMissed`` to every handler.
final class PostgresListener: Sendable {
    private let hub: NotificationHub
    private let thread = StorageThreads()
    private let state = Mutex(State())

    private struct State {
        var started = false
        var closed = false
    }

    init(hub: NotificationHub) {
        self.hub = hub
    }

    /// Starts the thread unless it runs (or the listener was closed); `connection` is handed to it.
    func start(_ connection: @escaping @Sendable () -> PostgresConnection) {
        let start = state.withLock { state -> Bool in
            defer { state.started = true }
            return !state.started && !state.closed
        }
        guard start else { return }
        thread.start("postgres-listener") { [self] in run(connection()) }
    }

    /// Stops the thread (within a poll interval) and returns once it ended.
    func close() async {
        state.withLock { $0.closed = true }
        await thread.waitUntilEnded()
    }

    private var isClosed: Bool { state.withLock { $0.closed } }

    private func run(_ connection: PostgresConnection) {
        let channel = connection.options.cluster.channel
        var listening = false
        var backoff = 0.1
        while !isClosed {
            do {
                if !listening {
                    try connection.connectIfNeeded()
                    try connection.listen(channel)
                    listening = true
                    backoff = 0.1
                    hub.deliverMayHaveMissed()
                }
                let payloads = try connection.awaitNotifications(timeoutMilliseconds: 100)
                hub.deliver(payloads.compactMap(PostgresCluster.decode))
            } catch {
                listening = false
                connection.disconnect()
                pause(seconds: backoff)
                backoff = min(backoff * 2, 5)
            }
        }
        connection.disconnect()
    }

    /// Sleeps `seconds` on this thread, in short steps so that ``close()`` is not held up.
    private func pause(seconds: Double) {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while !isClosed, Date() < deadline { Thread.sleep(forTimeInterval: min(0.1, max(0, deadline.timeIntervalSinceNow))) }
    }
}
