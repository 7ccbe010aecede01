import HTTPClient

/// Webhook POSTs on the project's own HTTP client: keep-alive connections pooled per endpoint origin, the attempt
/// timeout as one deadline for the whole exchange, TLS verified against the system trust store, redirects not
/// followed, and at most ``maxResponseBodyBytes`` of an answer read. Unless private targets are allowed, every
/// address a receiver's name resolves to is vetted by the ``PublicAddressPolicy`` before a connection is made.
public struct HTTPClientTransport: WebhookTransport {
    /// The most of a receiver's answer read and kept for the delivery log.
    public static let maxResponseBodyBytes = 1024

    private let client: HTTPClient

    /// - Parameter configuration: pool and TLS settings; its address policy is replaced by the SSRF guard unless
    ///   `allowPrivateTargets`.
    public init(allowPrivateTargets: Bool, configuration: HTTPClientConfiguration = HTTPClientConfiguration()) {
        var configuration = configuration
        if !allowPrivateTargets { configuration.addressPolicy = PublicAddressPolicy() }
        client = HTTPClient(configuration: configuration)
    }

    public func send(_ request: WebhookRequest) async -> TransportResult {
        await probe(request).result
    }

    public func probe(_ request: WebhookRequest) async -> ProbeResult {
        let post = HTTPClientRequest(method: "POST", url: request.url.absoluteString, headers: request.headers.map { ($0.key, $0.value) },
                                     body: request.body, maxResponseBodyBytes: Self.maxResponseBodyBytes)
        do throws(HTTPClientError) {
            let response = try await client.execute(post, timeout: request.timeout)
            let retryAfter = response.header("retry-after").flatMap(Int64.init).map { Duration.seconds($0) }
            return ProbeResult(result: .response(status: response.status, retryAfter: retryAfter, body: Self.excerpt(response.body)), tls: response.tls)
        } catch {
            return ProbeResult(result: .failure(errorClass: Self.errorClass(error.code), message: error.message), tls: nil)
        }
    }

    /// The delivery log's classes of failure.
    static func errorClass(_ code: HTTPClientError.Code) -> String {
        switch code {
        case .dns: "dns"
        case .blocked: "blocked"
        case .tls: "tls"
        case .timeout: "timeout"
        case .malformedResponse: "http"
        case .connect, .invalidRequest, .cancelled, .shutDown: "connect"
        }
    }

    /// The answer as text of at most ``maxResponseBodyBytes`` UTF-8 bytes (bytes that are not UTF-8 become U+FFFD,
    /// which is longer, so the text is cut again at a character boundary).
    static func excerpt(_ body: [UInt8]) -> String {
        var text = String(decoding: body.prefix(maxResponseBodyBytes), as: UTF8.self)
        while text.utf8.count > maxResponseBodyBytes { text.removeLast() }
        return text
    }
}
