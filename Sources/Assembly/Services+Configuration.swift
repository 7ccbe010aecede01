import Accounts
import Billing
import Kernel
import OperatorCLI
import RateLimit
import Strategies
import Webhooks

extension Services {
    /// Every domain's settings and the parts chosen at assembly: production defaults, which `serve` changes from
    /// its ``ServeOptions`` and tests change directly.
    public struct Configuration: Sendable {
        /// How the storage engine stores: durability, the number of readers, PostgreSQL's schema and library.
        public var storage = StorageSettings()
        public var accounts = Accounts.Settings()
        public var strategies = Strategies.Settings()
        public var billing = Billing.Settings()
        public var webhooks = Webhooks.Settings()
        public var rateLimit = RateLimit.Settings()
        /// The WhatsApp Cloud API credentials for low-balance alerts; nil keeps alerts in the inbox.
        public var whatsApp: WhatsAppConfiguration?
        /// How webhook attempts reach receivers; nil sends them on our HTTP client, behind the SSRF guard unless
        /// `webhooks.allowPrivateTargets` is set.
        public var transport: (any WebhookTransport)?
        /// Whether the Gateway enforces quotas; only benchmarks turn them off, to measure what the limiter costs.
        public var enforceQuotas = true
        /// Reverse proxies whose forwarding headers name the client (`--trusted-proxies`); none by default.
        public var trustedProxies: [IPNetwork] = []
        /// The bearer token `/metrics` requires (`--metrics-token`); nil leaves `/metrics` open.
        public var metricsToken: String?
        /// The master key's file (`--master-key-file`); nil: beside the database (``MasterKeyFile/defaultPath(forDatabase:)``).
        public var masterKeyFile: String?

        public init() {}

        /// The configuration `serve` runs with: the defaults, with what the command line and the environment set.
        public init(_ options: ServeOptions) {
            storage = options.storageSettings
            webhooks.allowPrivateTargets = options.webhookAllowPrivate
            if let base = options.knobs.webhookRetryBase { webhooks.retrySchedule.base = base }
            if let timeout = options.knobs.webhookAttemptTimeout { webhooks.attemptTimeout = timeout }
            if let failures = options.knobs.authFailuresPerAddress { rateLimit.authFailuresPerAddress = failures }
            enforceQuotas = options.knobs.enforceQuotas
            trustedProxies = options.trustedProxies
            metricsToken = options.metricsToken
            masterKeyFile = options.masterKeyFile
            whatsApp = options.whatsApp
        }
    }
}
