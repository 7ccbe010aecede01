/// The values a request's path gave a route's `:name` segments, percent-decoded.
public struct PathParameters: Sendable {
    private let values: [(name: String, value: String)]

    package init(_ values: [(name: String, value: String)]) { self.values = values }

    /// The value of the template's parameter `name`. Traps for a name the route's template lacks: that is a typo in
    /// the handler, not a client error.
    public subscript(name: String) -> String {
        guard let pair = values.first(where: { $0.name == name }) else {
            preconditionFailure("the route has no path parameter :\(name)")
        }
        return pair.value
    }
}
