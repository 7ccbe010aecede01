import Kernel
import Synchronization

/// An operator's tier and per-quota overrides, as Accounts publishes them.
struct OperatorLimits: Sendable, Equatable {
    let tier: String
    let overrides: [String: Int]
    /// The tier's presets with the overrides applied (computed once: decisions read it on every request).
    let effective: [Quota: Int]

    init(tier: String, overrides: [String: Int]) {
        self.tier = tier
        self.overrides = overrides
        var limits = Tier.named(tier).limits
        for (name, value) in overrides { if let quota = Quota(rawValue: name) { limits[quota] = value } }
        effective = limits
    }
}

/// `operator.created` / `operator.updated` as RateLimit reads them.
struct OperatorSettings: Decodable {
    let operatorID: String
    let tier: String
    let limits: [String: Int]

    enum CodingKeys: String, CodingKey { case operatorID = "operator_id", tier, limits }
}

/// Keeps operators' limits current from the bus, in `rate_limit_operators` (inside the bus transaction) and in
/// memory (after commit).
struct OperatorLimitsHandler: EventHandler {
    let name = "ratelimit.operators"
    let directory: OperatorDirectory

    /// `operator.created` and `operator.updated`, with the mirror RateLimit reads them into.
    static let mirrors = [EventMirror("operator.created", payload: OperatorSettings.self), EventMirror("operator.updated", payload: OperatorSettings.self)]

    func accepts(_ type: String) -> Bool { Self.types.contains(type) }

    private static let types = mirrors.types

    func apply(_ event: Event, in tx: Transaction) throws {
        let settings = try event.decode(OperatorSettings.self)
        try tx.execute(
            "INSERT INTO rate_limit_operators(operator_id, tier, overrides) VALUES (?, ?, ?) ON CONFLICT(operator_id) DO UPDATE SET tier = excluded.tier, overrides = excluded.overrides",
            [settings.operatorID, settings.tier, try JSON.encodeString(settings.limits)])
    }

    func didCommit(_ events: [Event]) async {
        for event in events {
            guard let settings = try? event.decode(OperatorSettings.self) else { continue }
            directory[settings.operatorID] = OperatorLimits(tier: settings.tier, overrides: settings.limits)
        }
    }
}

/// Operators' limits in memory, shared by the handler that updates them and the decisions that read them.
final class OperatorDirectory: Sendable {
    private let entries = Mutex([String: OperatorLimits]())

    subscript(operatorID: String) -> OperatorLimits? {
        get { entries.withLock { $0[operatorID] } }
        set { entries.withLock { $0[operatorID] = newValue } }
    }

    /// Adds entries not already known (restored rows never overwrite fresher ones from events).
    func fill(_ loaded: [String: OperatorLimits]) {
        entries.withLock { $0.merge(loaded) { current, _ in current } }
    }
}
