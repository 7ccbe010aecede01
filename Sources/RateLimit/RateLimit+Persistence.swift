import Foundation
import Kernel

extension RateLimit {
    /// Loads operators' limits and the persisted bucket levels (with replicas, the shared rows are read as leases
    /// need them instead). Call once at start-up, before serving.
    public func restore() async throws {
        let (loaded, bucketRows) = try await database.read { tx in
            (try OperatorLimits.loadAll(tx), try tx.query("SELECT key, level, updated_at FROM rate_limit_buckets"))
        }
        operators.fill(loaded)
        guard shared == nil else { return }
        for row in bucketRows {
            guard let key = BucketKey(persisted: try row.get("key")), let policy = policy(of: key) else { continue }
            let meter = Meter.restored(policy, level: try row.get("level"), updatedAt: try row.get("updated_at"))
            table.withLock { $0.restore(key: key, meter) }
        }
    }

    /// Writes every bucket changed since the last call. Operator buckets only: per-address buckets are
    /// short-lived and rebuilt on their own.
    public func persist() async throws {
        let changed = table.withLock { $0.takeDirty() }.filter { policy(of: $0.key) != nil }
        guard !changed.isEmpty else { return }
        try await database.write { tx in
            for (key, meter) in changed {
                let (level, updatedAt) = meter.persisted
                try tx.execute(
                    "INSERT INTO rate_limit_buckets(key, level, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET level = excluded.level, updated_at = excluded.updated_at",
                    [key.description, level, updatedAt])
            }
        }
    }

    /// Persists every `interval` of clock time until cancelled (and once more on the way out, when a replica also
    /// gives the tokens it holds back to the shared buckets).
    public func runPersistenceLoop(every interval: Duration = .seconds(5), logger: Logger) async {
        while !Task.isCancelled {
            do { try await clock.sleep(for: interval) } catch { break }
            do { try await persist() } catch { logger.error("rate limit persist failed", ["error": "\(error)"]) }
        }
        do { try await persist() } catch { logger.error("rate limit persist failed", ["error": "\(error)"]) }
        do { try await shared?.returnAll() } catch { logger.error("returning leased quota tokens failed", ["error": "\(error)"]) }
    }

    /// The policy of an operator quota's bucket, from the operator's current limits; nil for the per-address and
    /// per-session buckets, which are not persisted.
    private nonisolated func policy(of key: BucketKey) -> BucketPolicy? {
        guard let mode = key.mode, let quota = Quota(rawValue: key.name), quota.window != nil else { return nil }
        return policy(quota, TenantScope(operatorID: key.subject, mode: mode), limits: limits(for: key.subject).limits)
    }
}
