import Kernel

/// The columns of ``User/select``, in its order: the SELECT list is written from these cases, and
/// ``User/init(row:)`` reads each by its position, so a list of users costs no look-up of a column name per value.
enum UserColumn: Int, CaseIterable {
    case seq, id, email, phone, name, externalID, planID, status, mode, createdAt, deletedAt, purgeAfter
    case broker, clientCode, brokerStatus, connectedAt, brokerExpiresAt, disconnectReason

    /// The column's expression in the SELECT list (`u` is `users`, `b` its broker link).
    var expression: String {
        switch self {
        case .seq: "u.seq"
        case .id: "u.id"
        case .email: "u.email"
        case .phone: "u.phone"
        case .name: "u.name"
        case .externalID: "u.external_id"
        case .planID: "u.plan_id"
        case .status: "u.status"
        case .mode: "u.mode"
        case .createdAt: "u.created_at"
        case .deletedAt: "u.deleted_at"
        case .purgeAfter: "u.purge_after"
        case .broker: "b.broker"
        case .clientCode: "b.client_code"
        case .brokerStatus: "b.status AS broker_status"
        case .connectedAt: "b.connected_at"
        case .brokerExpiresAt: "b.expires_at AS broker_expires_at"
        case .disconnectReason: "b.disconnect_reason"
        }
    }
}

extension Row {
    /// The value of a column of ``User/select`` as `T`.
    func get<T: SQLValueConvertible>(_ column: UserColumn, as type: T.Type = T.self) throws -> T {
        try get(at: column.rawValue, as: type)
    }
}

extension RowCursor {
    /// The value of a column of ``User/select`` as `T`.
    func get<T: SQLValueConvertible>(_ column: UserColumn, as type: T.Type = T.self) throws -> T {
        try get(at: column.rawValue, as: type)
    }
}
