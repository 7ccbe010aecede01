import Foundation
import HTTPServer
import Kernel

/// Whose request it is when reverse proxies stand in between (`--trusted-proxies`).
///
/// The forwarding headers are believed only when the peer is a trusted proxy, and only as far as the proxies vouch
/// for them: the client is the rightmost hop that is not a trusted proxy (the peer's own entry first, then each
/// hop to its left). Whatever lies further left was written by the client itself and is ignored, so no client
/// picks its own address. `X-Forwarded-For` (every field, in order) is read when present, since that is the header
/// proxies append to; `Forwarded` (RFC 7239 `for=`) only without it, so that a client cannot pass its own
/// `Forwarded` through a proxy that only manages `X-Forwarded-For`. A hop that is no address (`unknown`, an
/// obfuscated `_node`) stops the walk at the trusted hop to its right.
public struct TrustedProxies: Sendable {
    public let networks: [IPNetwork]

    public init(_ networks: [IPNetwork]) { self.networks = networks }

    /// The client's address: the peer's, or the one trusted proxies forwarded for.
    public func clientAddress(of request: HTTPRequest) -> String {
        var client = request.remoteAddress
        guard isTrusted(client) else { return client }
        for hop in Self.hops(request.headers).reversed() {
            guard IPNetwork.isAddress(hop) else { break }
            client = hop
            guard isTrusted(hop) else { break }
        }
        return client
    }

    private func isTrusted(_ address: String) -> Bool { networks.contains { $0.contains(address) } }

    /// The forwarded-for hops, leftmost (the farthest) first, each reduced to its address.
    static func hops(_ headers: HTTPHeaders) -> [String] {
        let forwardedFor = headers.values("X-Forwarded-For")
        if !forwardedFor.isEmpty {
            return forwardedFor.flatMap { $0.split(separator: ",") }.map { address(in: $0) }
        }
        return headers.values("Forwarded").flatMap { $0.split(separator: ",") }.map(forNode)
    }

    /// The `for=` node of one `Forwarded` element (`for=…;proto=https;by=…`), reduced to its address; empty (no
    /// address, which stops the walk) when the element names none.
    private static func forNode(_ element: Substring) -> String {
        for pair in element.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "for" { return address(in: parts[1]) }
        }
        return ""
    }

    /// `198.51.100.7`, `198.51.100.7:8080`, `"[2001:db8::7]:4711"` or `2001:db8::7` → the bare address.
    private static func address(in node: Substring) -> String {
        var text = node.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") { return String(text[text.index(after: text.startIndex)..<end]) }
        let colons = text.filter { $0 == ":" }.count
        return colons == 1 ? String(text.prefix { $0 != ":" }) : text
    }
}
