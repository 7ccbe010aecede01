import HTTPAPI
import RateLimit

extension AuthenticationThrottle {
    /// The throttle over RateLimit's per-address bucket of failed authentications.
    public init(limits: RateLimit) {
        self.init(
            refusal: { address in
                let gate = limits.authenticationAllowed(from: address)
                guard !gate.allowed else { return nil }
                return TooManyFailedAuthentications(retryAfterSeconds: max(1, gate.retryAfterSeconds), policy: RateLimit.authFailuresPolicy,
                                                    rateLimitHeaders: gate.rateLimitHeaders)
            },
            recordFailure: { limits.recordAuthenticationFailure(from: $0) })
    }
}
