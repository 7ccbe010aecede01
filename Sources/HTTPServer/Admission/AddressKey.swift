/// What the connection limits count by: one IPv4 address, or one IPv6 /64 network. A host is usually given a whole
/// /64, so counting single IPv6 addresses would let one host open connections from 2^64 of them. IPv4-mapped IPv6
/// addresses (`::ffff:a.b.c.d`, what a dual-stack listener reports for an IPv4 client) count as the IPv4 address.
enum AddressKey: Hashable, Sendable, CustomStringConvertible {
    /// An IPv4 address, in host byte order.
    case ipv4(UInt32)
    /// The first 64 bits of an IPv6 address, in host byte order.
    case ipv6Network(UInt64)

    /// The key of a peer's address.
    init(_ address: PeerAddress) {
        switch address {
        case .ipv4(let address):
            self = .ipv4(address)
        case .ipv6(let high, let low) where high == 0 && low >> 32 == 0xFFFF:
            self = .ipv4(UInt32(truncatingIfNeeded: low))
        case .ipv6(let high, _):
            self = .ipv6Network(high)
        }
    }

    /// `192.0.2.7` or `2001:db8:0:1::/64`.
    var description: String {
        switch self {
        case .ipv4(let address): PeerAddress.ipv4(address).description
        case .ipv6Network(let high): PeerAddress.ipv6(high: high, low: 0).description + "/64"
        }
    }
}
