import Glibc

/// A block of IPv4 or IPv6 addresses in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`), or one address (`192.0.2.7`
/// is `192.0.2.7/32`): how `--trusted-proxies` names the reverse proxies whose forwarding headers the server believes.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// The network's address bytes (4 or 16), host bits cleared.
    private let prefix: [UInt8]
    private let prefixLength: Int
    /// As it was written.
    public let description: String

    /// Parses `address` or `address/length`; nil for anything else (names, zone ids, lengths out of range).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let bytes = Self.bytes(of: String(parts[0])) else { return nil }
        var length = bytes.count * 8
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].utf8.allSatisfy({ (0x30...0x39).contains($0) }), let given = Int(parts[1]), given <= length
            else { return nil }
            length = given
        }
        prefix = Self.masked(bytes, to: length)
        prefixLength = length
        description = text
    }

    /// Whether the numeric address `text` lies in this network. Text that is no address is in no network; an
    /// IPv4-mapped IPv6 address (`::ffff:192.0.2.7`, as a dual-stack listener reports IPv4 peers) counts as its IPv4 address.
    public func contains(_ text: String) -> Bool {
        guard let bytes = Self.bytes(of: text), bytes.count == prefix.count else { return false }
        return Self.masked(bytes, to: prefixLength) == prefix
    }

    /// Whether `text` is a numeric IPv4 or IPv6 address (no brackets, port or zone id).
    public static func isAddress(_ text: String) -> Bool { bytes(of: text) != nil }

    /// What per-client limits count `address` by: an IPv4 address (IPv4-mapped IPv6 ones included) as itself, an
    /// IPv6 address by its /64 (one host is usually given a whole /64), anything else as it is.
    public static func limitingBlock(of address: String) -> String {
        guard let bytes = bytes(of: address) else { return address }
        return bytes.count == 4 ? bytes.map(String.init).joined(separator: ".") : "ipv6/64:" + Array(bytes.prefix(8)).hexString
    }

    /// The address's bytes in network order: 4 for IPv4 (and IPv4-mapped IPv6), 16 for IPv6.
    private static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: v4) { Array($0) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
        return mapped ? Array(bytes[12...]) : bytes
    }

    private static func masked(_ bytes: [UInt8], to length: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let bits = min(max(length - index * 8, 0), 8)
            return bits == 8 ? byte : byte & ~(0xFF >> UInt8(bits))
        }
    }
}
