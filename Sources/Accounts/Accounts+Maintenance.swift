import Kernel

extension Accounts {
    /// What one maintenance pass did.
    public struct MaintenanceReport: Sendable, Equatable {
        public let brokersExpired: Int
        public let usersPurged: Int
        /// `api_key.expiring` notices sent.
        public let keyNotices: Int
    }

    /// Expires broker links whose `expires_at` has passed (`broker.disconnected`, reason `expired`), purges the
    /// personal data of clients deleted longer ago than the retention period (`user.purged`), sends the rotated-out
    /// keys' `api_key.expiring` notices and drops expired sessions and links. Idempotent.
    ///
    /// Each row is judged at its own scope's time (a sandbox on a test clock by its clock), and each event it causes
    /// carries that time. With `scope`, only that scope's rows are looked at (a test clock's step).
    @discardableResult
    public func runMaintenance(in scope: TenantScope? = nil) async throws -> MaintenanceReport {
        try await database.write { tx in
            let now = tx.nowOfEachRow(), only = Self.only(scope)
            let expiring = try tx.query(
                "SELECT user_id, operator_id, mode FROM broker_connections WHERE status = 'connected' AND expires_at <= \(now.sql)\(only.sql)",
                now.arguments + only.arguments)
            for row in expiring {
                let scope = TenantScope(operatorID: try row.get("operator_id"), mode: try row.get("mode"))
                tx.useClock(of: scope)
                _ = try Self.disconnect(userID: try row.get("user_id"), scope: scope, reason: "expired", tx)
            }
            let purging = try tx.query(
                "SELECT id, operator_id, mode, plan_id FROM users WHERE status = 'deleted' AND purge_after <= \(now.sql)\(only.sql)",
                now.arguments + only.arguments)
            for row in purging {
                let id: String = try row.get("id")
                tx.useClock(of: TenantScope(operatorID: try row.get("operator_id"), mode: try row.get("mode")))
                try tx.execute(
                    "UPDATE users SET status = 'purged', email = NULL, phone = NULL, name = NULL, external_id = NULL, creation_key = NULL WHERE id = ?",
                    [id])
                try tx.execute("UPDATE broker_connections SET client_code = NULL WHERE user_id = ?", [id])
                try tx.execute("DELETE FROM login_links WHERE user_id = ?", [id])
                try tx.publish(NewEvent(type: AccountsEvent.userPurged, tenant: try row.get("operator_id"), mode: try row.get("mode"),
                                        payload: UserLifecyclePayload(userID: id, planID: try row.get("plan_id"), at: tx.now)))
            }
            let notices = try KeyNotices.send(in: scope, tx)
            try tx.execute("DELETE FROM client_sessions WHERE expires_at <= \(now.sql)\(only.sql)", now.arguments + only.arguments)
            try tx.execute("DELETE FROM login_links WHERE expires_at + 86400000 <= \(now.sql) AND used_at IS NULL\(only.sql)",
                           now.arguments + only.arguments)
            if scope == nil { try tx.execute("DELETE FROM member_sessions WHERE expires_at <= ?", [tx.wallNow]) }
            return MaintenanceReport(brokersExpired: expiring.count, usersPurged: purging.count, keyNotices: notices)
        }
    }

    /// Runs maintenance every `interval` of clock time until cancelled.
    public func runMaintenanceLoop(every interval: Duration = .seconds(60), logger: Logger) async {
        while !Task.isCancelled {
            do {
                let report = try await runMaintenance()
                if report.brokersExpired + report.usersPurged + report.keyNotices > 0 {
                    logger.info("accounts maintenance", [
                        "brokers_expired": "\(report.brokersExpired)", "users_purged": "\(report.usersPurged)",
                        "key_notices": "\(report.keyNotices)",
                    ])
                }
                try await clock.sleep(for: interval)
            } catch is CancellationError {
                return
            } catch {
                logger.error("accounts maintenance failed", ["error": "\(error)"])
                try? await clock.sleep(for: interval)
            }
        }
    }

    /// The condition that keeps a pass to `scope`'s rows (nothing without one).
    static func only(_ scope: TenantScope?) -> SQLFragment {
        scope.map { SQLFragment(" AND operator_id = ? AND mode = ?", [$0.operatorID, $0.mode]) } ?? SQLFragment("")
    }
}
