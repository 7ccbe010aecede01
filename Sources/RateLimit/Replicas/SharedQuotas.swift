import Kernel
import Synchronization

/// Operators' quotas across replicas: decisions spend the tokens this replica holds (``LeaseTable``), and lease more
/// from the shared rows (``SharedBucketStore``) when they run short, one lease per bucket at a time however many
/// requests wait for it.
final class SharedQuotas: Sendable {
    let store: SharedBucketStore
    let clock: any WallClock
    let sharePerMille: Int
    let table = Mutex(LeaseTable())
    private let leases = Mutex([BucketKey: Task<Void, Never>]())

    /// Rounds of leasing one decision waits for before it refuses (only heavy contention on one replica needs more
    /// than one: each round serves a batch).
    static let maximumRounds = 32

    init(database: Database, sharePerMille: Int) {
        store = SharedBucketStore(database: database, clock: database.clock)
        clock = database.clock
        self.sharePerMille = sharePerMille
    }

    /// The most of `policy`'s bucket this replica holds.
    func batch(_ policy: BucketPolicy) -> Int { policy.capacity * sharePerMille / 1000 }

    /// Takes every policy's cost, all or nothing, leasing what is missing first.
    func decide(_ policies: [BucketPolicy]) async -> QuotaDecision {
        for _ in 0..<Self.maximumRounds {
            let now = clock.now()
            switch table.withLock({ $0.decide(policies, at: now) }) {
            case .decided(let decision):
                return decision
            case .lease(let lacking):
                await withTaskGroup(of: Void.self) { group in
                    for policy in lacking { group.addTask { await self.lease(policy) } }
                }
            }
        }
        let now = clock.now()
        guard case .decided(let decision) = table.withLock({ $0.decide(policies, at: now, mayLease: false) }) else { preconditionFailure("decide without leasing always decides") }
        return decision
    }

    /// Takes back `count` unspent tokens: up to a batch stays here, the rest goes back to the shared bucket.
    func giveBack(_ count: Int, of policy: BucketPolicy, takenIn windowStart: Timestamp?) async {
        let now = clock.now(), batch = batch(policy)
        let excess = table.withLock { $0.giveBack(count, of: policy, takenIn: windowStart, batch: batch, at: now) }
        try? await store.giveBack(excess, of: policy, takenIn: windowStart)
    }

    /// The buckets as the shared rows hold them plus what this replica holds (other replicas' unspent batches are not
    /// visible: at most a batch each).
    func usage(_ policies: [BucketPolicy]) async throws -> [PolicyState] {
        let shared = try await store.current(policies)
        let now = clock.now()
        return table.withLock { table in
            zip(policies, shared).map { policy, meter in
                LeaseTable.state(policy, shared: meter, holding: table.tokens(policy, at: now), at: now)
            }
        }
    }

    /// Gives every held token back to its shared bucket (on the way out: a replica that stops cleanly loses nothing;
    /// one that dies loses what it held, which only makes the limits stricter until the buckets refill).
    func returnAll() async throws {
        let now = clock.now()
        for (policy, tokens, windowStart) in table.withLock({ $0.takeAll(at: now) }) {
            try await store.giveBack(tokens, of: policy, takenIn: windowStart)
        }
    }

    /// Waits for a lease of `policy`'s bucket: the one running, or a new one.
    private func lease(_ policy: BucketPolicy) async {
        let running = leases.withLock { leases in
            if let running = leases[policy.key] { return running }
            let task = Task { await self.performLease(policy) }
            leases[policy.key] = task
            return task
        }
        await running.value
    }

    /// Leases what `policy`'s bucket lacks. A lease that fails is tried once more at once: PostgreSQL ends one of two
    /// replicas' transactions that wait for each other's rows (a deadlock), and the retry then goes through. One that
    /// fails again leaves the bucket quiet (its requests refused) for ``LeaseTable/maximumQuiet``.
    private func performLease(_ policy: BucketPolicy) async {
        defer { leases.withLock { $0[policy.key] = nil } }
        let batch = batch(policy)
        guard let ask = table.withLock({ [now = clock.now()] in $0.ask(policy, batch: batch, at: now) }) else { return }
        for attempt in 1...2 {
            do {
                let (granted, shared) = try await store.lease(policy, want: ask.want, hold: ask.hold)
                let now = clock.now()
                table.withLock { $0.credit(granted, to: policy, shared: shared, deficit: ask.deficit, at: now) }
                return
            } catch where attempt == 1 {
                continue
            } catch {
                let now = clock.now()
                table.withLock { $0.quiet(policy, at: now) }
            }
        }
    }
}
