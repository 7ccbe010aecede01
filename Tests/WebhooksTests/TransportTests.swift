import Foundation
import Testing
@testable import Webhooks

/// The production transport against a real receiver: the per-attempt timeout is a deadline for the whole exchange.
@Suite struct TransportTests {
    func post(_ receiver: Receiver, timeout: Duration) async -> (TransportResult, Duration) {
        let request = WebhookRequest(url: URL(string: receiver.url)!, headers: ["content-type": "application/json"],
                                     body: Array("{}".utf8), timeout: timeout)
        let clock = ContinuousClock(), started = clock.now
        let result = await URLSessionTransport().send(request)
        return (result, clock.now - started)
    }

    /// Regression: FoundationNetworking truncated a sub-second `timeoutInterval` to 0 s, so a 300 ms attempt "timed
    /// out" within a few milliseconds (even against receivers that answered at once), instead of at its deadline.
    @Test func aReceiverThatHangs_endsAsATimeoutAtTheDeadline() async throws {
        let receiver = try Receiver.start()
        receiver.script(.hang(.seconds(30)))
        let (result, elapsed) = await post(receiver, timeout: .milliseconds(300))
        guard case .failure(let errorClass, _) = result else { Issue.record("expected a timeout, got \(result)"); return }
        #expect(errorClass == "timeout")
        // At the deadline, not within milliseconds; long before the receiver's 30 s answer (slack for a loaded machine).
        #expect(elapsed >= .milliseconds(250) && elapsed < .seconds(15), "\(elapsed)")
        await receiver.stop()
    }
}

@Suite struct TransportErrorClassTests {
    /// Regression: an https receiver with a self-signed certificate was logged as a `connect` failure, because
    /// FoundationNetworking reports it as `URLError.unknown` with curl's message.
    @Test func untrustedCertificate_isATLSFailure() {
        let selfSigned = URLError(.unknown, userInfo: [NSLocalizedDescriptionKey: "SSL certificate problem: self-signed certificate"])
        #expect(URLSessionTransport.errorClass(selfSigned) == "tls")
        #expect(URLSessionTransport.errorClass(URLError(.serverCertificateUntrusted)) == "tls")
        let refused = URLError(.cannotConnectToHost, userInfo: [NSLocalizedDescriptionKey: "Could not connect to server"])
        #expect(URLSessionTransport.errorClass(refused) == "connect")
        #expect(URLSessionTransport.errorClass(URLError(.timedOut)) == "timeout")
    }
}
