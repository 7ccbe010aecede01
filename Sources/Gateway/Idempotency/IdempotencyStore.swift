import Foundation
import HTTPAPI
import HTTPServer
import Kernel

/// The stored answers of idempotent requests, in the Gateway's `idempotency_keys` table.
///
/// Claiming a key is one write body, and the database's one writer runs them one at a time: of two racing requests
/// with the same key exactly one claims it, the other sees it running (a claim is visible to the writes after it at
/// once, before its commit).
struct IdempotencyStore: Sendable {
    let database: Database
    var lifetime: Duration = .seconds(86_400)

    /// The `status` of a key left running by a crash (no request runs across a restart); ``recover(_:)`` sets it.
    /// Such a key keeps its fingerprint: the same request claims it again, another is refused as before.
    static let interruptedStatus = 0

    enum Claim {
        case claimed
        case inProgress
        case mismatch
        case replay(HTTPResponse)
    }

    /// Claims `key`, or finds its earlier request. A fresh claim comes back without waiting for its commit: a claim
    /// is worthless after a crash (``recover(_:)`` discards running claims), and the request's own writes queue
    /// behind it on the one writer, so none of them can be durable without it. Every other outcome waits for the
    /// commit, so nothing is answered from a stored answer that is not durable yet.
    func claim(scope: String, key: String, fingerprint: [UInt8]) async throws -> Claim {
        let lifetime = self.lifetime
        let (claim, commit) = try await database.writeAheadOfCommit { tx -> Claim in
            try tx.execute("DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND expires_at <= ?", [scope, key, tx.now])
            if let row = try tx.queryOne("SELECT fingerprint, state, status, headers, body FROM idempotency_keys WHERE scope = ? AND key = ?", [scope, key]) {
                guard ConstantTime.equals(try row.get("fingerprint"), fingerprint) else { return .mismatch }
                guard try row.get("state", as: String.self) == "done" else {
                    guard try row.get("status", as: Int?.self) == Self.interruptedStatus else { return .inProgress }
                    try tx.execute("UPDATE idempotency_keys SET status = NULL WHERE scope = ? AND key = ?", [scope, key])
                    return .claimed
                }
                let headers = try JSON.decoder.decode([String: String].self, from: Data(try row.get("headers", as: String.self).utf8))
                var response = HTTPResponse(status: try row.get("status"), body: try row.get("body"))
                for name in headers.keys.sorted() { response.headers[name] = headers[name] }
                return .replay(response)
            }
            try tx.execute(
                "INSERT INTO idempotency_keys(scope, key, fingerprint, state, created_at, expires_at) VALUES (?, ?, ?, 'running', ?, ?)",
                [scope, key, fingerprint, tx.now, tx.now + lifetime])
            return .claimed
        }
        if case .claimed = claim { return claim }
        try await commit.durable()
        return claim
    }

    func complete(scope: String, key: String, response: HTTPResponse, keeping names: [String]) async throws {
        var kept = [String: String]()
        for name in names { if let value = response.headers[name] { kept[name] = value } }
        let headers = String(decoding: JSONWriter.encode(kept), as: UTF8.self)
        try await database.write { tx in
            try tx.execute("UPDATE idempotency_keys SET state = 'done', status = ?, headers = ?, body = ? WHERE scope = ? AND key = ?",
                           [response.status, headers, response.body, scope, key])
            // The claim did not wait for its commit; should that commit have failed, nothing is stored here, and the
            // request must not be acknowledged with an answer a retry would not get.
            guard tx.changes == 1 else { throw StorageError(.engine, "the idempotency claim for this request was lost") }
        }
    }

    func release(scope: String, key: String) async throws {
        try await database.write { tx in try tx.execute("DELETE FROM idempotency_keys WHERE scope = ? AND key = ?", [scope, key]) }
    }

    /// At start-up: no request survives a restart, so keys left running are marked interrupted (a retry of the same
    /// request runs again, and user creation, single or bulk, finds by the key what the first run created; a
    /// different request with the key is still refused), and expired answers are dropped.
    static func recover(_ database: Database) async throws {
        try await database.write { tx in
            try tx.execute("DELETE FROM idempotency_keys WHERE expires_at <= ?", [tx.now])
            try tx.execute("UPDATE idempotency_keys SET status = ? WHERE state = 'running'", [Self.interruptedStatus])
        }
    }
}
