import Foundation
import Kernel
import Synchronization

/// User creations taken up front for one request (``RateLimit/reserveUserCreations(_:count:)``), to be settled
/// with what it created.
public struct CreationReservation: Sendable, Equatable {
    let scope: TenantScope
    public let count: Int
    /// The start of the IST hour the creations were counted in.
    let windowStart: Timestamp
}

/// The RateLimit domain actor. Decisions are on every request's path, so they are `nonisolated`: a mutex around the
/// pure ``BucketTable`` (critical sections of a few dictionary operations). The actor itself owns what is slow:
/// restoring and persisting bucket levels and operators' tiers.
///
/// With replicas (``QuotaSharing/replicas``, PostgreSQL's default) the operators' quotas are counted in shared rows
/// instead, which each replica leases batches of tokens from (``SharedQuotas``): a decision spends what this replica
/// holds and only waits for the database when a batch runs out. The per-address and per-session limits (failed
/// sign-ins, client apps, one address's sign-ups) stay per replica: they guard each process against one client.
public actor RateLimit {
    /// Limits that are not per operator.
    public struct Settings: Sendable {
        /// Failed authentications allowed per source address (then 429 until the bucket refills).
        public var authFailuresPerAddress = 20
        public var authFailureWindow: Duration = .seconds(60)
        /// Client-app API requests per minute, per session and per address.
        public var clientRequestsPerSession = 300
        public var clientRequestsPerAddress = 1200
        /// Where the operators' quotas are counted; nil: as the engine needs (SQLite is one process: ``QuotaSharing/process``;
        /// PostgreSQL may serve replicas: ``QuotaSharing/replicas``).
        public var sharing: QuotaSharing?
        public init() {}
    }

    let database: Database
    nonisolated let clock: any WallClock
    nonisolated let settings: Settings
    nonisolated let table = Mutex(BucketTable())
    nonisolated let operators = OperatorDirectory()
    /// The operators' quotas when replicas share them; nil when this process counts them itself.
    nonisolated let shared: SharedQuotas?
    /// Subscribe this to the bus: it keeps operators' tiers and overrides current.
    public nonisolated let eventHandler: any EventHandler

    /// The other modules' events RateLimit reads, with the mirrors it decodes them into (for contract tests).
    public static var consumedEvents: [EventMirror] { OperatorLimitsHandler.mirrors }

    public init(database: Database, settings: Settings = Settings()) {
        self.database = database
        clock = database.clock
        self.settings = settings
        eventHandler = OperatorLimitsHandler(directory: operators)
        switch settings.sharing ?? (database.dialect == .postgres ? .replicas : .process) {
        case .process: shared = nil
        case .replicas(let sharePerMille): shared = SharedQuotas(database: database, sharePerMille: sharePerMille)
        }
        operators.follow(database)
    }

    /// Where this limiter counts the operators' quotas.
    public nonisolated var sharing: QuotaSharing {
        shared.map { .replicas(sharePerMille: $0.sharePerMille) } ?? .process
    }

    /// An operator's tier and its limits after overrides.
    public nonisolated func limits(for operatorID: String) -> (tier: String, limits: [Quota: Int]) {
        let known = operators[operatorID] ?? OperatorLimits(tier: Tier.standard.name, overrides: [:])
        return (known.tier, known.effective)
    }

    /// Takes one request from the operator's per-minute bucket and per-day count in this mode: both or neither.
    public nonisolated func checkRequest(_ scope: TenantScope) async -> QuotaDecision {
        let limits = limits(for: scope.operatorID).limits
        let policies = [policy(.requestsPerMinute, scope, limits: limits), policy(.requestsPerDay, scope, limits: limits)]
        if let shared { return await shared.decide(policies) }
        let now = clock.now()
        return table.withLock { $0.decide(policies, at: now) }
    }

    /// Takes `count` user creations from this hour's quota up front, all or none; settle the reservation with
    /// ``release(_:used:)`` once the request has answered, so that only the users actually created are charged.
    /// The reservation is there exactly when the decision allows.
    public nonisolated func reserveUserCreations(_ scope: TenantScope, count: Int) async -> (decision: QuotaDecision, reservation: CreationReservation?) {
        let policy = policy(.userCreationsPerHour, scope, limits: limits(for: scope.operatorID).limits, cost: count)
        let now = clock.now()
        if let shared {
            let decision = await shared.decide([policy])
            guard decision.allowed else { return (decision, nil) }
            return (decision, CreationReservation(scope: scope, count: count, windowStart: WindowCounter.start(containing: now, length: policy.window)))
        }
        return table.withLock { table in
            let decision = table.decide([policy], at: now)
            guard decision.allowed, let start = table.windowStart(of: policy.key) else { return (decision, nil) }
            return (decision, CreationReservation(scope: scope, count: count, windowStart: start))
        }
    }

    /// Gives back what `reservation` took beyond the `used` users the request created (nothing once the hour it
    /// was taken in is over: the next hour never counted it).
    public nonisolated func release(_ reservation: CreationReservation, used: Int) async {
        let unused = reservation.count - min(max(used, 0), reservation.count)
        guard unused > 0 else { return }
        let policy = policy(.userCreationsPerHour, reservation.scope, limits: limits(for: reservation.scope.operatorID).limits)
        if let shared { return await shared.giveBack(unused, of: policy, takenIn: reservation.windowStart) }
        let now = clock.now()
        table.withLock { $0.giveBack(unused, of: policy, takenIn: reservation.windowStart, at: now) }
    }

    /// The operator's bucket quotas now, without taking anything (for `GET /v1/wl/limits`); the per-address sign-up
    /// quota as its busiest address (on this replica). With replicas: the shared buckets' state plus what this
    /// replica holds; other replicas' unspent batches (at most a share each) count as used until spent or given back.
    public nonisolated func usage(_ scope: TenantScope) async throws -> [PolicyState] {
        let limits = limits(for: scope.operatorID).limits
        let policies = [Quota.requestsPerMinute, .requestsPerDay, .userCreationsPerHour, .signupsPerHour].map { policy($0, scope, limits: limits) }
        let perAddress = signupPolicy(scope, address: "", limits: limits)
        let operatorStates = try await shared?.usage(policies)
        let now = clock.now()
        return table.withLock { (operatorStates ?? $0.peek(policies, at: now)) + [$0.busiest(like: perAddress, at: now)] }
    }

    /// The policy name of the per-address limit on failed authentications (in `violated_policies`).
    public static let authFailuresPolicy = "auth-failures"

    /// Whether `address` may still try to authenticate (its failure bucket is not empty). Takes nothing.
    public nonisolated func authenticationAllowed(from address: String) -> QuotaDecision {
        let now = clock.now(), policy = authFailurePolicy(address)
        return table.withLock { $0.decide([policy], at: now, take: false) }
    }

    /// Records one failed authentication from `address`.
    public nonisolated func recordAuthenticationFailure(from address: String) {
        let now = clock.now()
        let policy = authFailurePolicy(address)
        _ = table.withLock { $0.decide([policy], at: now) }
    }

    /// Takes one client-app request from the session's and the address's buckets.
    public nonisolated func checkClientRequest(session: String?, address: String) -> QuotaDecision {
        var policies = [clientAddressPolicy(address)]
        if let session {
            policies.append(BucketPolicy(key: BucketKey(subject: session, name: "client-session"), name: "client-session", capacity: settings.clientRequestsPerSession, window: .seconds(60)))
        }
        let now = clock.now()
        return table.withLock { $0.decide(policies, at: now) }
    }

    /// Allowed and refused decisions per policy name.
    public nonisolated var counters: [String: (allowed: Int, refused: Int)] {
        let sharedCounters = shared?.table.withLock { $0.counters } ?? DecisionCounters()
        return table.withLock { $0.counters.adding(sharedCounters) }
    }

    nonisolated func policy(_ quota: Quota, _ scope: TenantScope, limits: [Quota: Int], cost: Int = 1) -> BucketPolicy {
        let window = quota.window!
        let isCalendar = if case .calendar = window { true } else { false }
        return BucketPolicy(key: BucketKey(subject: scope.operatorID, mode: scope.mode, name: quota.rawValue), name: quota.policyName,
                            quota: quota, capacity: limits[quota] ?? 0, window: window.length, isCalendar: isCalendar, cost: cost)
    }

    /// Client-app requests (and sign-ups) from one address.
    nonisolated func clientAddressPolicy(_ address: String) -> BucketPolicy {
        BucketPolicy(key: BucketKey(subject: IPNetwork.limitingBlock(of: address), name: "client-ip"), name: "client-address",
                     capacity: settings.clientRequestsPerAddress, window: .seconds(60))
    }

    private nonisolated func authFailurePolicy(_ address: String) -> BucketPolicy {
        BucketPolicy(key: BucketKey(subject: IPNetwork.limitingBlock(of: address), name: Self.authFailuresPolicy), name: Self.authFailuresPolicy,
                     capacity: settings.authFailuresPerAddress, window: settings.authFailureWindow)
    }
}
