/// The kinds of id the platform mints, each with its prefix and the noun a 404 uses for it. One table, so no two
/// kinds can share a prefix and a route's refusal of a malformed id reads exactly like the domain's refusal of an
/// unknown one.
public struct IdentifierPrefix: Hashable, Sendable, CustomStringConvertible {
    /// What ids of this kind start with, before the `_`.
    public let rawValue: String
    /// The resource's name in messages: "No user with id …".
    public let noun: String

    public init(_ rawValue: String, noun: String) {
        self.rawValue = rawValue
        self.noun = noun
    }

    public var description: String { rawValue }

    // Accounts
    public static let `operator` = IdentifierPrefix("op", noun: "operator")
    public static let apiKey = IdentifierPrefix("key", noun: "API key")
    public static let member = IdentifierPrefix("mem", noun: "member")
    public static let plan = IdentifierPrefix("plan", noun: "plan")
    public static let user = IdentifierPrefix("usr", noun: "user")
    // Strategies
    public static let template = IdentifierPrefix("tpl", noun: "template")
    public static let push = IdentifierPrefix("psh", noun: "push")
    public static let strategy = IdentifierPrefix("stg", noun: "strategy")
    // Billing
    public static let walletEntry = IdentifierPrefix("wle", noun: "wallet entry")
    public static let usageRollup = IdentifierPrefix("ur", noun: "usage roll-up")
    public static let inboxItem = IdentifierPrefix("ntf", noun: "inbox item")
    // Webhooks
    public static let webhookEndpoint = IdentifierPrefix("whe", noun: "webhook endpoint")
    public static let webhookDelivery = IdentifierPrefix("dlv", noun: "webhook delivery")
    public static let webhookRecovery = IdentifierPrefix("whr", noun: "webhook recovery")
    // The Kernel's bus, and the HTTP layer
    public static let event = IdentifierPrefix("evt", noun: "event")
    public static let request = IdentifierPrefix("req", noun: "request")
}
