import Synchronization

/// The sandboxes' test clocks: which operators' test mode runs on a frozen, simulated time, and what time that is.
///
/// This is the one place "now" comes from for work done for a tenant scope. Live mode, and a sandbox without a
/// test clock, run on the injected wall clock; a sandbox with one runs on its frozen time. Every way time reaches a
/// scope's work asks here: ``Database/write(for:_:)`` stamps a body's ``Transaction/now`` with it (so what the body
/// stores and the events it publishes carry the scope's time), the bus stamps each event's handling with the time
/// of the event's scope, and the calendar-driven passes (roll-ups, expiries, purges, key notices) judge each scope,
/// and each row in SQL (``Transaction/nowOfEachRow(operatorColumn:modeColumn:)``), by its own time. What happens in
/// real time whatever the simulation says (webhook attempts and their signatures, WhatsApp retries, rate limits,
/// idempotency keys, logs) uses ``Transaction/wallNow`` or the wall clock itself.
///
/// Held in memory, since any transaction may ask, and stored in `sandbox_clocks` so that clocks survive a restart.
/// Only ``TestClocks`` changes them.
final class SandboxClocks: Sendable {
    private let frozen = Mutex<[String: Timestamp]>([:])

    /// The frozen time of `scope`'s sandbox; nil when `scope` runs on the wall clock (live mode, or no test clock).
    func frozenTime(of scope: TenantScope) -> Timestamp? {
        guard scope.mode == .test else { return nil }
        return frozen.withLock { $0[scope.operatorID] }
    }

    /// Every sandbox on a test clock: operator id → its frozen time.
    var all: [String: Timestamp] { frozen.withLock { $0 } }

    /// Replaces what memory holds with what `sandbox_clocks` holds.
    func load(_ tx: Transaction) throws {
        let stored = try tx.query("SELECT operator_id, frozen_at FROM sandbox_clocks").map {
            (try $0.get("operator_id", as: String.self), try $0.get("frozen_at", as: Timestamp.self))
        }
        frozen.withLock { $0 = Dictionary(stored, uniquingKeysWith: { _, last in last }) }
    }

    /// Stores the operator's clock at `time` (nil: removes it) in `tx`; memory follows with ``remember(_:at:)`` once
    /// the transaction committed.
    static func store(_ operatorID: String, at time: Timestamp?, _ tx: Transaction) throws {
        guard let time else {
            try tx.execute("DELETE FROM sandbox_clocks WHERE operator_id = ?", [operatorID])
            return
        }
        try tx.execute(
            """
            INSERT INTO sandbox_clocks(operator_id, frozen_at, updated_at) VALUES (?, ?, ?)
            ON CONFLICT(operator_id) DO UPDATE SET frozen_at = excluded.frozen_at, updated_at = excluded.updated_at
            """,
            [operatorID, time, tx.wallNow])
    }

    /// The broadcast channel on which a moved clock reaches every process.
    static let channel = "kernel.sandbox-clocks"

    /// A moved clock as a broadcast: the operator id, then a space and the frozen time in milliseconds unless removed.
    static func payload(_ operatorID: String, at time: Timestamp?) -> String {
        operatorID + (time.map { " \($0.milliseconds)" } ?? "")
    }

    /// Memory takes a clock another process moved (a ``payload(_:at:)``).
    func remember(_ payload: String) {
        let parts = payload.split(separator: " ", maxSplits: 1)
        guard let operatorID = parts.first else { return }
        remember(String(operatorID), at: parts.count == 2 ? Int64(parts[1]).map(Timestamp.init(milliseconds:)) : nil)
    }

    /// Memory takes the committed state of the operator's clock.
    func remember(_ operatorID: String, at time: Timestamp?) {
        frozen.withLock { $0[operatorID] = time }
    }
}
