/// A documented response of one status: its description and body schema per media type.
public struct OpenAPIResponse: Sendable {
    public let description: String
    /// Media type → schema; empty for a response without a body.
    public let content: [String: OpenAPISchema]

    public static func json(_ description: String, _ schema: OpenAPISchema) -> OpenAPIResponse {
        OpenAPIResponse(description: description, content: ["application/json": schema])
    }

    /// A response without a body, e.g. a 204, or a receiver's acknowledgement of a webhook.
    public static func empty(_ description: String) -> OpenAPIResponse {
        OpenAPIResponse(description: description, content: [:])
    }

    /// A text body, e.g. the Prometheus exposition format.
    public static func text(_ description: String, contentType: String) -> OpenAPIResponse {
        OpenAPIResponse(description: description, content: [contentType: .inline(["type": "string"])])
    }

    /// An error this operation answers with in particular (beyond the `default` problem every operation documents).
    public static func problem(_ description: String) -> OpenAPIResponse {
        OpenAPIResponse(description: description, content: [Problem.contentType: .problem])
    }
}
