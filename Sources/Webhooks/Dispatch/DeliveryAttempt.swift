import Foundation
import Kernel

/// One HTTP attempt of one due delivery: signs it with the endpoint's live secrets, sends it, and says what it did
/// and what becomes of the delivery. No storage here: the record goes to the ``AttemptRecorder`` with others.
struct DeliveryAttempt: Sendable {
    let transport: any WebhookTransport
    let settings: Webhooks.Settings
    let clock: any WallClock

    func run(_ delivery: DueDelivery) async -> AttemptRecord {
        let now = clock.now()
        let body = Array(delivery.payload.utf8)
        let signature = WebhookSigner.signatureHeader(id: delivery.eventID, timestamp: now.seconds, body: body,
                                                      secrets: delivery.target.secrets(at: now))
        let headers: [(name: String, value: String)] = [
            ("content-type", "application/json"), ("user-agent", "operator-api-webhooks/1.0"), ("webhook-id", delivery.eventID),
            ("webhook-signature", signature), ("webhook-timestamp", String(now.seconds)),
        ]
        let started = ContinuousClock.now
        let outcome = await transport.send(WebhookRequest(
            url: URL(string: delivery.target.url)!, headers: Dictionary(uniqueKeysWithValues: headers), body: body, timeout: settings.attemptTimeout))
        let latency = Int((ContinuousClock.now - started).milliseconds)
        let ended = clock.now()

        var statusCode: Int?, errorClass: String?, message: String?, responseBody: String?, retryAfter: Duration?
        let result: DeliveryState.Outcome
        switch outcome {
        case .response(let status, let after, let text):
            (statusCode, responseBody) = (status, text)
            if (200..<300).contains(status) {
                result = .success
            } else if status == 410 {
                result = .gone
                (errorClass, message) = ("http", "410 Gone: endpoint disabled")
            } else {
                retryAfter = status == 429 || status == 503 ? after.map { min($0, settings.retrySchedule.maxRetryAfter) } : nil
                result = .failure(retryAfter: retryAfter)
                (errorClass, message) = ("http", "HTTP \(status)")
            }
        case .failure(let kind, let text):
            result = .failure(retryAfter: nil)
            (errorClass, message) = (kind, text)
        }
        let state = DeliveryState.after(attempt: delivery.attempts + 1, outcome: result, schedule: settings.retrySchedule, now: ended,
                                        random: settings.random())
        return AttemptRecord(
            delivery: delivery, number: delivery.attempts + 1, startedAt: now, endedAt: ended, latencyMs: latency, statusCode: statusCode,
            errorClass: errorClass, errorMessage: message, responseBody: responseBody, requestHeaders: JSONText.object(headers), state: state,
            pauseUntil: retryAfter.map { ended + $0 })
    }
}
