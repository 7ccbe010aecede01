import HTTPAPI
import HTTPServer
import Kernel

/// The `--metrics-token` bearer token for `/metrics`: given to the Gateway, it closes `/metrics` to everyone else.
/// Only the token's SHA-256 is kept, and tokens are compared by it in constant time.
public struct MetricsTokenAuthenticator: Authenticator {
    public let kind = Principal.Kind.metricsScraper
    private let tokenHash: [UInt8]

    public init(token: String) { tokenHash = Digest.sha256(token) }

    public func authenticate(bearerToken token: String, request: HTTPRequest) async throws -> Principal? {
        ConstantTime.equals(Digest.sha256(token), tokenHash) ? Principal(kind: .metricsScraper, tenant: nil, mode: nil, subject: "metrics") : nil
    }
}
