/// The in-process durable event bus: the only way domain modules talk to each other.
///
/// Publishers append events to the outbox inside their own write transaction (``Transaction/publish(_:)``). After
/// commit, the bus wakes every subscriber; each reads the outbox from its own durable checkpoint, in sequence
/// order, so a slow, blocked or failing subscriber holds up nobody else and catches up later. Delivery is
/// at least once; handlers dedupe by event id.
public actor EventBus {
    /// A subscriber's progress, for `/readyz`, `/metrics` and tests.
    public struct SubscriberStatus: Sendable, Equatable {
        public let name: String
        public let checkpoint: Int64
        /// Events committed but not yet processed by this subscriber.
        public let lag: Int64
        public let consecutiveFailures: Int
        public let totalFailures: Int
        public let lastError: String?
    }

    private let database: Database
    private let logger: Logger
    private let backoff: RetryBackoff
    private let batchSize: Int
    private let coalescingWindow: Duration
    private var runners: [SubscriberRunner] = []
    private var tasks: [Task<Void, Never>] = []
    public private(set) var isRunning = false

    /// - Parameter coalescingWindow: after a partial batch, how long a subscriber lets new events gather before its
    ///   next transaction (group commit: one checkpoint write for many events under load; adds at most this much
    ///   latency, and none when the bus is idle).
    public init(
        database: Database, logger: Logger = .discard, backoff: RetryBackoff = RetryBackoff(), batchSize: Int = 512,
        coalescingWindow: Duration = .milliseconds(1)
    ) {
        self.coalescingWindow = coalescingWindow
        self.database = database
        self.logger = logger
        self.backoff = backoff
        self.batchSize = batchSize
    }

    /// Registers a handler. Names must be unique. Call before ``start()``.
    public func subscribe(_ handler: any EventHandler) {
        precondition(!isRunning, "subscribe before the bus starts")
        precondition(!runners.contains { $0.handler.name == handler.name }, "duplicate subscriber \(handler.name)")
        runners.append(SubscriberRunner(
            handler: handler, database: database, backoff: backoff, batchSize: batchSize,
            coalescingWindow: coalescingWindow, logger: logger))
    }

    /// Starts feeding every subscriber, beginning from its durable checkpoint.
    public func start() async {
        guard !isRunning else { return }
        isRunning = true
        let signals = runners.map(\.signal)
        database.onCommit { _ in for signal in signals { signal.notify() } }
        // Commits of other processes (PostgreSQL replicas), and a listener that may have missed some.
        database.onNotification(Outbox.wakeChannel) { _ in for signal in signals { signal.notify() } }
        tasks = runners.map { runner in Task { await runner.run() } }
    }

    /// Stops every subscriber after its current batch. Checkpoints are already durable.
    public func stop() async {
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        tasks = []
        isRunning = false
    }

    /// Publishes one event in a transaction of its own (for tests and for events with no state change).
    @discardableResult
    public func publish(_ event: NewEvent) async throws -> Event {
        try await database.write { try $0.publish(event) }
    }

    /// Waits until the named subscribers (all when nil) have processed every event committed before the call; throws
    /// `CancellationError` as soon as the calling task is cancelled.
    public func drain(_ names: Set<String>? = nil) async throws {
        let head = try await database.read { try Outbox.head($0) }
        for runner in runners where names?.contains(runner.handler.name) ?? true {
            try await runner.wait(until: head)
        }
    }

    /// Progress and health of every subscriber.
    public func status() async throws -> [SubscriberStatus] {
        let head = try await database.read { try Outbox.head($0) }
        var result = [SubscriberStatus]()
        for runner in runners {
            let checkpoint = await runner.checkpoint
            result.append(SubscriberStatus(
                name: runner.handler.name, checkpoint: checkpoint, lag: head - checkpoint,
                consecutiveFailures: await runner.consecutiveFailures, totalFailures: await runner.totalFailures,
                lastError: await runner.lastError))
        }
        return result
    }

    /// Deletes outbox rows every subscriber has finished and that are older than `retention` (at least 30 days
    /// by default: the events API and replays read them). Returns how many were deleted.
    @discardableResult
    public func prune(retention: Duration = .seconds(30 * 86_400)) async throws -> Int {
        let names = runners.map(\.handler.name)
        return try await database.write { tx in try Outbox.prune(subscribers: names, olderThan: tx.now - retention, tx) }
    }
}
