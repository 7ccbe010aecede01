import Kernel

/// The tokens this replica holds of the operators' shared buckets, and the all-or-nothing decision over them: the
/// pure core of quotas across replicas (``SharedQuotas`` does the I/O).
///
/// Every replica leases batches of tokens from the shared rows (``SharedBucketStore``) and spends them in memory, so
/// the common path never waits for the database. A replica holds at most one batch of a bucket (a share of its
/// capacity), so with N replicas the clients get at most N batches more than the bucket allows in any span. When a
/// bucket's tokens run out the decision asks for a lease; once a lease came back short it refuses what the bucket
/// could not cover without asking again until the bucket could have the tokens (at most ``maximumQuiet`` later), so
/// a client hammering an empty bucket costs one query per bucket per replica and interval, not one per request.
struct LeaseTable: Sendable {
    /// What this replica holds of one shared bucket.
    struct Held: Sendable {
        let policy: BucketPolicy
        /// Leased and not spent yet.
        var tokens: Int
        /// The shared bucket as this replica last saw it (after its last lease), brought to the decision's time.
        var shared: Meter
        /// Until then a bucket whose lease came back short is not asked again for more than it had left.
        var quietUntil: Timestamp

        /// Whether asking the shared bucket for `missing` tokens now would be in vain, as far as this replica knows.
        func isQuiet(needing missing: Int, at now: Timestamp) -> Bool {
            quietUntil > now && missing > shared.remaining
        }
    }

    /// What a lease asks of the shared bucket: `deficit` tokens are needed now; `want` is that or a batch, whichever is
    /// more; a short bucket gives what it has up to `hold`, so that the replica never holds more than a batch.
    struct Ask: Sendable, Equatable {
        let deficit: Int
        let want: Int
        let hold: Int
    }

    /// A decision, or the buckets whose tokens must be leased before one can be made.
    enum Outcome: Sendable {
        case decided(QuotaDecision)
        case lease([BucketPolicy])
    }

    /// The longest a short bucket stays unasked.
    static let maximumQuiet: Duration = .seconds(1)

    private(set) var held: [BucketKey: Held] = [:]
    private(set) var counters = DecisionCounters()

    /// Spends every policy's cost from what is held, all or nothing. When something is missing: the buckets to lease
    /// from, or (`mayLease` false, or a missing bucket is quiet) a refusal that takes nothing.
    mutating func decide(_ policies: [BucketPolicy], at now: Timestamp, mayLease: Bool = true) -> Outcome {
        var current = policies.map { self.current($0, at: now) }
        let lacking = policies.indices.filter { current[$0].tokens < policies[$0].cost }
        let quiet = lacking.filter { !mayLease || current[$0].isQuiet(needing: policies[$0].cost - current[$0].tokens, at: now) }
        guard lacking.isEmpty || !quiet.isEmpty else { return .lease(lacking.map { policies[$0] }) }
        if lacking.isEmpty {
            for i in policies.indices { current[i].tokens -= policies[i].cost }
        }
        for held in current { self.held[held.policy.key] = held }
        counters.count(policies, refused: quiet)
        return .decided(QuotaDecision(
            allowed: lacking.isEmpty,
            policies: current.map { state($0, at: now) },
            violated: quiet.map { policies[$0].name },
            retryAfterSeconds: quiet.map { i in
                Int((current[i].shared.millisecondsUntil(policies[i].cost - current[i].tokens, now: now) + 999) / 1000)
            }.max() ?? 0))
    }

    /// What to lease for `policy` now; nil when what is held covers its cost.
    func ask(_ policy: BucketPolicy, batch: Int, at now: Timestamp) -> Ask? {
        let tokens = current(policy, at: now).tokens
        let deficit = policy.cost - tokens
        guard deficit > 0 else { return nil }
        let hold = max(0, batch - tokens)
        return Ask(deficit: deficit, want: max(deficit, hold), hold: hold)
    }

