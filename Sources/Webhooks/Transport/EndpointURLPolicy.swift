import Foundation
import Kernel

/// Which webhook URLs are acceptable: `https://` in live mode (`http://` in test mode, or anywhere with the
/// development flag), no credentials or fragments, and — unless private targets are allowed — a host that does
/// not resolve to a private or reserved address.
enum EndpointURLPolicy {
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
        if !allowPrivate, await AddressGuard.resolve(host).contains(where: AddressGuard.isBlocked) {
            throw DomainError(.invalid, code: .urlNotPublic, "The URL resolves to a private or reserved address.",
                              fields: [.init(field: "url", message: "must resolve to a public internet address")])
        }
        return raw
    }

    /// Why a delivery must not be sent to `url` right now (DNS checked at send time), or nil to send it.
    static func deliveryRefusal(_ url: String, allowPrivate: Bool) async -> TransportResult? {
        guard !allowPrivate else { return nil }
        guard let host = URL(string: url)?.host else { return .failure(errorClass: "dns", message: "no host in URL") }
        let addresses = await AddressGuard.resolve(host)
        if addresses.isEmpty { return .failure(errorClass: "dns", message: "\(host) did not resolve") }
        if addresses.contains(where: AddressGuard.isBlocked) {
            return .failure(errorClass: "blocked", message: "\(host) resolves to a private or reserved address")
        }
        return nil
    }
}
