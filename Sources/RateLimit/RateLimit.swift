import Foundation
import Kernel
import Synchronization

/// The RateLimit domain actor. Decisions are on every request's path, so they are `nonisolated` and synchronous:
/// a mutex around the pure ``BucketTable`` (critical sections of a few dictionary operations). The actor itself
/// owns what is slow: restoring and persisting bucket levels and operators' tiers.
public actor RateLimit {
    /// Limits that are not per operator.
    public struct Settings: Sendable {
        /// Failed authentications allowed per source address (then 429 until the bucket refills).
        public var authFailuresPerAddress = 20
        public var authFailureWindow: Duration = .seconds(60)
        /// Client-app API requests per minute, per session and per address.
        public var clientRequestsPerSession = 300
        public var clientRequestsPerAddress = 1200
        public init() {}
    }

    let database: Database
    nonisolated let clock: any WallClock
    nonisolated let settings: Settings
    nonisolated let table = Mutex(BucketTable())
    nonisolated let operators = OperatorDirectory()
    /// Subscribe this to the bus: it keeps operators' tiers and overrides current.
    public nonisolated let eventHandler: any EventHandler

    /// The other modules' events RateLimit reads, with the mirrors it decodes them into (for contract tests).
    public static var consumedEvents: [EventMirror] { OperatorLimitsHandler.mirrors }

    public init(database: Database, settings: Settings = Settings()) {
        self.database = database
        clock = database.clock
        self.settings = settings
        eventHandler = OperatorLimitsHandler(directory: operators)
    }

    /// An operator's tier and its limits after overrides.
    public nonisolated func limits(for operatorID: String) -> (tier: String, limits: [Quota: Int]) {
        let known = operators[operatorID] ?? OperatorLimits(tier: Tier.standard.name, overrides: [:])
        return (known.tier, known.effective)
    }

    /// Takes one request (and `userCreations` creation tokens) from the operator's buckets in this mode: all or
    /// nothing.
    public nonisolated func checkRequest(_ scope: TenantScope, userCreations: Int = 0) -> QuotaDecision {
        let limits = limits(for: scope.operatorID).limits
        var policies = [policy(.requestsPerMinute, scope, limits: limits), policy(.requestsPerDay, scope, limits: limits)]
        if userCreations > 0 { policies.append(policy(.userCreationsPerHour, scope, limits: limits, cost: userCreations)) }
        let now = clock.now()
        return table.withLock { $0.decide(policies, at: now) }
    }

    /// The operator's bucket quotas now, without taking anything (for `GET /v1/wl/limits`).
    public nonisolated func usage(_ scope: TenantScope) -> [PolicyState] {
        let now = clock.now()
        let limits = limits(for: scope.operatorID).limits
        let policies = [Quota.requestsPerMinute, .requestsPerDay, .userCreationsPerHour].map { policy($0, scope, limits: limits) }
        return table.withLock { $0.peek(policies, at: now) }
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
        var policies = [BucketPolicy(key: BucketKey(subject: address, name: "client-ip"), name: "client-address", capacity: settings.clientRequestsPerAddress, window: .seconds(60))]
        if let session {
            policies.append(BucketPolicy(key: BucketKey(subject: session, name: "client-session"), name: "client-session", capacity: settings.clientRequestsPerSession, window: .seconds(60)))
        }
        let now = clock.now()
        return table.withLock { $0.decide(policies, at: now) }
    }

    /// Allowed and refused decisions per policy name.
    public nonisolated var counters: [String: (allowed: Int, refused: Int)] { table.withLock { $0.counters } }

    nonisolated func policy(_ quota: Quota, _ scope: TenantScope, limits: [Quota: Int], cost: Int = 1) -> BucketPolicy {
        BucketPolicy(key: BucketKey(subject: scope.operatorID, mode: scope.mode, name: quota.rawValue), name: quota.policyName, quota: quota,
                     capacity: limits[quota] ?? 0, window: quota.window!, cost: cost)
    }

    private nonisolated func authFailurePolicy(_ address: String) -> BucketPolicy {
        BucketPolicy(key: BucketKey(subject: address, name: Self.authFailuresPolicy), name: Self.authFailuresPolicy,
                     capacity: settings.authFailuresPerAddress, window: settings.authFailureWindow)
    }
}
