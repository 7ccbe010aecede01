/// A ``Service`` made of closures, for the two shapes the server's background work comes in: a loop that runs
/// until its task is cancelled, and something started and stopped by calls (a dispatcher, a listening socket).
public struct BackgroundService: Service {
    public let name: String
    private let body: @Sendable () async throws -> Void

    /// A service whose work is `body`, a loop that returns once its task is cancelled.
    public init(_ name: String, run body: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.body = body
    }

    public func run() async throws { try await body() }

    /// A service that calls `start`, waits until it is cancelled, then calls `stop`. `stop` runs to its end although
    /// the task is cancelled by then, so it may still wait (a drain with a deadline, a last write).
    public static func started(
        _ name: String, start: @escaping @Sendable () async throws -> Void, stop: @escaping @Sendable () async -> Void
    ) -> BackgroundService {
        BackgroundService(name) {
            try await start()
            await waitUntilCancelled()
            await Task { await stop() }.value
        }
    }
}

/// Suspends until the current task is cancelled (at once if it already is).
public func waitUntilCancelled() async {
    let (stream, continuation) = AsyncStream.makeStream(of: Never.self)
    await withTaskCancellationHandler {
        for await _ in stream {}
    } onCancel: {
        continuation.finish()
    }
}

extension BackgroundService {
    /// A loop that runs on one process at a time among those sharing `database`: `body` runs while this process holds
    /// the lease named after the service (``Database/whileHolding(lease:retry:_:)``), and another process takes over
    /// within about a second of the holder's death. On SQLite (one process per file) it simply runs.
    public static func leased(_ name: String, on database: Database, run body: @escaping @Sendable () async -> Void) -> BackgroundService {
        BackgroundService(name) { await database.whileHolding(lease: "service.\(name)", body) }
    }
}
