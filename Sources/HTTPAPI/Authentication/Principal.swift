import Kernel

/// Who is calling, as an ``Authenticator`` established it from the bearer token.
public struct Principal: Sendable, Hashable {
    /// The kinds of credential the API accepts.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A whitelabel operator's secret API key (server to server).
        case operatorKey
        /// The platform's own administrators.
        case admin
        /// An end user of an operator's app, signed in through a client session.
        case clientSession
        /// Whoever scrapes `/metrics`, when `--metrics-token` protects it; it reaches nothing else.
        case metricsScraper
    }

    public let kind: Kind
    /// The operator (tenant) every row and event of the request belongs to; nil only for ``Kind/admin``, which
    /// spans tenants.
    public let tenant: String?
    /// Live or test, from the credential; nil only for ``Kind/admin``.
    public let mode: Mode?
    /// The credential's own id (API key id, admin token id, session's user id): safe to log, never the secret.
    public let subject: String
    /// When a credential that was rotated out stops working; nil for a current one. Until then it serves routes
    /// that move data, but not those whose ``AuthRequirement/requiresCurrentCredential`` is set.
    public let retiresAt: Timestamp?

    public init(kind: Kind, tenant: String?, mode: Mode?, subject: String, retiresAt: Timestamp? = nil) {
        self.kind = kind
        self.tenant = tenant
        self.mode = mode
        self.subject = subject
        self.retiresAt = retiresAt
    }
}
