import Foundation
import HTTPClient
import Kernel
import Synchronization
import Testing
@testable import Webhooks

/// The production transport against real receivers: the deadline, the 1 KiB answer, the SSRF guard per connection.
@Suite struct TransportTests {
    func post(_ transport: HTTPClientTransport, _ url: String, timeout: Duration = .seconds(5)) async -> (TransportResult, Duration) {
        let request = WebhookRequest(url: URL(string: url)!, headers: ["content-type": "application/json"], body: Array("{}".utf8), timeout: timeout)
        let clock = ContinuousClock(), started = clock.now
        let result = await transport.send(request)
        return (result, clock.now - started)
    }

    @Test func aReceiverThatHangs_endsAsATimeoutAtTheDeadline() async throws {
        let receiver = try Receiver.start()
        receiver.script(.hang(.seconds(30)))
        let (result, elapsed) = await post(HTTPClientTransport(allowPrivateTargets: true), receiver.url, timeout: .milliseconds(300))
        guard case .failure(let errorClass, _) = result else { Issue.record("expected a timeout, got \(result)"); return }
        #expect(errorClass == "timeout")
        #expect(elapsed >= .milliseconds(290) && elapsed < .seconds(15), "\(elapsed)")
        await receiver.stop()
    }

    @Test func answer_isKeptUpTo1KiB_andRetryAfterRead() async throws {
        let receiver = try Receiver.start()
        receiver.script(.body(String(repeating: "é", count: 4000)), .status(429, headers: ["Retry-After": "7"]))
        let transport = HTTPClientTransport(allowPrivateTargets: true)
        guard case .response(200, nil, let body) = await post(transport, receiver.url).0 else { Issue.record("no 200"); return }
        #expect(body == String(repeating: "é", count: 512))
        #expect(await post(transport, receiver.url).0 == .response(status: 429, retryAfter: .seconds(7), body: "ok 429"))
        await receiver.stop()
    }

    /// Without the development flag, the transport vets every address a receiver's name resolves to: a name that
    /// points at 127.0.0.1 gets no connection there, and no answer from there.
    @Test func nameResolvingToAPrivateAddress_isBlockedWithoutAConnection() async throws {
        let receiver = try Receiver.start()
        var configuration = HTTPClientConfiguration()
        configuration.resolver = Resolving(["127.0.0.1", "::1", "10.0.0.8"])
        let url = "http://hooks.test:\(receiver.port)/hooks"
        let (blocked, _) = await post(HTTPClientTransport(allowPrivateTargets: false, configuration: configuration), url)
        guard case .failure("blocked", let message) = blocked else { Issue.record("expected blocked, got \(blocked)"); return }
        #expect(message.contains("127.0.0.1"))
        #expect(receiver.requests.isEmpty)
        let (allowed, _) = await post(HTTPClientTransport(allowPrivateTargets: true, configuration: configuration), url)
        #expect(allowed == .response(status: 200, retryAfter: nil, body: "ok 200"))
        await receiver.stop()
    }

    @Test func everyClientFailure_mapsToADeliveryLogClass() {
        let classes = Set(HTTPClientError.Code.allCases.map(HTTPClientTransport.errorClass))
        #expect(classes == ["dns", "blocked", "connect", "tls", "timeout", "http"])
        #expect(HTTPClientTransport.errorClass(.tls) == "tls" && HTTPClientTransport.errorClass(.malformedResponse) == "http")
    }

    @Test func excerpt_neverExceeds1KiB_evenWhenBytesAreNotUTF8() {
        #expect(HTTPClientTransport.excerpt(Array(repeating: 0xFF, count: 2000)).utf8.count <= 1024)
        #expect(HTTPClientTransport.excerpt(Array("ok".utf8)) == "ok")
    }
}

/// Resolves every name to the given addresses (stands in for DNS).
struct Resolving: NameResolver {
    let answer: [IPAddress]

    init(_ addresses: [String]) { answer = addresses.compactMap(IPAddress.init) }

    func addresses(of host: String) async -> [IPAddress] { answer }
}
