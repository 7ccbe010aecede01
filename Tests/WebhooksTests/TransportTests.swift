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

    /// Regression: FoundationNetworking truncated a 400 ms `timeoutInterval` to 0 s, so every attempt "timed out"
    /// within a few milliseconds even against a receiver that answered at once.
    @Test func subSecondTimeout_stillLetsAPromptReceiverAnswer() async throws {
        let receiver = try Receiver.start()
        for _ in 0..<3 {
            receiver.script(.hang(.milliseconds(100)))  // answers after 100 ms, well inside the 400 ms deadline
            let (result, _) = await post(receiver, timeout: .milliseconds(400))
            guard case .response(let status, _, _) = result else { Issue.record("expected an answer, got \(result)"); continue }
            #expect(status == 200)
        }
        await receiver.stop()
    }

    @Test func aReceiverThatHangs_endsAsATimeoutAtTheDeadline() async throws {
        let receiver = try Receiver.start()
        receiver.script(.hang(.seconds(3)))
        let (result, elapsed) = await post(receiver, timeout: .milliseconds(300))
        guard case .failure(let errorClass, _) = result else { Issue.record("expected a timeout, got \(result)"); return }
        #expect(errorClass == "timeout")
        #expect(elapsed >= .milliseconds(250) && elapsed < .milliseconds(1500), "\(elapsed)")
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