    /// Adds a lease's `granted` tokens, taken from the shared bucket that is now `shared`. Fewer than `deficit` makes
    /// the bucket quiet until it could have them. Tokens of a calendar window that is over lapse.
    mutating func credit(_ granted: Int, to policy: BucketPolicy, shared: Meter, deficit: Int, at now: Timestamp) {
        var entry = current(policy, at: now)
        let fresh = Meter.current(shared, policy, at: now)
        if fresh.windowStart == shared.windowStart { entry.tokens += granted }
        entry.shared = fresh
        entry.quietUntil = granted >= deficit ? now : Self.quietEnd(fresh, deficit - granted, at: now)
        held[policy.key] = entry
    }

    /// A lease that failed: the bucket stays unasked for ``maximumQuiet``.
    mutating func quiet(_ policy: BucketPolicy, at now: Timestamp) {
        var entry = current(policy, at: now)
        entry.quietUntil = now + Self.maximumQuiet
        held[policy.key] = entry
    }

    /// Takes back `count` unspent tokens taken in the window that started at `windowStart` (nil for a token bucket),
    /// up to a batch; returns the rest, which belongs back in the shared bucket (nothing once that window is over).
    mutating func giveBack(_ count: Int, of policy: BucketPolicy, takenIn windowStart: Timestamp?, batch: Int, at now: Timestamp) -> Int {
        var entry = current(policy, at: now)
        guard entry.shared.windowStart == windowStart else { return 0 }
        let kept = min(count, max(0, batch - entry.tokens))
        entry.tokens += kept
        held[policy.key] = entry
        return count - kept
    }

    /// What this replica holds of `policy`'s bucket at `now`.
    func tokens(_ policy: BucketPolicy, at now: Timestamp) -> Int { current(policy, at: now).tokens }

    /// Hands out every held token (for returning them to the shared buckets) and holds none after.
    mutating func takeAll(at now: Timestamp) -> [(policy: BucketPolicy, tokens: Int, windowStart: Timestamp?)] {
        var taken = [(policy: BucketPolicy, tokens: Int, windowStart: Timestamp?)]()
        for key in Array(held.keys) {
            var entry = current(held[key]!.policy, at: now)
            if entry.tokens > 0 { taken.append((entry.policy, entry.tokens, entry.shared.windowStart)) }
            entry.tokens = 0
            held[key] = entry
        }
        return taken
    }

    /// The held entry of `policy` brought to `now` under its current size: tokens of a calendar window that is over
    /// lapse (the next window never counted them).
    private func current(_ policy: BucketPolicy, at now: Timestamp) -> Held {
        guard let entry = held[policy.key] else {
            return Held(policy: policy, tokens: 0, shared: Meter.current(nil, policy, at: now), quietUntil: Timestamp(milliseconds: 0))
        }
        let seen = Meter.current(entry.shared, policy, at: now)
        let tokens = seen.windowStart == entry.shared.windowStart ? entry.tokens : 0
        return Held(policy: policy, tokens: tokens, shared: seen, quietUntil: entry.quietUntil)
    }

    private func state(_ entry: Held, at now: Timestamp) -> PolicyState {
        Self.state(entry.policy, shared: entry.shared, holding: entry.tokens, at: now)
    }

    /// What headers and the limits API report: the shared bucket with the tokens this replica holds counted as still
    /// in it (they are this client's to spend), so remaining and reset agree.
    static func state(_ policy: BucketPolicy, shared: Meter, holding tokens: Int, at now: Timestamp) -> PolicyState {
        var view = shared
        view.giveBack(tokens, takenIn: shared.windowStart)
        return PolicyState(policy, view, at: now)
    }

    /// When a bucket that lacked `missing` tokens could have them, within ``maximumQuiet``.
    private static func quietEnd(_ shared: Meter, _ missing: Int, at now: Timestamp) -> Timestamp {
        let wait = min(max(shared.millisecondsUntil(missing, now: now), 1), maximumQuiet.milliseconds)
        return now + .milliseconds(wait)
    }
}
