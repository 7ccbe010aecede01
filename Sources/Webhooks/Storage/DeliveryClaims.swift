import Kernel

/// Which replica may attempt a delivery: several `serve` processes on one database each run a dispatcher, and each
/// due delivery is attempted by exactly one of them.
///
/// - **Claim.** A dispatcher reads an endpoint's due deliveries in a write transaction and stamps the ones it takes
///   with its replica's id (`claimed_by`) and a lease (`claim_expires_at`). Deliveries claimed by another replica
///   whose lease has not passed are left out. On PostgreSQL the read locks the rows it returns with
///   `FOR UPDATE SKIP LOCKED`, so two replicas claiming at once take disjoint rows without waiting for each other;
///   SQLite has one writer at a time (`BEGIN IMMEDIATE`), so the read and the stamp are one step already.
/// - **Renewal.** While a dispatcher holds deliveries (queued in memory, in flight, or waiting for their record) it
///   moves all its leases on every ``Webhooks/Settings/claimRenewal``, in one statement: an attempt that runs up to
///   its timeout keeps its claim.
/// - **Fencing.** An attempt's record is written only while the delivery is still claimed by the replica that made
///   it (``AttemptRecorder``): a replica that stalled past its lease while another took the delivery over cannot
///   overwrite the newer replica's result. Recording clears the claim: the next attempt (a retry) is anyone's.
/// - **Takeover.** A replica that dies (kill -9) renews nothing; once its leases pass, the deliveries are claimable
///   again and the other replicas find them on their next poll (``Webhooks/Settings/discoveryInterval``).
enum DeliveryClaims {
    /// The replica claiming and the time its claims run out.
    struct Lease: Sendable {
        let replica: String
        let until: Timestamp
    }

    /// The condition a due delivery meets when `replica` may claim it at `now` (arguments: `now`, `replica`).
    static let claimable = "(claim_expires_at IS NULL OR claim_expires_at <= ? OR claimed_by = ?)"

    /// What a claiming read ends with on `tx`'s engine: PostgreSQL locks the rows it returns and skips those another
    /// transaction is claiming; SQLite needs nothing (one writer).
    static func lockClause(_ tx: Transaction) -> String {
        tx.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
    }

    /// Stamps `ids` as claimed under `lease`.
    static func claim(_ ids: [String], _ lease: Lease, _ tx: Transaction) throws {
        guard !ids.isEmpty else { return }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        try tx.execute("UPDATE webhook_deliveries SET claimed_by = ?, claim_expires_at = ? WHERE id IN (\(placeholders))",
                       [lease.replica, lease.until] + ids)
    }

    /// Moves every claim `lease.replica` holds on to `lease.until`.
    static func renew(_ lease: Lease, _ tx: Transaction) throws {
        try tx.execute("UPDATE webhook_deliveries SET claim_expires_at = ? WHERE claimed_by = ?", [lease.until, lease.replica])
    }

    /// Gives up every claim `replica` holds (a clean stop): the other replicas may take them at once.
    static func release(_ replica: String, _ tx: Transaction) throws {
        try tx.execute("UPDATE webhook_deliveries SET claimed_by = NULL, claim_expires_at = NULL WHERE claimed_by = ?", [replica])
    }
}
