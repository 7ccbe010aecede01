import Kernel

extension RequestContext {
    /// The operator and mode the request acts for, from its API key or client session.
    ///
    /// Routes that require `.operatorKey` or `.clientSession` always have it; asking on another route is a wiring
    /// bug, reported as a 500.
    public var scope: TenantScope {
        get throws {
            guard let principal, let tenant = principal.tenant, let mode = principal.mode else {
                throw ScopeMissing(route: endpoint.path.description)
            }
            return TenantScope(operatorID: tenant, mode: mode)
        }
    }

    /// The signed-in client's user id (`usr_…`) on `.clientSession` routes.
    public var clientUserID: String {
        get throws {
            guard let principal, principal.kind == .clientSession else { throw ScopeMissing(route: endpoint.path.description) }
            return principal.subject
        }
    }
}

/// A route asked for a tenant scope its authentication does not provide.
struct ScopeMissing: Error, CustomStringConvertible {
    let route: String
    var description: String { "route \(route) has no tenant principal" }
}
