import HTTPCore

/// Where a request goes: scheme, host and port. Connections are pooled per origin.
struct Origin: Hashable, Sendable, CustomStringConvertible {
    enum Scheme: String, Sendable {
        case http, https

        var defaultPort: Int { self == .http ? 80 : 443 }
    }

    let scheme: Scheme
    /// Lower-cased; an IPv6 literal without its brackets.
    let host: String
    let port: Int

    /// The host as a numeric address, when it is one (then no lookup happens, and TLS checks the address).
    var literalAddress: IPAddress? { IPAddress(host) }

    /// The `Host` field value: the port only when it is not the scheme's default.
    var hostField: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == scheme.defaultPort ? name : "\(name):\(port)"
    }

    var description: String { "\(scheme.rawValue)://\(hostField)" }
}

/// An absolute URL split into its origin and the request target (`/path?query`, never the fragment).
struct RequestTarget: Sendable, Equatable {
    let origin: Origin
    let target: String

    /// Parses `http://host[:port][/path][?query][#fragment]` (or `https`); nil for anything else, including
    /// credentials in the URL and bytes a request line cannot carry.
    init?(_ url: String) {
        let bytes = Array(url.utf8)
        guard let schemeEnd = bytes.firstIndex(of: ASCII.colon),
              let scheme = Origin.Scheme(rawValue: String(decoding: bytes[..<schemeEnd], as: UTF8.self).lowercased()),
              bytes[schemeEnd...].starts(with: Array("://".utf8))
        else { return nil }
        let authorityStart = schemeEnd + 3
        let authorityEnd = bytes[authorityStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.count
        guard let (host, port) = Self.hostAndPort(bytes[authorityStart..<authorityEnd], default: scheme.defaultPort) else { return nil }
        var target = bytes[authorityEnd...].prefix { $0 != UInt8(ascii: "#") }
        guard target.allSatisfy(ASCII.isTargetByte) else { return nil }
        if target.first != UInt8(ascii: "/") { target = ArraySlice("/".utf8) + target }
        origin = Origin(scheme: scheme, host: host, port: port)
        self.target = String(decoding: target, as: UTF8.self)
    }

    /// `host`, `host:port`, `[v6]` or `[v6]:port`; no user information.
    private static func hostAndPort(_ authority: ArraySlice<UInt8>, default defaultPort: Int) -> (String, Int)? {
        guard !authority.isEmpty, !authority.contains(UInt8(ascii: "@")) else { return nil }
        let hostPart: ArraySlice<UInt8>, portPart: ArraySlice<UInt8>?
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            hostPart = authority[(authority.startIndex + 1)..<close]
            let rest = authority[(close + 1)...]
            guard rest.isEmpty || rest.first == ASCII.colon else { return nil }
            portPart = rest.isEmpty ? nil : rest.dropFirst()
        } else if let colon = authority.firstIndex(of: ASCII.colon) {
            hostPart = authority[..<colon]
            portPart = authority[(colon + 1)...]
        } else {
            hostPart = authority
            portPart = nil
        }
        let host = String(decoding: hostPart, as: UTF8.self).lowercased()
        let valid = authority.first == UInt8(ascii: "[")
            ? IPAddress(host).map { !$0.isIPv4 } ?? false
            : hostPart.allSatisfy { ASCII.isToken($0) && $0 != UInt8(ascii: "%") }
        guard !host.isEmpty, valid else { return nil }
        guard let portPart else { return (host, defaultPort) }
        guard !portPart.isEmpty, portPart.count <= 5, portPart.allSatisfy({ (0x30...0x39).contains($0) }),
              let port = Int(String(decoding: portPart, as: UTF8.self)), (1...65535).contains(port)
        else { return nil }
        return (host, port)
    }
}
