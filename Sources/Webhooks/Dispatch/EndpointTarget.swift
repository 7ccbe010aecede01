import Kernel

/// Where and how one endpoint's deliveries are sent: its URL and signing secrets, read with each batch of its due
/// deliveries (so a changed URL or a rotated secret applies from the next batch on).
struct EndpointTarget: Sendable {
    let id: String
    let tenant: TenantScope
    let url: String
    let enabled: Bool
    let secret: String
    /// The secret before the last rotation, which also signs until `previousSecretExpiresAt`.
    let previousSecret: String?
    let previousSecretExpiresAt: Timestamp?
    /// The persisted circuit.
    let consecutiveFailures: Int
    let circuitOpenUntil: Timestamp?

    /// The secrets that sign a delivery sent at `now`, the current one first.
    func secrets(at now: Timestamp) -> [String] {
        guard let previousSecret, let until = previousSecretExpiresAt, until > now else { return [secret] }
        return [secret, previousSecret]
    }

    /// The endpoint's row with its secrets opened, or nil when it was deleted.
    static func load(_ id: String, secrets: EndpointSecrets, _ tx: Transaction) throws -> EndpointTarget? {
        guard let row = try tx.queryOne(
            """
            SELECT operator_id, mode, url, enabled, secret, previous_secret, previous_secret_expires_at, consecutive_failures, circuit_open_until
            FROM webhook_endpoints WHERE id = ?
            """, [id])
        else { return nil }
        return EndpointTarget(
            id: id, tenant: TenantScope(operatorID: try row.get("operator_id"), mode: try row.get("mode")), url: try row.get("url"),
            enabled: try row.get("enabled"), secret: try secrets.open(try row.get("secret"), endpointID: id),
            previousSecret: try row.get("previous_secret", as: String?.self).map { try secrets.open($0, endpointID: id) },
            previousSecretExpiresAt: try row.get("previous_secret_expires_at"), consecutiveFailures: try row.get("consecutive_failures"),
            circuitOpenUntil: try row.get("circuit_open_until"))
    }
}
