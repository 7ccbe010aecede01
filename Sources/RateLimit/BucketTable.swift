import Kernel

/// Every bucket in memory and the all-or-nothing decision over a set of them: the pure core of the limiter.
struct BucketTable: Sendable {
    private(set) var buckets: [String: TokenBucket] = [:]
    /// Buckets changed since the last persist.
    private(set) var dirty: Set<String> = []
    /// Allowed and refused decisions per policy name, for `/metrics`.
    private(set) var counters: [String: (allowed: Int, refused: Int)] = [:]

    /// Refills the named buckets, and takes the tokens from all of them only if every one has enough. With
    /// `take: false` it only answers whether it would allow.
    mutating func decide(_ policies: [BucketPolicy], at now: Timestamp, take: Bool = true) -> QuotaDecision {
        var current = policies.map { bucket(for: $0, at: now) }
        let refused = policies.indices.filter { !current[$0].canTake(policies[$0].cost) }
        if refused.isEmpty && take {
            for i in policies.indices {
                current[i].take(policies[i].cost)
                buckets[policies[i].key] = current[i]
                dirty.insert(policies[i].key)
            }
        }
        for (i, policy) in policies.enumerated() where take {
            counters[policy.name, default: (0, 0)].allowed += refused.isEmpty ? 1 : 0
            counters[policy.name, default: (0, 0)].refused += refused.contains(i) ? 1 : 0
        }
        return QuotaDecision(
            allowed: refused.isEmpty,
            policies: policies.indices.map { state(policies[$0], current[$0]) },
            violated: refused.map { policies[$0].name },
            retryAfterSeconds: refused.map { current[$0].secondsUntil(policies[$0].cost) }.max() ?? 0)
    }

    /// The buckets' state without taking anything.
    mutating func peek(_ policies: [BucketPolicy], at now: Timestamp) -> [PolicyState] {
        policies.map { state($0, bucket(for: $0, at: now)) }
    }

    /// Restores a persisted level (at start-up, before any decision).
    mutating func restore(key: String, level: Int64, updatedAt: Timestamp, capacity: Int, window: Duration) {
        buckets[key] = TokenBucket(capacity: capacity, window: window, level: level, updatedAt: updatedAt)
    }

    /// Hands out the changed buckets for persisting and forgets they were changed.
    mutating func takeDirty() -> [(key: String, bucket: TokenBucket)] {
        defer { dirty = [] }
        return dirty.compactMap { key in buckets[key].map { (key, $0) } }
    }

    /// The bucket refilled to `now`; a new one starts full. A changed limit takes effect at once: what was used
    /// stays used, and the difference in capacity is added to (or taken from) what remains.
    private mutating func bucket(for policy: BucketPolicy, at now: Timestamp) -> TokenBucket {
        guard var bucket = buckets[policy.key] else { return TokenBucket(capacity: policy.capacity, window: policy.window, now: now) }
        if bucket.capacity != Int64(policy.capacity) || bucket.windowMilliseconds != policy.window.milliseconds {
            let used = Int(bucket.capacity) - bucket.remaining
            bucket = TokenBucket(capacity: policy.capacity, window: policy.window,
                                 level: Int64(max(policy.capacity - used, 0)) * policy.window.milliseconds, updatedAt: bucket.updatedAt)
        }
        bucket.refill(at: now)
        return bucket
    }

    private func state(_ policy: BucketPolicy, _ bucket: TokenBucket) -> PolicyState {
        PolicyState(name: policy.name, limit: policy.capacity, remaining: bucket.remaining,
                    windowSeconds: Int(policy.window.milliseconds / 1000), resetSeconds: bucket.secondsUntilFull)
    }
}
