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
    /// Users joined with their broker link (if any); the columns are ``UserColumn``'s, in its order.
    static let select = "SELECT " + UserColumn.allCases.map(\.expression).joined(separator: ", ")
        + " FROM users u LEFT JOIN broker_connections b ON b.user_id = u.id"

    init(row: Row) throws {
        self.init(
            id: try row.get(UserColumn.id), email: try row.get(UserColumn.email), phone: try row.get(UserColumn.phone),
            name: try row.get(UserColumn.name), externalID: try row.get(UserColumn.externalID),
            planID: try row.get(UserColumn.planID), status: try row.get(UserColumn.status),
            livemode: try row.get(UserColumn.mode, as: Mode.self) == .live, createdAt: try row.get(UserColumn.createdAt),
            deletedAt: try row.get(UserColumn.deletedAt), purgeAfter: try row.get(UserColumn.purgeAfter),
            broker: try BrokerStatus(userRow: row))
    }
}

extension BrokerStatus {
    /// The broker link in a row of ``User/select``; nil when the user has none.
    init?(userRow row: Row) throws {
        guard let name = try row.get(UserColumn.broker, as: String?.self) else { return nil }
        self.init(
            name: name, status: try row.get(UserColumn.brokerStatus),
            clientCodeMasked: try row.get(UserColumn.clientCode, as: String?.self).map(Validators.maskClientCode),
            connectedAt: try row.get(UserColumn.connectedAt), expiresAt: try row.get(UserColumn.brokerExpiresAt),
            disconnectReason: try row.get(UserColumn.disconnectReason))
    }
}
