import Kernel

/// Judges a receiver from its check-up outcomes: the verdict, what to fix and what to note. Pure; `now` dates the
/// certificate warning.
struct CheckUpJudge {
    /// A certificate expiring within this is worth a note.
    static let certificateWarning: Duration = .seconds(30 * 86_400)

    let outcomes: [CheckUpOutcome]
    let now: Timestamp

    var verdict: ReceiverCheckUp.Verdict {
        outcomes.allSatisfy { $0.passed != false } && outcomes.contains { $0.check == .valid } ? .pass : .fail
    }

    /// One sentence for each check the receiver got wrong, in the order sent.
    var fixes: [String] {
        outcomes.filter { $0.passed == false }.compactMap { outcome -> String? in
            switch outcome.check {
            case .valid:
                if let status = outcome.statusCode {
                    "Your endpoint answered HTTP \(status) to a correctly signed request: compute the HMAC-SHA256 of "
                        + "`{webhook-id}.{webhook-timestamp}.{body}` over the raw body, keyed by the base64 after `whsec_` of this endpoint's secret, and answer 2xx when it matches."
                } else {
                    "We could not deliver a correctly signed request (\(outcome.errorClass ?? "error"): \(outcome.error ?? "no detail")): "
                        + "make sure the endpoint is reachable and answers within 10 seconds."
                }
            case .tamperedSignature:
                "Your endpoint accepted a request whose signature is wrong: compare each `v1,` entry of `webhook-signature` with the one you compute, "
                    + "in constant time, and answer 4xx when none matches."
            case .staleTimestamp:
                "Your endpoint accepted a correctly signed request whose `webhook-timestamp` is 10 minutes old: refuse timestamps more than "
                    + "5 minutes from your clock, or anyone who captures a request can replay it."
            case .repeat:
                nil  // never judged
            }
        }
    }

    /// What is reported without being judged: the repeat, and a certificate close to its expiry.
    var notes: [String] {
        var notes = [String]()
        if let repeated = outcomes.first(where: { $0.check == .repeat }) {
            let answer = repeated.statusCode.map { "HTTP \($0)" } ?? "no answer (\(repeated.errorClass ?? "error"))"
            notes.append("The repeat carried the valid request's `webhook-id` again and got \(answer): a receiver should answer it 2xx "
                + "without acting twice (dedupe on `webhook-id`), which this check-up cannot see.")
        }
        if let expiry = outcomes.compactMap({ $0.tls?.certificateExpiresAt }).min(), expiry - now < Self.certificateWarning {
            notes.append("Your endpoint's TLS certificate expires at \(RFC3339.format(expiry, fractional: false)): renew it before then, "
                + "or deliveries will fail.")
        }
        return notes
    }
}
