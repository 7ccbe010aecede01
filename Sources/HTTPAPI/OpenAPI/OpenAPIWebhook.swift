/// An event the platform posts to operators' webhook endpoints, documented under the document's top-level
/// `webhooks` (OpenAPI 3.1): the operation describes the request the operator's server receives.
public struct OpenAPIWebhook: Sendable {
    /// The event type, e.g. `user.created`; the key under `webhooks`.
    public let event: String
    public let operation: OpenAPIOperation

    public init(event: String, operation: OpenAPIOperation) {
        self.event = event
        self.operation = operation
    }
}
