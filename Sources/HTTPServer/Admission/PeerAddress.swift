import Glibc

/// The address of a connected client as `accept` returned it. Kept as integers, so that accepting, counting and
/// refusing a connection format no text; `description` formats it for whoever needs it.
enum PeerAddress: Sendable, Equatable, CustomStringConvertible {
    /// An IPv4 address, in host byte order.
    case ipv4(UInt32)
    /// An IPv6 address, its first and last 8 bytes in host byte order.
    case ipv6(high: UInt64, low: UInt64)

    /// The address in a `sockaddr_in` or `sockaddr_in6`; a TCP listener sees no other family.
    init(_ storage: sockaddr_storage) {
        let family = Int32(storage.ss_family)
        self = withUnsafeBytes(of: storage) { raw in
            guard family == AF_INET6 else {
                return .ipv4(UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))  // sin_addr
            }
            return .ipv6(  // sin6_addr
                high: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                low: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)))
        }
    }

    /// What the connection limits count this address by.
    var key: AddressKey { AddressKey(self) }

    /// The numeric form, e.g. `127.0.0.1` or `2001:db8::1`.
    var description: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written = switch self {
        case .ipv4(let address):
            withUnsafeBytes(of: address.bigEndian) { inet_ntop(AF_INET, $0.baseAddress, &text, socklen_t(text.count)) != nil }
        case .ipv6(let high, let low):
            withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { inet_ntop(AF_INET6, $0.baseAddress, &text, socklen_t(text.count)) != nil }
        }
        return written ? String(decoding: text.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self) : ""
    }
}
