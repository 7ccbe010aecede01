import HTTPAPI
import HTTPServer
import Kernel

/// `Idempotency-Key` on every POST of the operator and admin APIs (Stripe's semantics).
///
/// The first completed answer for a key (status, body and the headers that describe the result) is stored for
/// 24 h, scoped to operator and mode, and replayed byte for byte with `Idempotent-Replayed: true`. The same key
/// with a different method, path or body is refused (422 `idempotency_key_reused`); the same key while the first
/// request still runs is refused (409 `idempotency_key_in_use`). 401 and 429 answers never reach this step, and
/// 5xx answers are not stored, so the client can retry them. Claims live in the database, so every replica sees
/// them: the same key sent to two replicas at once runs once. A key whose request a crash interrupted is claimed
/// again by the same request once its lease lapsed (at once after a restart on SQLite; see ``IdempotencyStore``).
///
/// The stored body is sealed (``StoredAnswerSealer``) for the credential that made the request: the same key
/// replayed with another credential (the operator's other key, say) is refused (422 `idempotency_key_reused`)
/// rather than run twice.
///
/// A route whose domain write can take it stores the answer in that write's transaction (``IdempotentAnswer``):
/// `POST /v1/wl/users` does, so a keyed create waits for one commit (the claim's is not waited for; see
/// ``IdempotencyStore/claim(scope:key:fingerprint:)``). Every other route's answer is stored after it answered.
public struct IdempotencyMiddleware: Middleware {
    let store: IdempotencyStore
    let sealer: StoredAnswerSealer

    public init(database: Database, masterKey: MasterKey) {
        store = IdempotencyStore(database: database)
        sealer = StoredAnswerSealer(masterKey: masterKey)
    }

    /// Lets go of keys a crash left running (SQLite; on PostgreSQL they lapse by lease), drops expired answers and
    /// those an earlier release stored in plain text; call once at start-up.
    public func recover() async throws {
        try await IdempotencyStore.recover(store.database)
        try await StoredAnswerSealer.dropPlainAnswers(store.database)
    }

    /// Headers kept with a stored answer.
    static let replayedHeaders = ["Content-Type", "Location"]

    public func respond(to context: RequestContext, next: Responder) async throws -> HTTPResponse {
        guard context.request.method == .post, let key = context.request.headers["Idempotency-Key"],
              let principal = context.principal, principal.kind != .clientSession,
              case .token(let credential) = BearerToken.read(context.request.headers)
        else { return try await next(context) }
        guard (1...255).contains(key.utf8.count), key.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) else {
            throw APIError(.invalidParameter, "Idempotency-Key must be 1–255 printable ASCII characters.",
                               fieldErrors: [FieldError(field: "Idempotency-Key", message: "must be 1–255 printable ASCII characters")])
        }
        let scope = [principal.tenant ?? "platform", principal.mode?.rawValue ?? "admin"].joined(separator: "/")
        let fingerprint = Digest.sha256(Array("\(context.request.method.rawValue) \(context.request.path)\n".utf8) + context.request.body)
        switch try await store.claim(scope: scope, key: key, fingerprint: fingerprint) {
        case .replay(var response):
            guard let body = sealer.open(response.body, scope: scope, key: key, credential: credential) else {
                throw APIError(.idempotencyKeyReused, "This Idempotency-Key was used by another credential (or before a master-key rotation); use a new key.")
            }
            response.body = body
            response.headers["Idempotent-Replayed"] = "true"
            return response
        case .mismatch:
            throw APIError(.idempotencyKeyReused, "This Idempotency-Key was used with a different request; use a new key.")
        case .inProgress:
            throw APIError(.idempotencyKeyInUse, "A request with this Idempotency-Key is still in progress; retry in a second.",
                           headers: ["Retry-After": "1"])
        case .claimed(let token):
            let renewing = Task { [store] in await store.keepRenewing(scope: scope, key: key, token: token) }
            defer { renewing.cancel() }
            let answer = IdempotentAnswer(store: store, sealer: sealer, scope: scope, key: key, token: token, credential: credential)
            let response: HTTPResponse
            do {
                response = try await IdempotentAnswer.$current.withValue(answer) { try await next(context) }
            } catch {
                guard let problem = Problem(error, requestID: context.requestID), problem.status < 500 else {
                    try? await store.release(scope: scope, key: key, token: token)
                    throw error
                }
                response = problem.response
            }
            if response.status >= 500 {
                try? await store.release(scope: scope, key: key, token: token)
            } else if answer.recordedResponse == nil {
                // The route did not store the answer with its own write (``IdempotentAnswer/record(_:in:)``).
                try await answer.store(response)
            }
            return response
        }
    }
}
