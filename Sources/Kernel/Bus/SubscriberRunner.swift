/// Feeds one ``EventHandler`` from the outbox: reads the next batch after its checkpoint, applies it and moves the
/// checkpoint in one transaction, then sleeps until the next commit. Failures roll back and retry with back-off.
actor SubscriberRunner {
    let handler: any EventHandler
    let signal = WakeSignal()
    private let database: Database
    private let backoff: RetryBackoff
    private let logger: Logger
    private let batchSize: Int
    private(set) var checkpoint: Int64 = 0
    private(set) var consecutiveFailures = 0
    private(set) var totalFailures = 0
    private(set) var lastError: String?
    private var waiters: [(target: Int64, continuation: CheckedContinuation<Void, Never>)] = []

    init(handler: any EventHandler, database: Database, backoff: RetryBackoff, batchSize: Int, logger: Logger) {
        self.handler = handler
        self.database = database
        self.backoff = backoff
        self.batchSize = batchSize
        self.logger = logger
    }

    /// Runs until the task is cancelled.
    func run() async {
        let name = handler.name
        do {
            checkpoint = try await database.read { try Outbox.checkpoint(name, $0) }
        } catch {
            logger.error("bus subscriber cannot read its checkpoint", ["subscriber": name, "error": "\(error)"])
        }
        while !Task.isCancelled {
            do {
                if try await step() == false { await signal.wait() }
            } catch is CancellationError {
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

    /// Processes one batch. Returns false when there was nothing to do.
    private func step() async throws -> Bool {
        let after = checkpoint, limit = batchSize, handler = self.handler
        let batch = try await database.read { try Outbox.events(after: after, limit: limit, $0) }
        guard let last = batch.last?.sequence else { return false }
        let accepted = batch.filter { handler.accepts($0.type) }
        try await database.write { tx in
            for event in accepted { try handler.apply(event, in: tx) }
            try Outbox.saveCheckpoint(handler.name, last, tx)
        }
        consecutiveFailures = 0
        if !accepted.isEmpty { await handler.didCommit(accepted) }
        advance(to: last)
        return true
    }

    private func advance(to sequence: Int64) {
        checkpoint = sequence
        let ready = waiters.filter { $0.target <= sequence }
        waiters.removeAll { $0.target <= sequence }
        for waiter in ready { waiter.continuation.resume() }
    }

    /// Returns once the checkpoint reaches `sequence`.
    func wait(until sequence: Int64) async {
        if checkpoint >= sequence { return }
        await withCheckedContinuation { waiters.append((sequence, $0)) }
    }
}
