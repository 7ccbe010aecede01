import Foundation
import Kernel

/// Reading Accounts' rows back into models.
extension Operator {
    static let columns = "id, slug, name, tier, login_base_url, limits, strategy_day_price_paise, created_at, updated_at"

    init(row: Row) throws {
        let limitsJSON: String = try row.get("limits")
        self.init(
            id: try row.get("id"), slug: try row.get("slug"), name: try row.get("name"), tier: try row.get("tier"),
            loginBaseURL: try row.get("login_base_url"),
            limits: JSONIntegerObject.parse(limitsJSON) ?? (try? JSON.decoder.decode([String: Int].self, from: Data(limitsJSON.utf8))) ?? [:],
            strategyDayPricePaise: try row.get("strategy_day_price_paise"),
            createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }

    var settingsPayload: OperatorSettingsPayload {
        OperatorSettingsPayload(operatorID: id, slug: slug, tier: tier, limits: limits, strategyDayPricePaise: strategyDayPricePaise)
    }
}

extension APIKeyInfo {
    static let columns = "id, mode, prefix, last4, created_at, last_used_at, expires_at"

    init(row: Row) throws {
        self.init(
            id: try row.get("id"), mode: try row.get("mode"),
            masked: APIKeyFormat.masked(prefix: try row.get("prefix"), last4: try row.get("last4")),
            createdAt: try row.get("created_at"), lastUsedAt: try row.get("last_used_at"), expiresAt: try row.get("expires_at"))
    }
}

extension Plan {
    static let columns = "id, name, tier, is_default, mode, created_at"

    init(row: Row) throws {
        self.init(
            id: try row.get("id"), name: try row.get("name"), tier: try row.get("tier"), isDefault: try row.get("is_default"),
            livemode: try row.get("mode", as: Mode.self) == .live, createdAt: try row.get("created_at"))
    }
}

extension User {
    /// Users joined with their broker link (if any).
    static let select = """
        SELECT u.seq, u.id, u.email, u.phone, u.name, u.external_id, u.plan_id, u.status, u.mode, u.created_at,
               u.deleted_at, u.purge_after, b.broker, b.client_code, b.status AS broker_status,
               b.connected_at, b.expires_at AS broker_expires_at, b.disconnect_reason
        FROM users u LEFT JOIN broker_connections b ON b.user_id = u.id
        """

    init(row: Row) throws {
        let broker: BrokerStatus? = try row.get("broker", as: String?.self).map { name in
            BrokerStatus(
                name: name, status: try row.get("broker_status"),
                clientCodeMasked: try row.get("client_code", as: String?.self).map(Validators.maskClientCode),
                connectedAt: try row.get("connected_at"), expiresAt: try row.get("broker_expires_at"),
                disconnectReason: try row.get("disconnect_reason"))
        }
        self.init(
            id: try row.get("id"), email: try row.get("email"), phone: try row.get("phone"), name: try row.get("name"),
            externalID: try row.get("external_id"), planID: try row.get("plan_id"), status: try row.get("status"),
            livemode: try row.get("mode", as: Mode.self) == .live, createdAt: try row.get("created_at"),
            deletedAt: try row.get("deleted_at"), purgeAfter: try row.get("purge_after"), broker: broker)
    }
}
