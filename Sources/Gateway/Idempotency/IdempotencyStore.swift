import Foundation
import HTTPAPI
import HTTPServer
import Kernel

/// The stored answers of idempotent requests, in the Gateway's `idempotency_keys` table, and the claims of the
/// requests still running, shared by every replica on the database.
///
/// A claim is a row inserted under the key's primary key before the request runs. Of two racing requests with the
/// same key exactly one inserts it, on any number of replicas: in one process the one writer runs the claims one at
/// a time (a claim is visible to the writes after it at once, before its commit); across replicas PostgreSQL makes
/// the second insert wait for the first one's transaction and then finds the row. The loser sees the key running
/// (409) or its stored answer. A route that stores its answer in its own write claims nothing: its answer is
/// inserted under the key with its work (``insertAnswer(scope:key:fingerprint:response:keeping:_:)``), and the same
/// primary key decides between racers.
///
/// A running claim is leased: the request's replica renews it every third of ``claimLease`` while the request runs,
/// and proves it still holds it with the claim's token when it stores the answer or lets the key go. When a replica
/// dies mid-request its claims lapse after at most ``claimLease`` (9 s): then the same request claims the key again
/// and runs again (another request with the key is still refused). That can never create twice where the first run
/// committed: creations of users are keyed by the request's key in Accounts (a rerun finds the first run's users),
/// and no rerun starts while the first run's replica still renews its claim.
struct IdempotencyStore: Sendable {
    let database: Database
    var lifetime: Duration = .seconds(86_400)
    /// How long a running claim stays taken without being renewed.
    var claimLease = Self.claimLease

    /// Short, because a client's retry after its replica died waits for it (409 `idempotency_key_in_use` with
    /// `Retry-After: 1` until then), and clients retry within seconds; renewing every 3 s is one small write per
    /// request that runs that long, which almost none do.
    static let claimLease: Duration = .seconds(9)

    enum Claim {
        /// The key is this request's; `token` proves it.
        case claimed(token: String)
        case inProgress
        case mismatch
        case replay(HTTPResponse)
    }

    /// Claims `key`, or finds its earlier request. A fresh claim comes back without waiting for its commit: a claim
    /// is worthless after a crash (it lapses), and the request's own writes queue behind it on the process's one
    /// writer, so none of them can be durable without it; ``complete(scope:key:token:response:keeping:)`` finds out
    /// if its commit failed. Every other outcome waits for the commit, so nothing is answered from a stored answer
    /// that is not durable yet.
    func claim(scope: String, key: String, fingerprint: [UInt8]) async throws -> Claim {
        let (lifetime, lease, token) = (lifetime, claimLease, Identifier.randomBase62(count: 24))
        let (claim, commit) = try await database.writeAheadOfCommit { tx -> Claim in
            try tx.execute("DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND expires_at <= ?", [scope, key, tx.now])
            try tx.execute(
                """
                INSERT OR IGNORE INTO idempotency_keys(scope, key, fingerprint, state, created_at, expires_at, claim_token, leased_until)
                VALUES (?, ?, ?, 'running', ?, ?, ?, ?)
                """, [scope, key, fingerprint, tx.now, tx.now + lifetime, token, tx.now + lease])
            if tx.changes == 1 { return .claimed(token: token) }
            // Another request holds the key (on another replica, it committed before this insert went on).
            guard let row = try tx.queryOne("SELECT fingerprint, state, status, headers, body, leased_until FROM idempotency_keys WHERE scope = ? AND key = ?", [scope, key])
            else { return .inProgress }
            guard ConstantTime.equals(try row.get("fingerprint"), fingerprint) else { return .mismatch }
            guard try row.get("state", as: String.self) == "done" else {
                if let leasedUntil = try row.get("leased_until", as: Timestamp?.self), leasedUntil > tx.now { return .inProgress }
                // The claim's replica died (or this one restarted): the same request takes the key over.
                try tx.execute(
                    """
                    UPDATE idempotency_keys SET claim_token = ?, leased_until = ?, status = NULL
                    WHERE scope = ? AND key = ? AND state = 'running' AND (leased_until IS NULL OR leased_until <= ?)
                    """, [token, tx.now + lease, scope, key, tx.now])
                return tx.changes == 1 ? .claimed(token: token) : .inProgress
            }
            let headers = try JSON.decoder.decode([String: String].self, from: Data(try row.get("headers", as: String.self).utf8))
            var response = HTTPResponse(status: try row.get("status"), body: try row.get("body"))
            for name in headers.keys.sorted() { response.headers[name] = headers[name] }
            return .replay(response)
        }
        if case .claimed = claim { return claim }
        try await commit.durable()
        return claim
    }

