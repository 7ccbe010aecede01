import HTTPServer

/// What a route is, apart from the code that serves it: method, path, the credentials it needs and its OpenAPI
/// operation. The OpenAPI document is built from these, so a route cannot exist undocumented.
public struct Endpoint: Sendable {
    public let method: HTTPMethod
    public let path: PathTemplate
    public let auth: AuthRequirement
    public let operation: OpenAPIOperation

    public init(_ method: HTTPMethod, _ path: PathTemplate, auth: AuthRequirement, operation: OpenAPIOperation) {
        self.method = method
        self.path = path
        self.auth = auth
        self.operation = operation
    }
}
