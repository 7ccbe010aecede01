import Foundation
import Synchronization
import Webhooks
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The webhook transport the product used before its own HTTP client, kept here only as the benchmark's baseline:
/// POSTs over FoundationNetworking's URLSession with keep-alive, a cap on concurrent connections per endpoint, no
/// redirects, and the attempt timeout enforced by cancelling the task.
final class URLSessionTransport: WebhookTransport {
    private let session: URLSession

    init(maxConnectionsPerEndpoint: Int = 8) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = maxConnectionsPerEndpoint
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: RedirectRefuser(), delegateQueue: nil)
    }

    /// Sends the request with a deadline of `request.timeout` for the whole exchange, body included.
    ///
    /// URLSession's own `timeoutInterval` is an idle timeout (a receiver trickling a byte at a time never trips it),
    /// and FoundationNetworking truncates it to whole seconds (0.4 s became 0: an instant timeout). So it is only a
    /// safety net here; the deadline is enforced by cancelling the task.
    func send(_ request: WebhookRequest) async -> TransportResult {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = "POST"
        urlRequest.httpBody = Data(request.body)
        urlRequest.timeoutInterval = (Double(request.timeout.milliseconds) / 1000).rounded(.up) + 1
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let milliseconds = max(1, Int(request.timeout.milliseconds))
        return await withCheckedContinuation { (continuation: CheckedContinuation<TransportResult, Never>) in
            let answer = OneAnswer(continuation)
            let task = session.dataTask(with: urlRequest) { data, response, error in
                answer.give(Self.result(data: data, response: response, error: error))
            }
            task.resume()
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) {
                if answer.give(.failure(errorClass: "timeout", message: "no complete answer within \(milliseconds) ms")) { task.cancel() }
            }
        }
    }

    static func result(data: Data?, response: URLResponse?, error: (any Error)?) -> TransportResult {
        if let error = error as? URLError { return .failure(errorClass: errorClass(error), message: error.localizedDescription) }
        if let error { return .failure(errorClass: "connect", message: "\(error)") }
        let http = response as? HTTPURLResponse
        let retryAfter = (http?.value(forHTTPHeaderField: "Retry-After")).flatMap(Int64.init).map { Duration.seconds($0) }
        let excerpt = String(decoding: (data ?? Data()).prefix(4096), as: UTF8.self)
        return .response(status: http?.statusCode ?? 0, retryAfter: retryAfter, body: excerpt)
    }

    static func errorClass(_ error: URLError) -> String {
        switch error.code {
        case .timedOut: "timeout"
        case .cannotFindHost, .dnsLookupFailed: "dns"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
             .serverCertificateHasUnknownRoot, .clientCertificateRejected, .clientCertificateRequired:
            "tls"
        default: tlsFailureMessage(error.localizedDescription) ? "tls" : "connect"
        }
    }

    /// FoundationNetworking reports curl's certificate and handshake failures (an untrusted or self-signed
    /// certificate among them) as `URLError.unknown`, with only curl's message to tell them apart.
    static func tlsFailureMessage(_ message: String) -> Bool {
        ["SSL", "TLS", "certificate"].contains { message.localizedCaseInsensitiveContains($0) }
    }
}

/// Resumes a continuation once: the first of the answer and the deadline wins.
private final class OneAnswer: Sendable {
    private let continuation: Mutex<CheckedContinuation<TransportResult, Never>?>

    init(_ continuation: CheckedContinuation<TransportResult, Never>) { self.continuation = Mutex(continuation) }

    /// Resumes with `result` unless already resumed; returns whether this call did.
    @discardableResult
    func give(_ result: TransportResult) -> Bool {
        guard let continuation = self.continuation.withLock({ c in defer { c = nil }; return c }) else { return false }
        continuation.resume(returning: result)
        return true
    }
}

/// Refuses every redirect: a webhook answered with 3xx is a failed attempt, never a request to somewhere else.
private final class RedirectRefuser: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
