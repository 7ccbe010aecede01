import Kernel

/// The Billing domain actor: strategy-day metering, the daily roll-up at 18:30 IST, the prepaid wallet per
/// operator and mode, and low-balance alerts (event, inbox, WhatsApp).
///
/// It imports no other domain: it learns about operators, prices and live strategies from bus events through
/// ``meter``, which the composition root subscribes before starting the bus. Two loops run beside it:
/// ``runRollupScheduler(bus:)`` and ``runAlertSender()``; their single passes (``runDueRollups()``,
/// ``deliverPendingAlerts()``) are public too, for tests and operations.
///
/// Every state change and the events it causes commit in one transaction. Money is `Int64` paise throughout.
public actor Billing {
    /// Tunables with production defaults.
    public struct Settings: Sendable {
        /// How many ledger entries the wallet view shows.
        public var recentEntries = 10
        /// How often the alert sender looks for new pending alerts when none is scheduled sooner.
        public var alertPollInterval: Duration = .seconds(5)
        /// The pause before each WhatsApp retry, growing per failed attempt.
        public var alertBackoff = RetryBackoff(base: .seconds(30), cap: .seconds(3600))
        /// Attempts before a WhatsApp alert is given up as `failed` (8 attempts span about an hour).
        public var alertMaxAttempts = 8
        /// How long the scheduler waits after a failed roll-up pass before trying again.
        public var rollupRetryDelay: Duration = .seconds(60)

        public init() {}
    }

    /// The only currency: Indian rupees, amounts in paise.
    public static let currency = "INR"
    /// The largest single top-up: ₹10 crore.
    public static let maximumCreditPaise: Int64 = 10_000_000_000

    let database: Database
    let clock: any WallClock
    let settings: Settings
    let logger: Logger
    let alerts: WalletAlerts
    let whatsApp: WhatsAppClient?
    /// Set while a delivery pass runs, so overlapping passes never send the same alert twice.
    var isDeliveringAlerts = false

    /// Billing's bus subscriber (`billing.meter`): subscribe it before the bus starts.
    public nonisolated let meter: BillingMeter

    /// The other modules' events Billing reads, with the mirrors it decodes them into (for contract tests).
    public static var consumedEvents: [EventMirror] { InboundEvent.mirrors }

    /// - Parameter whatsApp: the Cloud API credentials; nil keeps alerts in the inbox (recorded `not_configured`).
    public init(database: Database, whatsApp: WhatsAppConfiguration? = nil, settings: Settings = Settings(), logger: Logger = .discard) {
        self.database = database
        self.clock = database.clock
        self.settings = settings
        self.logger = logger
        self.whatsApp = whatsApp.map { WhatsAppClient(configuration: $0) }
        let alerts = WalletAlerts(whatsAppConfigured: whatsApp != nil)
        self.alerts = alerts
        meter = BillingMeter(alerts: alerts)
    }
}
