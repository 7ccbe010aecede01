import Kernel

/// The error codes Webhooks answers with (besides the Kernel's shared ones).
extension ErrorCode {
    /// Enabling these subscriptions would pass the operator's quota of active webhook subscriptions.
    public static let subscriptionQuotaExceeded = ErrorCode("subscription_quota_exceeded")
    /// The input names an event type that is not one of the operator-facing ones.
    public static let unknownEventType = ErrorCode("unknown_event_type")
    /// A replay of a delivery whose endpoint was deleted.
    public static let endpointDeleted = ErrorCode("endpoint_deleted")
    /// A recovery to an endpoint that is disabled.
    public static let endpointDisabled = ErrorCode("endpoint_disabled")
    /// The endpoint URL resolves to a private or reserved address.
    public static let urlNotPublic = ErrorCode("url_not_public")
}
