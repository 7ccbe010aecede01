import HTTPCore

/// What the I/O threads of one client share: its configuration, with durations as monotonic nanoseconds.
/// Everything is immutable.
final class ClientContext: Sendable {
    let idleTimeout: UInt64
    let maxResponseHeadBytes: Int
    let maxConnectionsPerOrigin: Int
    let resolver: any NameResolver
    let addressPolicy: any AddressPolicy
    let trustedCertificates: [String]?

    init(_ configuration: HTTPClientConfiguration) {
        idleTimeout = configuration.idleTimeout.nanoseconds
        maxResponseHeadBytes = configuration.maxResponseHeadBytes
        maxConnectionsPerOrigin = configuration.maxConnectionsPerOrigin
        resolver = configuration.resolver
        addressPolicy = configuration.addressPolicy
        trustedCertificates = configuration.trustedCertificates
    }
}
