import Kernel

/// Every bucket in memory and the all-or-nothing decision over a set of them: the pure core of the limiter.
///
/// It runs on every request, so each policy costs one hash lookup: the bucket is found once, updated in place by
/// its index, and carries its own changed-since-persist flag. A bucket is a token bucket or a calendar window's
/// count (``Meter``).
struct BucketTable: Sendable {
    /// A bucket and whether it changed since the last persist.
    struct Entry: Sendable {
        var meter: Meter
        var dirty: Bool
    }

    private(set) var entries: [BucketKey: Entry] = [:]
    /// Allowed and refused decisions per policy name, for `/metrics`.
    private(set) var counters = DecisionCounters()

    /// Brings the named buckets to `now`, and takes the tokens from all of them only if every one has enough. With
    /// `take: false` it only answers whether it would allow.
    mutating func decide(_ policies: [BucketPolicy], at now: Timestamp, take: Bool = true) -> QuotaDecision {
        let found = policies.map { entries.index(forKey: $0.key) }
        var current = policies.indices.map { Meter.current(found[$0].map { entries.values[$0].meter }, policies[$0], at: now) }
        let refused = policies.indices.filter { !current[$0].canTake(policies[$0].cost) }
        if refused.isEmpty && take {
            for i in policies.indices { current[i].take(policies[i].cost) }
            for i in policies.indices { if let index = found[i] { entries.values[index] = Entry(meter: current[i], dirty: true) } }
            for i in policies.indices where found[i] == nil { entries[policies[i].key] = Entry(meter: current[i], dirty: true) }
        }
        if take { counters.count(policies, refused: refused) }
        return QuotaDecision(
            allowed: refused.isEmpty,
            policies: policies.indices.map { state(policies[$0], current[$0], at: now) },
            violated: refused.map { policies[$0].name },
            retryAfterSeconds: refused.map { current[$0].secondsUntil(policies[$0].cost, now: now) }.max() ?? 0)
    }

    /// Gives back `count` of what a calendar window's policy took in the window that started at `windowStart`
    /// (nothing once that window is over, or for a token bucket).
    mutating func giveBack(_ count: Int, of policy: BucketPolicy, takenIn windowStart: Timestamp, at now: Timestamp) {
        guard let index = entries.index(forKey: policy.key), case .window(var counter) = Meter.current(entries.values[index].meter, policy, at: now)
        else { return }
        counter.giveBack(count, takenIn: windowStart)
        entries.values[index] = Entry(meter: .window(counter), dirty: true)
    }

    /// Where the calendar window of `key` started, if it is one.
    func windowStart(of key: BucketKey) -> Timestamp? {
        guard case .window(let counter)? = entries[key]?.meter else { return nil }
        return counter.start
    }

    /// The buckets' state without taking anything.
    func peek(_ policies: [BucketPolicy], at now: Timestamp) -> [PolicyState] {
        policies.map { state($0, Meter.current(entries[$0.key]?.meter, $0, at: now), at: now) }
    }

    /// The most used of the buckets `policy` stands for: those of its name whose subject starts with its subject
    /// (one address's sign-ups at an operator, among every address's); a fresh one when there is none.
    func busiest(like policy: BucketPolicy, at now: Timestamp) -> PolicyState {
        var busiest = Meter.current(nil, policy, at: now)
        for (key, entry) in entries where key.name == policy.key.name && key.subject.hasPrefix(policy.key.subject) {
            let meter = Meter.current(entry.meter, policy, at: now)
            if meter.remaining < busiest.remaining { busiest = meter }
        }
        return state(policy, busiest, at: now)
    }

    /// Restores a persisted bucket (at start-up, before any decision).
    mutating func restore(key: BucketKey, _ meter: Meter) {
        entries[key] = Entry(meter: meter, dirty: false)
    }

    /// Hands out the changed buckets for persisting and forgets they were changed.
    mutating func takeDirty() -> [(key: BucketKey, meter: Meter)] {
        var changed = [(key: BucketKey, meter: Meter)]()
        for index in entries.indices where entries.values[index].dirty {
            changed.append((entries.keys[index], entries.values[index].meter))
            entries.values[index].dirty = false
        }
        return changed
    }

    private func state(_ policy: BucketPolicy, _ meter: Meter, at now: Timestamp) -> PolicyState {
        PolicyState(policy, meter, at: now)
    }
}
