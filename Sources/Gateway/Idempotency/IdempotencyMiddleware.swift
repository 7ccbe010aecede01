import HTTPAPI
import HTTPServer
import Kernel

/// `Idempotency-Key` on every POST of the operator and admin APIs (Stripe's semantics).
///
/// The first completed answer for a key (status, body and the headers that describe the result) is stored for
/// 24 h, scoped to operator and mode, and replayed byte for byte with `Idempotent-Replayed: true`. The same key
/// with a different method, path or body is refused (422 `idempotency_key_reused`); the same key while the first
/// request still runs is refused (409 `idempotency_key_in_use`) where a claim guards it (below). 401 and 429 answers
/// never reach this step, and 5xx answers are not stored, so the client can retry them. Claims and answers live in
/// the database, so every replica sees them: the same key sent to two replicas at once takes effect once. A key
/// whose request a crash interrupted is claimed again by the same request once its lease lapsed (at once after a
/// restart on SQLite; see ``IdempotencyStore``).
///
/// The stored body is sealed (``StoredAnswerSealer``) for the credential that made the request: the same key
/// replayed with another credential (the operator's other key, say) is refused (422 `idempotency_key_reused`)
/// rather than run twice.
///
/// A route whose domain write can take it (``answeredInTheirWrite``: `POST /v1/wl/users`) runs without a claim and
/// stores the answer in that write's transaction (``IdempotentAnswer``), so a keyed create is one write and one
/// commit. Racing requests with its key all run; the first write stores the user with its answer, and every other
/// one finds the key taken, rolls its work back and is answered as any later request with the key (the replay, or
/// 422 for a different body). Every other route claims its key first (one more write, whose commit it does not wait
/// for; see ``IdempotencyStore/claim(scope:key:fingerprint:)``) and its answer is stored after it answered.
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
        if Self.answeredInTheirWrite.contains(context.endpoint.operation.id) {
            let answer = IdempotentAnswer(store: store, sealer: sealer, scope: scope, key: key, hold: .unclaimed(fingerprint: fingerprint), credential: credential)
            do {
                return try await run(context, next: next, answer: answer)
            } catch is IdempotencyKeyTaken {
                // Another request with the key stored its answer (or claimed it) first, and this one's work was rolled
                // back with its answer: it is answered as any later request with the key (replay, 409 or 422).
            }
        }
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
            let answer = IdempotentAnswer(store: store, sealer: sealer, scope: scope, key: key, hold: .claimed(token: token), credential: credential)
            return try await run(context, next: next, answer: answer)
        }
    }

    /// Routes whose domain write stores the answer (``IdempotentAnswer/record(_:in:)``): they run without a claim, so
    /// a keyed request waits for one write and one commit.
    static let answeredInTheirWrite: Set<String> = [OpenAPIOperation.createUser.id]

    /// Runs the route with `answer` at hand and stores what it answered: problems below 500 too (a retry gets the
    /// same 4xx), nothing for a 5xx (the key is let go, so that the client can retry it).
    private func run(_ context: RequestContext, next: Responder, answer: IdempotentAnswer) async throws -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await IdempotentAnswer.$current.withValue(answer) { try await next(context) }
        } catch {
            guard !(error is IdempotencyKeyTaken), let problem = Problem(error, requestID: context.requestID), problem.status < 500 else {
                await release(answer)
                throw error
            }
            response = problem.response
        }
        if response.status >= 500 {
            await release(answer)
        } else if answer.recordedResponse == nil {
            try await answer.store(response)
        }
        return response
    }

    /// Lets a claimed key go (an unclaimed one holds nothing).
    private func release(_ answer: IdempotentAnswer) async {
        guard case .claimed(let token) = answer.hold else { return }
        try? await store.release(scope: answer.scope, key: answer.key, token: token)
    }
}
