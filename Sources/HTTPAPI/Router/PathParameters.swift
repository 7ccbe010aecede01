import Kernel

/// The values a request's path gave a route's `:name` segments, percent-decoded.
public struct PathParameters: Sendable {
    private let values: [(name: String, value: String)]

    package init(_ values: [(name: String, value: String)]) { self.values = values }

    /// The value of the template's parameter `name`. Traps for a name the route's template lacks: that is a typo in
    /// the handler, not a client error. Handlers read ids through ``require(_:prefix:)``, which checks their shape.
    subscript(name: String) -> String {
        guard let pair = values.first(where: { $0.name == name }) else {
            preconditionFailure("the route has no path parameter :\(name)")
        }
        return pair.value
    }

    /// The value of `name` when it has the shape of an id of `kind` (``Identifier``). One that does not cannot name
    /// anything, so it is answered exactly like an unknown id (404 `resource_missing`), without a database read.
    public func require(_ name: String, prefix kind: IdentifierPrefix) throws(DomainError) -> String {
        let id = self[name]
        guard Identifier.isValid(id, kind: kind) else { throw DomainError.notFound(kind, id) }
        return id
    }
}
