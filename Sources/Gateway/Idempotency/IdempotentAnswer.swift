import HTTPServer
import Kernel
import Synchronization

/// The answer of one request with an `Idempotency-Key`: sealed for the request's credential (``StoredAnswerSealer``)
/// and stored under the key, in one of two ways.
///
/// - By the route, inside its domain's own write (``record(_:in:)``, found through ``current``): the answer commits
///   in the same transaction as the work it reports, so the request waits for one commit, and no crash can leave
///   the work durable without its answer (a retry then replays the very bytes acknowledged).
/// - Otherwise by the middleware, in a write of its own once the route has answered (``store(_:)``).
///
/// The key is either claimed (``Hold/claimed(token:)``: the middleware holds it while the request runs) or, for a
/// route that answers in its own write, not claimed at all (``Hold/unclaimed(fingerprint:)``): the answer is then
/// inserted under the key, and storing it throws ``IdempotencyKeyTaken`` when another request got there first.
final class IdempotentAnswer: Sendable {
    /// How the request holds its key.
    enum Hold {
        /// Claimed before the request ran; `token` proves it.
        case claimed(token: String)
        /// Not claimed: the answer is inserted with the request's fingerprint.
        case unclaimed(fingerprint: [UInt8])
    }

    /// The answer of the request this task runs, while the middleware handles its key; nil without a key.
    @TaskLocal static var current: IdempotentAnswer?

    private let store: IdempotencyStore
    private let sealer: StoredAnswerSealer
    let scope: String
    let key: String
    let hold: Hold
    private let credential: String
    private let recorded = Mutex<HTTPResponse?>(nil)

    init(store: IdempotencyStore, sealer: StoredAnswerSealer, scope: String, key: String, hold: Hold, credential: String) {
        self.store = store
        self.sealer = sealer
        self.scope = scope
        self.key = key
        self.hold = hold
        self.credential = credential
    }

    /// Stores `response` as the answer in `tx`'s transaction; throws (so that the transaction's work is rolled back
    /// with it) when the key is no longer, or was never, this request's. Call it last in the write body, let the
    /// write's errors through, and answer with ``recordedResponse`` once the write has returned (its commit is then
    /// durable).
    func record(_ response: HTTPResponse, in tx: Transaction) throws {
        try store(sealed(response), tx)
        recorded.withLock { $0 = response }
    }

    /// The response ``record(_:in:)`` stored, if a route recorded one.
    var recordedResponse: HTTPResponse? { recorded.withLock { $0 } }

    /// Stores `response` as the answer in a write of its own, once the route has answered without recording it.
    func store(_ response: HTTPResponse) async throws {
        let sealed = sealed(response)
        try await store.database.write { tx in try self.store(sealed, tx) }
    }

    private func store(_ sealed: HTTPResponse, _ tx: Transaction) throws {
        let kept = IdempotencyMiddleware.replayedHeaders
        switch hold {
        case .claimed(let token):
            try IdempotencyStore.complete(scope: scope, key: key, token: token, response: sealed, keeping: kept, tx)
        case .unclaimed(let fingerprint):
            try store.insertAnswer(scope: scope, key: key, fingerprint: fingerprint, response: sealed, keeping: kept, tx)
        }
    }

    private func sealed(_ response: HTTPResponse) -> HTTPResponse {
        var sealed = response
        sealed.body = sealer.seal(response.body, scope: scope, key: key, credential: credential)
        return sealed
    }
}
