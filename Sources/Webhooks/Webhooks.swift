import Kernel

/// The Webhooks domain actor: endpoints and subscriptions, the delivery log, replay and recoveries, stats and the
/// events API. Delivery itself runs in its ``DeliveryDispatcher``; new deliveries come from its bus subscriber
/// (``eventHandler``).
public actor Webhooks {
    /// Tunables with production defaults.
    public struct Settings: Sendable {
        public var retrySchedule = RetrySchedule()
        /// Per-attempt time limit.
        public var attemptTimeout: Duration = .seconds(10)
        /// Allows private targets and `http://` in live mode (tests, local development).
        public var allowPrivateTargets = false
        /// The `api_version` stamped into every envelope.
        public var apiVersion = "2026-11-01"
        /// Attempts in flight at once, in all.
        public var maxConcurrentAttempts = 256
        /// Attempts in flight at once for one tenant (operator and mode).
        public var maxConcurrentPerTenant = 32
        /// Attempts in flight at once to one endpoint (its connection pool holds as many).
        public var maxConcurrentPerEndpoint = 8
        /// Due deliveries of one endpoint held in memory, read from storage in batches of up to this many.
        public var prefetchPerEndpoint = 32
        public var circuitBreaker = CircuitBreaker()
        /// An endpoint whose every attempt failed for this long is disabled.
        public var autoDisableAfter: Duration = .seconds(5 * 86_400)
        /// How long a replica's claim on a due delivery lasts unless renewed (``DeliveryClaims``). After a replica dies
        /// (kill -9), its deliveries go again at most `claimLease + discoveryInterval` later: 7 s by default, inside
        /// the 10 s a failover may take. Shorter leases cost more renewals and risk a slow database write (a stalled
        /// replica) losing claims it still works on; the renewal keeps attempts that run up to `attemptTimeout`.
        public var claimLease: Duration = .seconds(6)
        /// How often a replica that holds claims renews them: a third of the lease, so two renewals may fail in a row.
        public var claimRenewal: Duration = .seconds(2)
        /// How often a replica looks for due deliveries it was not told about (created by another replica, or left
        /// by one that died), besides the wake-ups of what it creates itself.
        public var discoveryInterval: Duration = .seconds(1)
        /// Deliveries of one recovery open at once: its pace.
        public var recoveryWindow = 100
        /// How far back a recovery may reach (events are kept 30 days).
        public var recoveryReach: Duration = .seconds(30 * 86_400)
        /// The source of jitter (0…1); tests pin it to 0.5 for exact schedules.
        public var random: @Sendable () -> Double = { Double.random(in: 0...1) }
        /// The server's master key, which seals endpoint signing secrets in the database. The assembly sets it;
        /// without it, creating an endpoint or signing a delivery fails (`no_master_key`).
        public var masterKey: MasterKey?

        public init() {}

        /// The scheduler's bounds.
        var limits: DispatchScheduler<DueDelivery>.Limits {
            .init(total: maxConcurrentAttempts, perTenant: maxConcurrentPerTenant, perEndpoint: maxConcurrentPerEndpoint,
                  prefetch: prefetchPerEndpoint, awaitingRecord: 8 * maxConcurrentAttempts)
        }
    }

    let database: Database
    let clock: any WallClock
    let settings: Settings
    let subscriptionLimit: @Sendable (String) async -> Int
    let secrets: EndpointSecrets
    /// The deliveries' transport, which the receiver check-up sends through too (the same SSRF guard).
    let transport: any WebhookTransport
    public nonisolated let dispatcher: DeliveryDispatcher
    /// Subscribe this to the bus: it turns the operator-facing events into deliveries.
    public nonisolated let eventHandler: any EventHandler

    /// The events Webhooks reads a subject from (to order their deliveries), with its mirrors (for contract tests).
    public static var consumedEvents: [EventMirror] { DeliveryLane.mirrors }

    /// - Parameter subscriptionLimit: the operator's quota of active subscriptions (RateLimit owns the tiers).
    public init(
        database: Database, transport: any WebhookTransport, settings: Settings = Settings(), logger: Logger = .discard,
        subscriptionLimit: @escaping @Sendable (String) async -> Int = { _ in 10 }
    ) {
        self.database = database
        self.clock = database.clock
        self.settings = settings
        self.subscriptionLimit = subscriptionLimit
        secrets = EndpointSecrets(masterKey: settings.masterKey)
        self.transport = transport
        let dispatcher = DeliveryDispatcher(database: database, transport: transport, settings: settings, logger: logger)
        self.dispatcher = dispatcher
        eventHandler = DeliveryHandler(apiVersion: settings.apiVersion, dispatcher: dispatcher)
    }
}
