import HTTPAPI
import RateLimit

extension AuthenticationThrottle {
    /// The throttle over RateLimit's per-address bucket of failed authentications.
    public init(limits: RateLimit) {
        self.init(
            policy: RateLimit.authFailuresPolicy,
            retryAfter: { address in
                let gate = limits.authenticationAllowed(from: address)
                return gate.allowed ? nil : gate.retryAfterSeconds
            },
            recordFailure: { limits.recordAuthenticationFailure(from: $0) })
    }
}
