import HTTPServer

/// What a route is, apart from the code that serves it: method, path, the credentials it needs and its OpenAPI
/// operation. The OpenAPI document is built from these, so an API route cannot exist undocumented; only pages
/// that are not API (the dashboard's HTML) opt out with `documented: false`.
public struct Endpoint: Sendable {
    public let method: HTTPMethod
    public let path: PathTemplate
    public let auth: AuthRequirement
    public let operation: OpenAPIOperation
    /// Whether the OpenAPI document lists it: false only for browser pages, which are no part of the API.
    public let documented: Bool

    public init(_ method: HTTPMethod, _ path: PathTemplate, auth: AuthRequirement, operation: OpenAPIOperation, documented: Bool = true) {
        self.method = method
        self.path = path
        self.auth = auth
        self.operation = operation
        self.documented = documented
    }
}
