import HTTPClient

/// The SSRF guard: webhook targets must be public internet addresses. Loopback, private, link-local, CGNAT,
/// multicast, documentation and reserved ranges are refused, at registration and again for every address of every
/// connection a delivery opens (unless the server runs with `--webhook-allow-private`). IPv6 addresses that carry an
/// IPv4 one (IPv4-mapped, NAT64, 6to4, Teredo) are judged by it too.
public enum AddressGuard {
    /// Whether a textual IPv4 or IPv6 address is one webhooks must not reach. Unparseable text counts as blocked.
    public static func isBlocked(_ address: String) -> Bool {
        IPAddress(address).map(isBlocked) ?? true
    }

    /// Whether webhooks must not reach `address`.
    public static func isBlocked(_ address: IPAddress) -> Bool {
        address.isIPv4 ? isBlocked(v4: address.bytes) : isBlocked(v6: address.bytes)
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
        if a[0] == 0x20 && a[1] == 0x02 { return isBlocked(v4: Array(a[2..<6])) }  // 6to4: 2002:AABB:CCDD::/48 relays to A.B.C.D
        if a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x00 && a[3] == 0x00 {  // Teredo: the server's IPv4, then the client's, inverted
            return isBlocked(v4: Array(a[4..<8])) || isBlocked(v4: a[12...].map { ~$0 })
        }
        if a[0] & 0xFE == 0xFC { return true }  // fc00::/7 unique local
        if a[0] == 0xFE && a[1] & 0xC0 == 0x80 { return true }  // fe80::/10 link-local
        if a[0] == 0xFF { return true }  // multicast
        if a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0D && a[3] == 0xB8 { return true }  // 2001:db8::/32 documentation
        if a[0] == 0x01 && a[1] == 0x00 && a[2..<8].allSatisfy({ $0 == 0 }) { return true }  // 100::/64 discard
        return false
    }

    /// The addresses `host` resolves to (an IP literal, bracketed or not, resolves to itself).
    public static func resolve(_ host: String) async -> [IPAddress] {
        if let literal = IPAddress(host) { return [literal] }
        return await SystemResolver().addresses(of: host)
    }
}
