import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Webhook POSTs over FoundationNetworking's URLSession: HTTPS with certificate verification against the system
/// trust store, keep-alive connection reuse, a cap on concurrent connections per endpoint, and no redirects.
public final class URLSessionTransport: WebhookTransport {
    private let session: URLSession

    public init(maxConnectionsPerEndpoint: Int = 8) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = maxConnectionsPerEndpoint
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: RedirectRefuser(), delegateQueue: nil)
    }

    public func send(_ request: WebhookRequest) async -> TransportResult {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = "POST"
        urlRequest.httpBody = Data(request.body)
        urlRequest.timeoutInterval = Double(request.timeout.milliseconds) / 1000
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        do {
            let (data, response) = try await session.data(for: urlRequest)
            let http = response as? HTTPURLResponse
            let retryAfter = (http?.value(forHTTPHeaderField: "Retry-After")).flatMap(Int64.init).map { Duration.seconds($0) }
            let excerpt = String(decoding: data.prefix(4096), as: UTF8.self)
            return .response(status: http?.statusCode ?? 0, retryAfter: retryAfter, body: excerpt)
        } catch let error as URLError {
            return .failure(errorClass: Self.errorClass(error), message: error.localizedDescription)
        } catch {
            return .failure(errorClass: "connect", message: "\(error)")
        }
    }

    static func errorClass(_ error: URLError) -> String {
        switch error.code {
        case .timedOut: "timeout"
        case .cannotFindHost, .dnsLookupFailed: "dns"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
             .serverCertificateHasUnknownRoot, .clientCertificateRejected, .clientCertificateRequired:
            "tls"
        default: "connect"
        }
    }
}

/// Refuses every redirect: a webhook answered with 3xx is a failed attempt, never a request to somewhere else.
private final class RedirectRefuser: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
