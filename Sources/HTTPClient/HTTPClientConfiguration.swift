/// How an ``HTTPClient`` connects, pools and verifies.
public struct HTTPClientConfiguration: Sendable {
    /// Open connections per origin (scheme, host, port), idle or busy; further exchanges wait for one.
    public var maxConnectionsPerOrigin = 8
    /// An idle pooled connection is closed after this long unused.
    public var idleTimeout: Duration = .seconds(30)
    /// The longest response head (status line and header fields) accepted.
    public var maxResponseHeadBytes = 16 << 10
    /// Turns host names into addresses, once per new connection.
    public var resolver: any NameResolver = SystemResolver()
    /// Vets every resolved address before a connection to it is attempted.
    public var addressPolicy: any AddressPolicy = .permitAll
    /// The certificate authorities TLS trusts, as PEM; nil trusts the system store (`/etc/ssl/certs`).
    public var trustedCertificates: [String]?
    /// I/O threads; each origin's connections live on one of them.
    public var ioThreads = 1

    public init() {}
}
