import Kernel

/// The Webhooks domain actor: endpoints and subscriptions, the delivery log, replay, stats and the events API.
/// Delivery itself runs in its ``DeliveryDispatcher``; new deliveries come from its bus subscriber
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
        public var maxConcurrentAttempts = 64
        public var maxConcurrentPerEndpoint = 8
        public var circuitBreaker = CircuitBreaker()
        /// The source of jitter (0…1); tests pin it to 0.5 for exact schedules.
        public var random: @Sendable () -> Double = { Double.random(in: 0...1) }
        /// The server's master key, which seals endpoint signing secrets in the database. The assembly sets it;
        /// without it, creating an endpoint or signing a delivery fails (`no_master_key`).
        public var masterKey: MasterKey?

        public init() {}
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
