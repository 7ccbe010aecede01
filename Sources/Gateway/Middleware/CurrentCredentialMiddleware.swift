import Accounts
import HTTPAPI
import HTTPServer
import Kernel

/// Refuses a credential in its grace period (rotated out, not yet expired) on the routes that need the current one
/// (``AuthRequirement/requiresCurrentCredential``): 403 `current_key_required`.
///
/// It runs last, after the idempotency keys: a request the key made while it was current is still replayed to it
/// (a client retrying a rotation whose answer it lost gets its new key), and only to it, since the stored answer
/// is sealed for that credential.
struct CurrentCredentialMiddleware: Middleware {
    func respond(to context: RequestContext, next: Responder) async throws -> HTTPResponse {
        if context.endpoint.auth.requiresCurrentCredential, let retiresAt = context.principal?.retiresAt {
            throw DomainError(
                .forbidden, code: .currentKeyRequired,
                "This key was rotated out: until it expires at \(RFC3339.format(retiresAt)) it reads and writes data, but rotating keys, "
                    + "webhook endpoints and their secrets, and the operator's settings need the current key.")
        }
        return try await next(context)
    }
}
