import Dispatch
import Glibc

/// Turns a host name into the addresses to try, in order. The client asks once per new connection and connects
/// only to what that one answer held (after the ``AddressPolicy`` vetted it), so a name that changes its answer
/// between two lookups cannot steer a connection anywhere the policy did not see.
public protocol NameResolver: Sendable {
    /// The addresses of `host`; empty when it does not resolve. Never called for numeric hosts.
    func addresses(of host: String) async -> [IPAddress]
}

/// The system resolver (`getaddrinfo`, honouring `/etc/hosts` and `/etc/resolv.conf`). The lookup blocks, so it
/// runs on a Dispatch queue, off Swift's cooperative pool and off the client's I/O threads.
public struct SystemResolver: NameResolver {
    public init() {}

    public func addresses(of host: String) async -> [IPAddress] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Self.lookUp(host)) }
        }
    }

    /// IPv4 and IPv6 stream addresses in the order `getaddrinfo` ranks them, each once.
    static func lookUp(_ host: String) -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0 else { return [] }
        defer { freeaddrinfo(result) }
        var addresses = [IPAddress]()
        var cursor = result
        while let info = cursor?.pointee {
            cursor = info.ai_next
            guard let socketAddress = info.ai_addr else { continue }
            let bytes: [UInt8]
            switch info.ai_family {
            case AF_INET: bytes = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { withUnsafeBytes(of: $0.pointee.sin_addr) { Array($0) } }
            case AF_INET6: bytes = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { withUnsafeBytes(of: $0.pointee.sin6_addr) { Array($0) } }
            default: continue
            }
            if let address = IPAddress(bytes: bytes), !addresses.contains(address) { addresses.append(address) }
        }
        return addresses
    }
}
