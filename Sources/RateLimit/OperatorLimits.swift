import Foundation
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

    /// Every operator's limits as `rate_limit_operators` holds them, by operator id.
    static func loadAll(_ tx: Transaction) throws -> [String: OperatorLimits] {
        var loaded = [String: OperatorLimits]()
        for row in try tx.query("SELECT operator_id, tier, overrides FROM rate_limit_operators") {
            let overrides = try JSON.decoder.decode([String: Int].self, from: Data(try row.get("overrides", as: String.self).utf8))
            loaded[try row.get("operator_id")] = OperatorLimits(tier: try row.get("tier"), overrides: overrides)
        }
        return loaded
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
/// memory: here after commit, and in every process (PostgreSQL replicas, where the subscriber runs on one only)
/// through a broadcast on ``channel`` (``OperatorDirectory/follow(_:)``).
struct OperatorLimitsHandler: EventHandler {
    let name = "ratelimit.operators"
    /// The broadcast channel carrying each applied `operator.created`/`operator.updated` payload to every process.
    static let channel = "ratelimit.operators"
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
        tx.notify(channel: Self.channel, payload: "\(event.sequence) \(event.payload)")
    }

    func didCommit(_ events: [Event]) async {
        for event in events {
            guard let settings = try? event.decode(OperatorSettings.self) else { continue }
            directory.update(settings, sequence: event.sequence)
        }
    }
}

/// Operators' limits in memory, shared by the handler that updates them and the decisions that read them. Each entry
/// keeps the outbox sequence of the event it came from, so that an update that arrives late (a broadcast heard after
/// this process applied a newer event) never overwrites a newer one.
final class OperatorDirectory: Sendable {
    private let entries = Mutex([String: (limits: OperatorLimits, sequence: Int64)]())

    subscript(operatorID: String) -> OperatorLimits? {
        entries.withLock { $0[operatorID]?.limits }
    }

    /// Takes the settings an event (at outbox `sequence`) carried, unless a newer event's are already here.
    func update(_ settings: OperatorSettings, sequence: Int64) {
        let limits = OperatorLimits(tier: settings.tier, overrides: settings.limits)
        entries.withLock { entries in
            if let known = entries[settings.operatorID], known.sequence > sequence { return }
            entries[settings.operatorID] = (limits, sequence)
        }
    }

    /// Adds entries not already known (restored rows never overwrite fresher ones from events).
    func fill(_ loaded: [String: OperatorLimits]) {
        entries.withLock { $0.merge(loaded.mapValues { ($0, 0) }) { current, _ in current } }
    }

    /// Follows the limits every process applies (``OperatorLimitsHandler/channel``: the event's sequence, a space,
    /// its payload); reloads them all from `rate_limit_operators` when some notifications may have been missed.
    func follow(_ database: Database) {
        database.onNotification(OperatorLimitsHandler.channel) { [self] notification in
            switch notification {
            case .message(let payload):
                let parts = payload.split(separator: " ", maxSplits: 1)
                guard parts.count == 2, let sequence = Int64(parts[0]),
                      let settings = try? JSON.decoder.decode(OperatorSettings.self, from: Data(parts[1].utf8))
                else { return }
                update(settings, sequence: sequence)
            case .mayHaveMissed:
                Task {
                    guard let all = try? await database.read({ try OperatorLimits.loadAll($0) }) else { return }
                    self.entries.withLock { entries in
                        for (operatorID, limits) in all { entries[operatorID] = (limits, entries[operatorID]?.sequence ?? 0) }
                    }
                }
            }
        }
    }
}
