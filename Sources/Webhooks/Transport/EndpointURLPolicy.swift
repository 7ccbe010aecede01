import Foundation
import Kernel

/// Which webhook URLs are acceptable: `https://` in live mode (`http://` in test mode, or anywhere with the
/// development flag), no credentials or fragments, and — unless private targets are allowed — a host that does
/// not resolve to a private or reserved address. (At delivery time the transport's ``PublicAddressPolicy`` vets the
/// addresses each connection actually uses.)
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
}
