import Kernel

/// Writes a batch of finished attempts (and the circuit changes they caused) in one transaction: many attempts share
/// one commit and its fsync. For each attempt: its log row, the delivery's new state, the next delivery of its lane
/// released when it finished, the stats counters, its recovery's progress, and its endpoint's run of failures —
/// which disables the endpoint after a 410, or once every attempt has failed for ``Webhooks/Settings/autoDisableAfter``.
/// An attempt is recorded only while its delivery is still claimed by the replica that made it (``DeliveryClaims``).
enum AttemptRecorder {
    /// What the dispatcher keeps in memory, written down.
    enum Entry: Sendable {
        case attempt(AttemptRecord)
        case circuit(DispatchScheduler<DueDelivery>.CircuitChange)
    }

    /// What the batch did that the dispatcher must know.
    struct Outcome: Sendable {
        /// Endpoints whose next delivery of a lane is due now.
        var released: Set<String> = []
        /// Endpoints disabled by this batch (their open deliveries are closed).
        var closed: Set<String> = []
    }

    /// One endpoint's attempts in the batch, in order: what its run of failures becomes.
    private struct Run {
        var sawSuccess = false
        var failuresSinceSuccess = 0
        var firstFailureSinceSuccess: Timestamp?
        var lastFailure: String?

        mutating func note(_ record: AttemptRecord) {
            if record.delivered {
                (sawSuccess, failuresSinceSuccess, firstFailureSinceSuccess) = (true, 0, nil)
            } else {
                failuresSinceSuccess += 1
                firstFailureSinceSuccess = firstFailureSinceSuccess ?? record.startedAt
                lastFailure = record.failure
            }
        }
    }

    static func write(_ entries: [Entry], replica: String, autoDisableAfter: Duration, _ tx: Transaction) throws -> Outcome {
        var outcome = Outcome(), stats = StatsDelta(), progress = RecoveryProgress()
        var runs = [String: Run](), gone = [String: String]()
        for entry in entries {
            switch entry {
            case .circuit(let change):
                try tx.execute("UPDATE webhook_endpoints SET circuit_open_until = ? WHERE id = ?", [change.openUntil, change.endpoint])
            case .attempt(let record):
                guard try store(record, replica: replica, tx) else { continue }
                let delivery = record.delivery
                if record.state.isFinal {
                    if delivery.lane != nil, try DeliveryRows.releaseSuccessor(of: delivery.id, tx) { outcome.released.insert(delivery.endpointID) }
                    if let recovery = delivery.recoveryID { progress.finished(recovery, delivered: record.delivered) }
                }
                if !delivery.isTest {
                    stats.moved(endpoint: delivery.endpointID, eventType: delivery.eventType, tenant: delivery.tenant, from: delivery.status,
                                to: record.state.status, at: record.endedAt, latency: record.delivered ? record.latencyMs : nil)
                }
                runs[delivery.endpointID, default: Run()].note(record)
                if record.state.disableEndpoint { gone[delivery.endpointID] = record.failure ?? "HTTP 410" }
            }
        }
        for (endpoint, failure) in gone where try EndpointRows.disable(endpoint, reason: .gone, lastError: failure, stats: &stats, tx) {
            outcome.closed.insert(endpoint)
        }
        for (endpoint, run) in runs where try updateHealth(endpoint, run, autoDisableAfter: autoDisableAfter, tx) {
            if try EndpointRows.disable(endpoint, reason: .failing, lastError: run.lastFailure, stats: &stats, tx) { outcome.closed.insert(endpoint) }
        }
        try stats.write(tx)
        try progress.write(tx)
        return outcome
    }

    /// The attempt's log row and the delivery's new state, its claim cleared. False when the delivery moved on
    /// meanwhile (its endpoint was disabled, this attempt was already recorded, or another replica took the delivery
    /// over after `replica`'s lease passed): then nothing is written.
    private static func store(_ record: AttemptRecord, replica: String, _ tx: Transaction) throws -> Bool {
        let state = record.state
        try tx.execute(
            """
            UPDATE webhook_deliveries SET status = ?, attempt_count = ?, next_attempt_at = ?, next_attempt_reason = ?, last_status_code = ?,
                last_latency_ms = ?, completed_at = ?, claimed_by = NULL, claim_expires_at = NULL
            WHERE id = ? AND attempt_count = ? AND status IN \(DeliveryRows.openStatuses) AND claimed_by = ?
            """,
            [state.status, record.number, state.nextAttemptAt, state.reason, record.statusCode, record.latencyMs,
             state.isFinal ? record.endedAt : nil, record.delivery.id, record.number - 1, replica])
        guard tx.changes > 0 else { return false }
        try tx.execute(
            """
            INSERT INTO webhook_attempts(delivery_id, number, started_at, status_code, latency_ms, error_class, error_message, request_headers, response_body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [record.delivery.id, record.number, record.startedAt, record.statusCode, record.latencyMs, record.errorClass, record.errorMessage,
             record.requestHeaders, record.responseBody])
        return true
    }

    /// Moves the endpoint's run of failures on by the batch's attempts. Returns whether it has now failed for
    /// `autoDisableAfter` without a success and must be disabled.
    private static func updateHealth(_ endpoint: String, _ run: Run, autoDisableAfter: Duration, _ tx: Transaction) throws -> Bool {
        if run.sawSuccess {
            try tx.execute("UPDATE webhook_endpoints SET consecutive_failures = ?, failing_since = ? WHERE id = ?",
                           [run.failuresSinceSuccess, run.firstFailureSinceSuccess, endpoint])
            return false
        }
        try tx.execute(
            "UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + ?, failing_since = COALESCE(failing_since, ?) WHERE id = ?",
            [run.failuresSinceSuccess, run.firstFailureSinceSuccess, endpoint])
        guard let since = try tx.scalar("SELECT failing_since FROM webhook_endpoints WHERE id = ? AND enabled = 1", [endpoint], as: Timestamp?.self)
                ?? nil
        else { return false }
        return tx.now - since >= autoDisableAfter
    }
}
