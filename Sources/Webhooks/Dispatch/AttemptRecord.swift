import Kernel

/// What one attempt did, ready to be written with others in one transaction (``AttemptRecorder``).
struct AttemptRecord: Sendable {
    let delivery: DueDelivery
    /// This attempt's number (1-based).
    let number: Int
    let startedAt: Timestamp
    let endedAt: Timestamp
    let latencyMs: Int
    let statusCode: Int?
    /// `dns`, `connect`, `tls`, `timeout`, `http` or `blocked`; nil for a 2xx.
    let errorClass: String?
    let errorMessage: String?
    /// At most 1 KiB of the answer (nil when none came).
    let responseBody: String?
    /// The request's headers as the JSON object the log shows.
    let requestHeaders: String
    /// The delivery's state after it.
    let state: DeliveryState
    /// The receiver's `Retry-After` on a 429 or 503, capped: it holds back the whole endpoint until then.
    let pauseUntil: Timestamp?

    var delivered: Bool { state.status.isDelivered }

    /// The attempt's failure as a line, e.g. `HTTP 500` or `timeout: no answer within 10000 ms`.
    var failure: String? {
        guard let errorClass else { return nil }
        guard let errorMessage else { return errorClass }
        return errorClass == "http" ? errorMessage : "\(errorClass): \(errorMessage)"
    }

    /// The attempt as the scheduler needs it.
    var result: DispatchScheduler<DueDelivery>.Result {
        delivered ? .delivered : .failed(retryAt: state.nextAttemptAt, pauseUntil: pauseUntil)
    }
}
