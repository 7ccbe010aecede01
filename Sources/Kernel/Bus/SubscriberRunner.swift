/// Feeds one ``EventHandler`` from the outbox: reads the next batch after its checkpoint, applies it and moves the
/// checkpoint in one transaction, then sleeps until the next commit. Failures roll back and retry with back-off.
///
/// Runs only while this process holds the lease `bus.subscriber.<name>` (``Database/whileHolding(lease:retry:_:)``),
/// so that one replica at a time feeds a subscriber; another takes over from the durable checkpoint when the holder
/// dies. The checkpoint moves by compare-and-set from where the batch started: a runner that lost its lease without
/// noticing cannot apply a batch a second time; its transaction fails, and it goes back to waiting for the lease.
/// A replica that does not hold the lease sees its ``checkpoint`` only when it takes the lease.
actor SubscriberRunner {
    let handler: any EventHandler
    let signal = WakeSignal()
    private let database: Database
    private let backoff: RetryBackoff
    private let logger: Logger
    private let batchSize: Int
    private let coalescingWindow: Duration
    private(set) var checkpoint: Int64 = 0
    private(set) var consecutiveFailures = 0
    private(set) var totalFailures = 0
    private(set) var lastError: String?
    private var waiters: [UInt64: (target: Int64, continuation: CheckedContinuation<Void, any Error>)] = [:]
    private var nextWaiter: UInt64 = 0

    init(handler: any EventHandler, database: Database, backoff: RetryBackoff, batchSize: Int, coalescingWindow: Duration, logger: Logger) {
        self.coalescingWindow = coalescingWindow
        self.handler = handler
        self.database = database
        self.backoff = backoff
        self.batchSize = batchSize
        self.logger = logger
    }

    /// The lease that lets one process at a time run the subscriber `name`.
    static func lease(_ name: String) -> String { "bus.subscriber.\(name)" }

    /// Runs, whenever this process holds the subscriber's lease, until the task is cancelled.
    func run() async {
        await database.whileHolding(lease: Self.lease(handler.name)) { await self.runAsLeaseholder() }
    }

    /// Feeds the handler from its durable checkpoint until the task is cancelled or the checkpoint moved elsewhere.
    private func runAsLeaseholder() async {
        let name = handler.name
        do {
            // Through `advance`: a `drain` that came in before this read must be released by it, not by an event.
            advance(to: try await database.read { try Outbox.checkpoint(name, $0) })
        } catch {
            logger.error("bus subscriber cannot read its checkpoint", ["subscriber": name, "error": "\(error)"])
        }
        while !Task.isCancelled {
            do {
                switch try await step() {
                case 0:
                    await signal.wait()
                case batchSize:
                    continue
                default:
                    // Group commit: while events keep coming, wait a moment so the next batch carries many of them
                    // in one transaction instead of one each (real time: this is about throughput, not logic).
                    try await Task.sleep(for: coalescingWindow)
                }
            } catch is CancellationError {
                return
            } catch let error as StorageError where error.code == .checkpointMoved {
                logger.error("bus subscriber lost its lease; waiting to take it again", ["subscriber": name])
                return
            } catch {
                consecutiveFailures += 1
                totalFailures += 1
                lastError = "\(error)"
                let delay = backoff.delay(afterFailures: consecutiveFailures)
                logger.error("bus subscriber failed; retrying", [
                    "subscriber": name, "error": "\(error)", "failures": "\(consecutiveFailures)", "retry_in_ms": "\(delay.milliseconds)",
                ])
                do { try await database.clock.sleep(for: delay) } catch { return }
            }
        }
    }

    /// Processes one batch: reads it, applies it and moves the checkpoint in one write transaction (one hop to the
    /// database per batch). Returns how many events the batch held.
    private func step() async throws -> Int {
        let after = checkpoint, limit = batchSize, handler = self.handler
        let outcome = try await database.write { tx -> (last: Int64, accepted: [Event], count: Int)? in
            let batch = try Outbox.events(after: after, limit: limit, tx)
            guard let last = batch.last?.sequence else { return nil }
            let accepted = batch.filter { handler.accepts($0.type) }
            for event in accepted {
                // Each event is handled at its own scope's time: a sandbox on a test clock reacts in simulated time.
                tx.useClock(of: TenantScope(operatorID: event.tenant, mode: event.mode))
                try handler.apply(event, in: tx)
            }
            tx.now = tx.wallNow
            try Outbox.moveCheckpoint(handler.name, from: after, to: last, tx)
            return (last, accepted, batch.count)
        }
        guard let outcome else { return 0 }
        consecutiveFailures = 0
        if !outcome.accepted.isEmpty { await handler.didCommit(outcome.accepted) }
        advance(to: outcome.last)
        return outcome.count
    }

    private func advance(to sequence: Int64) {
        checkpoint = sequence
        for (id, waiter) in waiters where waiter.target <= sequence {
            waiters[id] = nil
            waiter.continuation.resume()
        }
    }

    /// Returns once the checkpoint reaches `sequence`; throws `CancellationError` when the waiting task is cancelled
    /// first (a subscriber in back-off must not hold up a caller's shutdown).
    func wait(until sequence: Int64) async throws {
        if checkpoint >= sequence { return }
        let id = nextWaiter
        nextWaiter += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Registered in the same actor turn as this check, so a cancellation is seen here or by `abandon`.
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters[id] = (sequence, continuation)
                }
            }
        } onCancel: {
            Task { await self.abandon(id) }
        }
    }

    private func abandon(_ waiter: UInt64) {
        waiters.removeValue(forKey: waiter)?.continuation.resume(throwing: CancellationError())
    }
}
