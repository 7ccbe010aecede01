/// A durable subscriber of the event bus.
///
/// The bus hands it every committed event in sequence order, at least once. ``apply(_:in:)`` runs inside the same
/// transaction that advances the subscriber's checkpoint, so a reaction written there happens exactly once even
/// across crashes; work outside the database (network calls, in-memory caches) belongs in ``didCommit(_:)`` and
/// must be idempotent by event id, because after a crash it may run again.
public protocol EventHandler: Sendable {
    /// The durable name its checkpoint is stored under. Renaming it replays the outbox to the handler.
    var name: String { get }

    /// Whether the handler wants events of `type`; others are skipped (the checkpoint still moves past them).
    func accepts(_ type: String) -> Bool

    /// Applies one event. Keep it to quick database work: it runs on the database's writer thread, inside the group commit.
    func apply(_ event: Event, in tx: Transaction) throws

    /// Runs after the batch's transaction committed, with the accepted events in order.
    func didCommit(_ events: [Event]) async
}

extension EventHandler {
    public func apply(_ event: Event, in tx: Transaction) throws {}
    public func didCommit(_ events: [Event]) async {}
}
