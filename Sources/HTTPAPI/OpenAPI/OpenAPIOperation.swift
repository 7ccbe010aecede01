/// The documentation of one endpoint, which every ``Route`` must carry.
///
/// Path parameters, the `API-Version` header, security, the `401` of authenticated routes and the `default`
/// problem response are added by ``OpenAPIDocument`` from the route itself; an operation states only what is its own.
public struct OpenAPIOperation: Sendable {
    /// Unique across the API, lowerCamelCase: SDK generators name methods after it.
    public let id: String
    public let summary: String
    public let description: String?
    /// The API area, e.g. "Users"; groups operations in rendered docs.
    public let tag: String
    public let parameters: [OpenAPIParameter]
    /// The JSON body the operation takes, if any.
    public let requestBody: OpenAPISchema?
    /// Whether a request must carry ``requestBody``; false for an operation that also accepts no body at all.
    public let requestBodyRequired: Bool
    /// Keyed by status code.
    public let responses: [Int: OpenAPIResponse]

    public init(
        id: String, summary: String, description: String? = nil, tag: String, parameters: [OpenAPIParameter] = [],
        requestBody: OpenAPISchema? = nil, requestBodyRequired: Bool = true, responses: [Int: OpenAPIResponse]
    ) {
        self.id = id
        self.summary = summary
        self.description = description
        self.tag = tag
        self.parameters = parameters
        self.requestBody = requestBody
        self.requestBodyRequired = requestBodyRequired
        self.responses = responses
    }

    /// Every named schema the operation uses, transitively.
    var namedSchemas: [OpenAPISchema] {
        (requestBody.map { [$0] } ?? []).flatMap(\.namedSchemas) + responses.values.flatMap { $0.content.values.flatMap(\.namedSchemas) }
    }
}
