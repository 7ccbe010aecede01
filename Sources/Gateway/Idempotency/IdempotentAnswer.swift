import HTTPServer
import Kernel
import Synchronization

/// The answer of one request whose `Idempotency-Key` the ``IdempotencyMiddleware`` claimed: sealed for the request's
/// credential (``StoredAnswerSealer``) and stored under the key, in one of two ways.
///
/// - By the route, inside its domain's own write (``record(_:in:)``, found through ``current``): the answer commits
///   in the same transaction as the work it reports, so the request waits for one commit instead of two, and no
///   crash can leave the work durable without its answer (a retry then replays the very bytes acknowledged).
/// - Otherwise by the middleware, in a write of its own once the route has answered (``store(_:)``).
final class IdempotentAnswer: Sendable {
    /// The answer of the request this task runs, while the middleware holds its key; nil without a key.
    @TaskLocal static var current: IdempotentAnswer?

    private let store: IdempotencyStore
    private let sealer: StoredAnswerSealer
    private let scope: String
    private let key: String
    private let token: String
    private let credential: String
    private let recorded = Mutex<HTTPResponse?>(nil)

    init(store: IdempotencyStore, sealer: StoredAnswerSealer, scope: String, key: String, token: String, credential: String) {
        self.store = store
        self.sealer = sealer
        self.scope = scope
        self.key = key
        self.token = token
        self.credential = credential
    }

    /// Stores `response` as the answer in `tx`'s transaction; throws (so that the transaction's work is rolled back
    /// with it) when the claim is no longer this request's. Call it last in the write body, let the write's errors
    /// through, and answer with ``recordedResponse`` once the write has returned (its commit is then durable).
    func record(_ response: HTTPResponse, in tx: Transaction) throws {
        try IdempotencyStore.complete(
            scope: scope, key: key, token: token, response: sealed(response), keeping: IdempotencyMiddleware.replayedHeaders, tx)
        recorded.withLock { $0 = response }
    }

    /// The response ``record(_:in:)`` stored, if a route recorded one.
    var recordedResponse: HTTPResponse? { recorded.withLock { $0 } }

    /// Stores `response` as the answer in a write of its own, once the route has answered without recording it.
    func store(_ response: HTTPResponse) async throws {
        try await store.complete(scope: scope, key: key, token: token, response: sealed(response), keeping: IdempotencyMiddleware.replayedHeaders)
    }

    private func sealed(_ response: HTTPResponse) -> HTTPResponse {
        var sealed = response
        sealed.body = sealer.seal(response.body, scope: scope, key: key, credential: credential)
        return sealed
    }
}
