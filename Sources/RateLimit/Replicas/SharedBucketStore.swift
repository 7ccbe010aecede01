import Kernel

/// The operators' shared buckets: the rows of `rate_limit_buckets` (the same rows, in the same form, that a single
/// process persists), which replicas lease tokens from and give unspent tokens back to.
///
/// Every change is a compare-and-set: read the row, decide with the pure ``Meter``, and write it back only if the
/// row still holds what was read, else read again. That is exact under PostgreSQL's READ COMMITTED (an update that
/// raced another replica's sees the committed row, matches nothing and retries) as under SQLite's one writer, and
/// needs no SQL beyond the portable subset.
struct SharedBucketStore: Sendable {
    let database: Database
    let clock: any WallClock

    /// How often a change is tried before it gives up (only other replicas' changes of the same row can make it retry).
    static let attempts = 16

    /// Takes a lease of `want` tokens, or of what the bucket has up to `hold`; returns what was taken and the bucket
    /// after it.
    func lease(_ policy: BucketPolicy, want: Int, hold: Int) async throws -> (granted: Int, shared: Meter) {
        try await change(policy) { $0.lease(want: want, hold: hold) }
    }

    /// Puts back `count` unspent tokens taken in the window that started at `windowStart` (nil for a token bucket).
    func giveBack(_ count: Int, of policy: BucketPolicy, takenIn windowStart: Timestamp?) async throws {
        guard count > 0 else { return }
        _ = try await change(policy) { meter in
            meter.giveBack(count, takenIn: windowStart)
            return count
        }
    }

    /// The shared buckets of `policies` now.
    func current(_ policies: [BucketPolicy]) async throws -> [Meter] {
        let clock = clock
        return try await database.read { tx in
            let now = clock.now()
            return try policies.map { policy in
                let row = try tx.queryOne("SELECT level, updated_at FROM rate_limit_buckets WHERE key = ?", [policy.key.description])
                return Meter.current(try row.map { Meter.restored(policy, level: try $0.get("level"), updatedAt: try $0.get("updated_at")) }, policy, at: now)
            }
        }
    }

    /// Applies `edit` to the bucket's row by compare-and-set; `edit` returns how many tokens it moved (nothing is
    /// written when none).
    private func change(_ policy: BucketPolicy, _ edit: @escaping @Sendable (inout Meter) -> Int) async throws -> (Int, Meter) {
        let clock = clock
        return try await database.write { tx in
            let key = policy.key.description
            for _ in 0..<Self.attempts {
                let now = clock.now()
                let row = try tx.queryOne("SELECT level, updated_at FROM rate_limit_buckets WHERE key = ?", [key])
                let stored: (level: Int64, updatedAt: Timestamp)? = try row.map { (try $0.get("level"), try $0.get("updated_at")) }
                var meter = Meter.current(stored.map { Meter.restored(policy, level: $0.level, updatedAt: $0.updatedAt) }, policy, at: now)
                let moved = edit(&meter)
                guard moved > 0 else { return (0, meter) }
                let (level, updatedAt) = meter.persisted
                if let stored {
                    try tx.execute("UPDATE rate_limit_buckets SET level = ?, updated_at = ? WHERE key = ? AND level = ? AND updated_at = ?",
                                   [level, updatedAt, key, stored.level, stored.updatedAt])
                } else {
                    try tx.execute("INSERT OR IGNORE INTO rate_limit_buckets(key, level, updated_at) VALUES (?, ?, ?)", [key, level, updatedAt])
                }
                if tx.changes == 1 { return (moved, meter) }
            }
            throw StorageError(.busy, "the shared quota bucket \(key) kept changing under this replica")
        }
    }
}
