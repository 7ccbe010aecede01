import Kernel

extension Webhooks {
    /// The endpoint's previous secret, opened, while it still signs beside the current one.
    static func previousSecret(_ endpointID: String, _ secrets: EndpointSecrets, _ tx: Transaction) throws -> String? {
        guard let row = try tx.queryOne("SELECT previous_secret, previous_secret_expires_at FROM webhook_endpoints WHERE id = ?", [endpointID]),
              let sealed = try row.get("previous_secret", as: String?.self),
              let until = try row.get("previous_secret_expires_at", as: Timestamp?.self), until > tx.now
        else { return nil }
        return try secrets.open(sealed, endpointID: endpointID)
    }

    /// Every secret the endpoint still holds, opened: the current one and the previous one, expired or not (to name
    /// the secret that signed an attempt); none once the endpoint is deleted.
    static func heldSecrets(_ endpointID: String, _ secrets: EndpointSecrets, _ tx: Transaction) throws -> [String] {
        guard let row = try tx.queryOne("SELECT secret, previous_secret FROM webhook_endpoints WHERE id = ?", [endpointID]) else { return [] }
        let sealed = [try row.get("secret", as: String.self)] + (try row.get("previous_secret", as: String?.self).map { [$0] } ?? [])
        return try sealed.map { try secrets.open($0, endpointID: endpointID) }
    }
}
