import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The SSRF guard: webhook targets must be public internet addresses. Loopback, private, link-local, CGNAT,
/// multicast, documentation and reserved ranges are refused, at registration and again at delivery time after
/// DNS resolution (unless the server runs with `--webhook-allow-private`).
public enum AddressGuard {
    /// Whether a textual IPv4 or IPv6 address is one webhooks must not reach. Unparseable text counts as blocked.
    public static func isBlocked(_ address: String) -> Bool {
        if let v4 = ipv4(address) { return isBlocked(v4: v4) }
        if let v6 = ipv6(address) { return isBlocked(v6: v6) }
        return true
    }

    static func isBlocked(v4 a: [UInt8]) -> Bool {
        switch (a[0], a[1], a[2]) {
        case (0, _, _), (10, _, _), (127, _, _): true
        case (100, 64...127, _): true
        case (169, 254, _): true
        case (172, 16...31, _): true
        case (192, 0, 0), (192, 0, 2), (192, 168, _): true
        case (198, 18...19, _), (198, 51, 100), (203, 0, 113): true
        case (224...255, _, _): true
        default: false
        }
    }

    static func isBlocked(v6 a: [UInt8]) -> Bool {
        if a[0..<10].allSatisfy({ $0 == 0 }) && a[10] == 0xFF && a[11] == 0xFF { return isBlocked(v4: Array(a[12...])) }
        if a[0..<12].allSatisfy({ $0 == 0 }) { return true }  // ::, ::1 and the deprecated IPv4-compatible range
        if a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xFF && a[3] == 0x9B { return isBlocked(v4: Array(a[12...])) }  // NAT64
        if a[0] & 0xFE == 0xFC { return true }  // fc00::/7 unique local
        if a[0] == 0xFE && a[1] & 0xC0 == 0x80 { return true }  // fe80::/10 link-local
        if a[0] == 0xFF { return true }  // multicast
        if a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0D && a[3] == 0xB8 { return true }  // 2001:db8::/32 documentation
        if a[0] == 0x01 && a[1] == 0x00 && a[2..<8].allSatisfy({ $0 == 0 }) { return true }  // 100::/64 discard
        return false
    }

    static func ipv4(_ text: String) -> [UInt8]? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: address) { Array($0) }
    }

    static func ipv6(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        let bare = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        guard inet_pton(AF_INET6, bare, &address) == 1 else { return nil }
        return withUnsafeBytes(of: address) { Array($0) }
    }

    /// The addresses `host` resolves to (an IP literal resolves to itself). Runs the blocking `getaddrinfo` on a
    /// Dispatch queue, off Swift's cooperative pool.
    public static func resolve(_ host: String) async -> [String] {
        if ipv4(host) != nil || ipv6(host) != nil {
            return [host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host]
        }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: blockingResolve(host)) }
        }
    }

    private static func blockingResolve(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0 else { return [] }
        defer { freeaddrinfo(result) }
        var addresses = [String]()
        var cursor = result
        while let info = cursor?.pointee {
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            if info.ai_family == AF_INET, let sa = info.ai_addr {
                var v4 = sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                inet_ntop(AF_INET, &v4, &buffer, socklen_t(buffer.count))
                addresses.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            } else if info.ai_family == AF_INET6, let sa = info.ai_addr {
                var v6 = sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                inet_ntop(AF_INET6, &v6, &buffer, socklen_t(buffer.count))
                addresses.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            cursor = info.ai_next
        }
        return addresses
    }
}
