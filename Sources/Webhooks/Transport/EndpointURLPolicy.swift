import Foundation
import HTTPClient
import Kernel

/// Which webhook URLs are acceptable: `https://` in live mode (`http://` in test mode, or anywhere with the
/// development flag), no credentials, fragments or IPv6 zone ids, and — unless private targets are allowed — a
/// port of the web (80, 443, 8443) or an unprivileged one (1024 and up), a host name that can be on the public
/// internet (not a single label, no special-use name: ``SpecialUseNames``), and a host that does not resolve to a
/// private or reserved address. (At delivery time the transport's ``PublicAddressPolicy`` vets the addresses each
/// connection actually uses.)
enum EndpointURLPolicy {
    /// Ports below 1024 a receiver may listen on; other privileged ports belong to other services (SSH, SMTP…).
    static let privilegedPortsAllowed: Set<Int> = [80, 443]

    /// Validates a URL at registration; returns it normalised.
    static func validate(_ raw: String, mode: Mode, allowPrivate: Bool) async throws -> String {
        let invalid = { (message: String) in DomainError.invalidField("url", message) }
        guard raw.count <= 2048, let url = URL(string: raw), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw invalid("must be an absolute URL like https://example.com/webhooks")
        }
        guard scheme == "https" || (scheme == "http" && (mode == .test || allowPrivate)) else {
            throw invalid(scheme == "http" ? "must use https:// in live mode" : "must use https://")
        }
        guard url.user == nil, url.password == nil, url.fragment == nil else { throw invalid("must not contain credentials or a fragment") }
        guard !host.contains("%"), !authority(of: raw).contains("%") else { throw invalid("must not name an IPv6 zone") }
        guard !allowPrivate else { return raw }
        if let port = url.port, !(privilegedPortsAllowed.contains(port) || (1024...65535).contains(port)) {
            throw invalid("port must be 80, 443, 8443 or 1024–65535")
        }
        let name = host.hasSuffix(".") ? String(host.dropLast()) : host
        if IPAddress(name) == nil, SpecialUseNames.isPrivate(name) {
            throw DomainError(.invalid, code: .urlNotPublic, "The URL's host is not a public internet name.",
                              fields: [.init(field: "url", message: "must name a public host, not a single label or a special-use name (.local, .internal…)")])
        }
        if await AddressGuard.resolve(name).contains(where: AddressGuard.isBlocked) {
            throw DomainError(.invalid, code: .urlNotPublic, "The URL resolves to a private or reserved address.",
                              fields: [.init(field: "url", message: "must resolve to a public internet address")])
        }
        return raw
    }

    /// The text between `//` and the path, query or fragment.
    private static func authority(of raw: String) -> Substring {
        guard let start = raw.range(of: "//")?.upperBound else { return "" }
        let rest = raw[start...]
        return rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    }
}
