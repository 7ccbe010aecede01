import HTTPAPI
import HTTPServer
import Kernel

/// `Idempotency-Key` on every POST of the operator and admin APIs (Stripe's semantics).
///
/// The first completed answer for a key (status, body and the headers that describe the result) is stored for
/// 24 h, scoped to operator and mode, and replayed byte for byte with `Idempotent-Replayed: true`. The same key
/// with a different method, path or body is refused (422 `idempotency_key_reused`); the same key while the first
/// request still runs is refused (409 `idempotency_key_in_use`). 401 and 429 answers never reach this step, and
/// 5xx answers are not stored, so the client can retry them. A key whose request a crash interrupted is claimed
/// again by the same request (see ``IdempotencyStore/recover(_:)``).
public struct IdempotencyMiddleware: Middleware {
    let store: IdempotencyStore

    public init(database: Database) { store = IdempotencyStore(database: database) }

    /// Releases keys a crash left running and drops expired answers; call once at start-up.
    public func recover() async throws { try await IdempotencyStore.recover(store.database) }

    /// Headers kept with a stored answer.
    static let replayedHeaders = ["Content-Type", "Location"]

    public func respond(to context: RequestContext, next: Responder) async throws -> HTTPResponse {
        guard context.request.method == .post, let key = context.request.headers["Idempotency-Key"],
              let principal = context.principal, principal.kind != .clientSession
        else { return try await next(context) }
        guard (1...255).contains(key.utf8.count), key.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) else {
            throw APIError(.invalidParameter, "Idempotency-Key must be 1–255 printable ASCII characters.",
                               fieldErrors: [FieldError(field: "Idempotency-Key", message: "must be 1–255 printable ASCII characters")])
        }
        let scope = [principal.tenant ?? "platform", principal.mode?.rawValue ?? "admin"].joined(separator: "/")
        let fingerprint = Digest.sha256(Array("\(context.request.method.rawValue) \(context.request.path)\n".utf8) + context.request.body)
        switch try await store.claim(scope: scope, key: key, fingerprint: fingerprint) {
        case .replay(var response):
            response.headers["Idempotent-Replayed"] = "true"
            return response
        case .mismatch:
            throw APIError(.idempotencyKeyReused, "This Idempotency-Key was used with a different request; use a new key.")
        case .inProgress:
            throw APIError(.idempotencyKeyInUse, "A request with this Idempotency-Key is still in progress; retry in a second.",
                           headers: ["Retry-After": "1"])
        case .claimed:
            let response: HTTPResponse
            do {
                response = try await next(context)
            } catch {
                guard let problem = Problem(error, requestID: context.requestID), problem.status < 500 else {
                    try? await store.release(scope: scope, key: key)
                    throw error
                }
                response = problem.response
            }
            if response.status >= 500 {
                try? await store.release(scope: scope, key: key)
            } else {
                try await store.complete(scope: scope, key: key, response: response, keeping: Self.replayedHeaders)
            }
            return response
        }
    }
}
