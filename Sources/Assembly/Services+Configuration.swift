import Accounts
import Billing
import Foundation
import OperatorCLI
import RateLimit
import Strategies
import Webhooks

extension Services {
    /// Every domain's settings and the parts chosen at assembly: production defaults, which `serve` changes from
    /// its ``ServeOptions`` and tests change directly.
    public struct Configuration: Sendable {
        public var accounts = Accounts.Settings()
        public var strategies = Strategies.Settings()
        public var billing = Billing.Settings()
        public var webhooks = Webhooks.Settings()
        public var rateLimit = RateLimit.Settings()
        /// The WhatsApp Cloud API credentials for low-balance alerts; nil keeps alerts in the inbox.
        public var whatsApp: WhatsAppConfiguration?
        /// How webhook attempts reach receivers.
        public var transport: any WebhookTransport = URLSessionTransport()
        /// Whether the Gateway enforces quotas; only benchmarks turn them off, to measure what the limiter costs.
        public var enforceQuotas = true

        public init() {}

        /// The configuration `serve` runs with: the defaults, with what the command line and the environment set.
        public init(_ options: ServeOptions) {
            webhooks.allowPrivateTargets = options.webhookAllowPrivate
            let environment = ProcessInfo.processInfo.environment
            if let failures = environment["OPERATOR_API_AUTH_FAILURES_PER_ADDRESS"].flatMap(Int.init), failures > 0 {
                rateLimit.authFailuresPerAddress = failures
            }
            if let base = environment["OPERATOR_API_WEBHOOK_RETRY_BASE_MS"].flatMap(Int64.init), base > 0 {
                webhooks.retrySchedule.base = .milliseconds(base)
            }
            if let timeout = environment["OPERATOR_API_WEBHOOK_TIMEOUT_MS"].flatMap(Int64.init), timeout > 0 {
                webhooks.attemptTimeout = .milliseconds(timeout)
            }
            // Benchmark knob (README): measures the gateway with the limiter off. Never set in production.
            enforceQuotas = environment["OPERATOR_API_BENCH_NO_QUOTAS"] != "1"
            whatsApp = WhatsAppConfiguration()
        }
    }
}
