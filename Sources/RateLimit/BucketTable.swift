import Kernel

/// Every bucket in memory and the all-or-nothing decision over a set of them: the pure core of the limiter.
///
/// It runs on every request, so each policy costs one hash lookup: the bucket is found once, updated in place by
/// its index, and carries its own changed-since-persist flag.
struct BucketTable: Sendable {
    /// A bucket and whether it changed since the last persist.
    struct Entry: Sendable {
        var bucket: TokenBucket
        var dirty: Bool
    }

    private(set) var entries: [BucketKey: Entry] = [:]
    /// Allowed and refused decisions per policy name, for `/metrics`.
    private(set) var counters: [String: (allowed: Int, refused: Int)] = [:]

    /// Refills the named buckets, and takes the tokens from all of them only if every one has enough. With
    /// `take: false` it only answers whether it would allow.
    mutating func decide(_ policies: [BucketPolicy], at now: Timestamp, take: Bool = true) -> QuotaDecision {
        let found = policies.map { entries.index(forKey: $0.key) }
        var current = policies.indices.map { refreshed(found[$0].map { entries.values[$0].bucket }, policies[$0], at: now) }
        let refused = policies.indices.filter { !current[$0].canTake(policies[$0].cost) }
        if refused.isEmpty && take {
            for i in policies.indices { current[i].take(policies[i].cost) }
            for i in policies.indices { if let index = found[i] { entries.values[index] = Entry(bucket: current[i], dirty: true) } }
            for i in policies.indices where found[i] == nil { entries[policies[i].key] = Entry(bucket: current[i], dirty: true) }
        }
        for (i, policy) in policies.enumerated() where take {
            if refused.contains(i) { counters[policy.name, default: (0, 0)].refused += 1 }
            if refused.isEmpty { counters[policy.name, default: (0, 0)].allowed += 1 }
        }
        return QuotaDecision(
            allowed: refused.isEmpty,
            policies: policies.indices.map { state(policies[$0], current[$0]) },
            violated: refused.map { policies[$0].name },
            retryAfterSeconds: refused.map { current[$0].secondsUntil(policies[$0].cost) }.max() ?? 0)
    }

    /// The buckets' state without taking anything.
    mutating func peek(_ policies: [BucketPolicy], at now: Timestamp) -> [PolicyState] {
        policies.map { state($0, refreshed(entries[$0.key]?.bucket, $0, at: now)) }
    }

    /// The most used of the buckets `policy` stands for: those of its name whose subject starts with its subject
    /// (one address's sign-ups at an operator, among every address's); a full bucket when there is none.
    func busiest(like policy: BucketPolicy, at now: Timestamp) -> PolicyState {
        var busiest = refreshed(nil, policy, at: now)
        for (key, entry) in entries where key.name == policy.key.name && key.subject.hasPrefix(policy.key.subject) {
            let bucket = refreshed(entry.bucket, policy, at: now)
            if bucket.level < busiest.level { busiest = bucket }
        }
        return state(policy, busiest)
    }

    /// Restores a persisted level (at start-up, before any decision).
    mutating func restore(key: BucketKey, level: Int64, updatedAt: Timestamp, capacity: Int, window: Duration) {
        entries[key] = Entry(bucket: TokenBucket(capacity: capacity, window: window, level: level, updatedAt: updatedAt), dirty: false)
    }

    /// Hands out the changed buckets for persisting and forgets they were changed.
    mutating func takeDirty() -> [(key: BucketKey, bucket: TokenBucket)] {
        var changed = [(key: BucketKey, bucket: TokenBucket)]()
        for index in entries.indices where entries.values[index].dirty {
            changed.append((entries.keys[index], entries.values[index].bucket))
            entries.values[index].dirty = false
        }
        return changed
    }

    /// `stored` refilled to `now`; a new bucket starts full. A changed limit takes effect at once: what was used
    /// stays used, and the difference in capacity is added to (or taken from) what remains.
    private func refreshed(_ stored: TokenBucket?, _ policy: BucketPolicy, at now: Timestamp) -> TokenBucket {
        guard var bucket = stored else { return TokenBucket(capacity: policy.capacity, window: policy.window, now: now) }
        if bucket.capacity != Int64(policy.capacity) || bucket.windowMilliseconds != policy.window.milliseconds {
            let used = Int(bucket.capacity) - bucket.remaining
            bucket = TokenBucket(capacity: policy.capacity, window: policy.window,
                                 level: Int64(max(policy.capacity - used, 0)) * policy.window.milliseconds, updatedAt: bucket.updatedAt)
        }
        bucket.refill(at: now)
        return bucket
    }

    private func state(_ policy: BucketPolicy, _ bucket: TokenBucket) -> PolicyState {
        PolicyState(name: policy.name, quota: policy.quota, limit: policy.capacity, remaining: bucket.remaining,
                    windowSeconds: Int(policy.window.milliseconds / 1000), resetSeconds: bucket.secondsUntilFull)
    }
}
