import Kernel

/// The `api_key.expiring` notices of rotated-out keys: one as a key's last hour begins (`one_hour_left`), and one
/// more if a request used the key after that first notice went out (`still_in_use`): the operator's systems still
/// hold it. Each is recorded on the key, so it is sent once; a key that expired before its notice could go out (the
/// server was down, or the rotation gave no grace) gets none.
///
/// The notices go out on Accounts' maintenance pass (every minute), so "one hour before" is to within a pass; a key
/// rotated out with less than an hour's grace gets its first notice on the next pass. `last_used_at` is written at
/// most once a minute per key, so a use in the key's last minute may go unnoticed.
enum KeyNotices {
    /// How long before a rotated-out key stops working its first notice goes out.
    static let lead: Duration = .seconds(3600)

    /// Sends the notices due (in `scope`, or everywhere), each at its key's scope's time. Returns how many it sent.
    static func send(in scope: TenantScope?, _ tx: Transaction) throws -> Int {
        let now = tx.nowOfEachRow(), only = Accounts.only(scope)
        let starting = try tx.query(
            "SELECT \(columns) FROM api_keys WHERE one_hour_notice_at IS NULL AND expires_at - ? <= \(now.sql)\(only.sql) ORDER BY expires_at, id",
            [lead.milliseconds] + now.arguments + only.arguments)
        var sent = 0
        for row in starting {
            let key = try Key(row)
            tx.useClock(of: key.scope)
            try tx.execute("UPDATE api_keys SET one_hour_notice_at = ? WHERE id = ?", [tx.now, key.id])
            guard key.expiresAt > tx.now else { continue }
            try publish(key, .oneHourLeft, tx)
            sent += 1
        }
        let stillUsed = try tx.query(
            """
            SELECT \(columns) FROM api_keys WHERE in_use_notice_at IS NULL AND one_hour_notice_at IS NOT NULL
                AND last_used_at > one_hour_notice_at AND expires_at > \(now.sql)\(only.sql) ORDER BY expires_at, id
            """,
            now.arguments + only.arguments)
        for row in stillUsed {
            let key = try Key(row)
            tx.useClock(of: key.scope)
            try tx.execute("UPDATE api_keys SET in_use_notice_at = ? WHERE id = ?", [tx.now, key.id])
            try publish(key, .stillInUse, tx)
            sent += 1
        }
        return sent
    }

    /// The next moment after `time` at which a key of `scope` enters its last hour unnoticed, if any.
    static func nextDue(in scope: TenantScope, after time: Timestamp, _ tx: Transaction) throws -> Timestamp? {
        try tx.scalar(
            "SELECT MIN(expires_at - ?) FROM api_keys WHERE operator_id = ? AND mode = ? AND one_hour_notice_at IS NULL AND expires_at - ? > ?",
            [lead.milliseconds, scope.operatorID, scope.mode, lead.milliseconds, time], as: Timestamp.self)
    }

    private static let columns = "id, operator_id, mode, prefix, last4, expires_at, last_used_at"

    /// A rotated-out key as a notice describes it.
    private struct Key {
        let id: String
        let scope: TenantScope
        let masked: String
        let expiresAt: Timestamp
        let lastUsedAt: Timestamp?

        init(_ row: Row) throws {
            id = try row.get("id")
            scope = TenantScope(operatorID: try row.get("operator_id"), mode: try row.get("mode"))
            masked = APIKeyFormat.masked(prefix: try row.get("prefix"), last4: try row.get("last4"))
            expiresAt = try row.get("expires_at")
            lastUsedAt = try row.get("last_used_at")
        }
    }

    private static func publish(_ key: Key, _ reason: APIKeyExpiringPayload.Reason, _ tx: Transaction) throws {
        try tx.publish(NewEvent(type: AccountsEvent.apiKeyExpiring, tenant: key.scope.operatorID, mode: key.scope.mode, payload: APIKeyExpiringPayload(
            mode: key.scope.mode, keyID: key.id, masked: key.masked, expiresAt: key.expiresAt, lastUsedAt: key.lastUsedAt, reason: reason)))
    }
}
