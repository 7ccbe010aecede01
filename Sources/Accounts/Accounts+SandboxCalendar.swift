import Kernel

/// What the calendar drives in Accounts, for a sandbox's test clock: broker links expiring, deleted clients' purges
/// and rotated-out keys' notices, run by the same maintenance pass as in real time.
extension Accounts: SandboxCalendar {
    public func nextDue(in scope: TenantScope, after time: Timestamp) async throws -> Timestamp? {
        try await database.read { tx in
            let arguments: [any SQLValueConvertible] = [scope.operatorID, scope.mode, time]
            let brokers = try tx.scalar(
                "SELECT MIN(expires_at) FROM broker_connections WHERE status = 'connected' AND operator_id = ? AND mode = ? AND expires_at > ?",
                arguments, as: Timestamp.self)
            let purges = try tx.scalar(
                "SELECT MIN(purge_after) FROM users WHERE status = 'deleted' AND operator_id = ? AND mode = ? AND purge_after > ?",
                arguments, as: Timestamp.self)
            return [brokers, purges, try KeyNotices.nextDue(in: scope, after: time, tx)].compactMap { $0 }.min()
        }
    }

    public func runDue(in scope: TenantScope) async throws -> [String: Int] {
        let report = try await runMaintenance(in: scope)
        return ["brokers_expired": report.brokersExpired, "users_purged": report.usersPurged, "api_key_notices": report.keyNotices]
    }
}