    /// Extends the claim's lease while its request runs; false when the claim is no longer this request's.
    func renew(scope: String, key: String, token: String) async throws -> Bool {
        let lease = claimLease
        return try await database.write { tx in
            try tx.execute("UPDATE idempotency_keys SET leased_until = ? WHERE scope = ? AND key = ? AND claim_token = ? AND state = 'running'",
                           [tx.now + lease, scope, key, token])
            return tx.changes == 1
        }
    }

    /// Renews the claim every third of its lease until cancelled (when the request is done) or lost. A renewal that
    /// fails (the database briefly unreachable) is tried again at the next third: two may fail before the lease lapses.
    func keepRenewing(scope: String, key: String, token: String) async {
        while !Task.isCancelled {
            do { try await database.clock.sleep(for: claimLease / 3) } catch { return }
            if (try? await renew(scope: scope, key: key, token: token)) == false { return }
        }
    }

    /// Stores `response` as the key's answer in `tx`'s transaction, if the claim is still this request's: the answer
    /// commits with the transaction's other work, or not at all. Throws (the transaction must then not commit) when
    /// the claim is gone.
    static func complete(scope: String, key: String, token: String, response: HTTPResponse, keeping names: [String], _ tx: Transaction) throws {
        try tx.execute(
            """
            UPDATE idempotency_keys SET state = 'done', status = ?, headers = ?, body = ?, claim_token = NULL, leased_until = NULL
            WHERE scope = ? AND key = ? AND claim_token = ?
            """, [response.status, keptHeaders(response, names), response.body, scope, key, token])
        // The claim did not wait for its commit; should that commit have failed (or the lease lapsed and another
        // replica taken the key over), nothing is stored here, and the request must not be acknowledged with an
        // answer a retry would not get.
        guard tx.changes == 1 else { throw StorageError(.engine, "the idempotency claim for this request was lost") }
    }

    /// Stores `response` as the answer of a key nobody claimed (a route that answers in its own write runs without
    /// a claim: ``IdempotencyMiddleware``), in `tx`'s transaction. Throws ``IdempotencyKeyTaken`` (the transaction
    /// must then not commit) when another request stored or claimed the key first: of two racing requests the
    /// second one's insert finds the first one's row, in one process (one writer) or across replicas (PostgreSQL
    /// makes it wait for the first one's transaction).
    func insertAnswer(scope: String, key: String, fingerprint: [UInt8], response: HTTPResponse, keeping names: [String], _ tx: Transaction) throws {
        try tx.execute("DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND expires_at <= ?", [scope, key, tx.now])
        try tx.execute(
            """
            INSERT OR IGNORE INTO idempotency_keys(scope, key, fingerprint, state, status, headers, body, created_at, expires_at)
            VALUES (?, ?, ?, 'done', ?, ?, ?, ?, ?)
            """, [scope, key, fingerprint, response.status, Self.keptHeaders(response, names), response.body, tx.now, tx.now + lifetime])
        guard tx.changes == 1 else { throw IdempotencyKeyTaken() }
    }

    /// The headers of `response` named in `names`, as the JSON object stored with its answer.
    private static func keptHeaders(_ response: HTTPResponse, _ names: [String]) -> String {
        var kept = [String: String]()
        for name in names { if let value = response.headers[name] { kept[name] = value } }
        return String(decoding: JSONWriter.encode(kept), as: UTF8.self)
    }

    /// Lets the key go (the request failed without effect), if the claim is still this request's.
    func release(scope: String, key: String, token: String) async throws {
        try await database.write { tx in
            try tx.execute("DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND claim_token = ?", [scope, key, token])
        }
    }

    /// At start-up: drops expired answers. On SQLite, which one process serves, no request survives a restart, so
    /// the claims left running lapse at once (a retry of the same request runs again without waiting for the lease,
    /// and user creation, single or bulk, finds by the key what the first run created; a different request with
    /// the key is still refused). On PostgreSQL other replicas may be running theirs: their claims lapse by lease.
    static func recover(_ database: Database) async throws {
        try await database.write { tx in
            try tx.execute("DELETE FROM idempotency_keys WHERE expires_at <= ?", [tx.now])
            if tx.dialect == .sqlite {
                try tx.execute("UPDATE idempotency_keys SET leased_until = NULL WHERE state = 'running'")
            }
        }
    }
}

/// An unclaimed key's answer could not be stored: another request stored or claimed the key first.
struct IdempotencyKeyTaken: Error {}
