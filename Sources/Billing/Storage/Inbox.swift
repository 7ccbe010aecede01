import Foundation
import Kernel

/// The operator's inbox rows. An item doubles as the durable record of its WhatsApp alert: while its
/// `whatsapp_status` is `pending`, the alert sender owes it an attempt at `whatsapp_next_attempt_at`.
enum Inbox {
    /// A WhatsApp alert the sender owes.
    struct PendingAlert {
        let id: String
        let to: String
        let notice: any AlertNotice
        let attempts: Int
    }

    /// Adds an item; its WhatsApp copy starts as `status` (pending ones are due at once, in real time even for a
    /// sandbox on a test clock: the message really goes out).
    static func insert(_ notice: any AlertNotice, whatsapp status: WhatsAppStatus, to number: String?, _ scope: TenantScope, _ tx: Transaction) throws {
        try tx.execute(
            """
            INSERT INTO billing_inbox(id, operator_id, mode, type, title, body, data, created_at, whatsapp_status, whatsapp_to,
                                      whatsapp_next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [Identifier.make(.inboxItem), scope.operatorID, scope.mode, notice.type, notice.title, notice.body,
             try JSON.encodeString(notice.data), tx.now, status, number, status == .pending ? tx.wallNow : nil])
    }

    /// What the alert's WhatsApp copy starts as: pending when WhatsApp is configured and the wallet of `scope` has an
    /// alert number (returned with it), otherwise recorded as why not.
    static func whatsApp(configured: Bool, _ scope: TenantScope, _ tx: Transaction) throws -> (WhatsAppStatus, String?) {
        let number = try tx.scalar("SELECT alert_whatsapp_number FROM billing_wallets WHERE operator_id = ? AND mode = ?",
                                   [scope.operatorID, scope.mode], as: String?.self) ?? nil
        return (!configured ? .notConfigured : number == nil ? .noNumber : .pending, number)
    }

    /// Newest first, after the item `startingAfter` when given.
    static func page(_ scope: TenantScope, limit: Int, startingAfter: String?, _ tx: Transaction) throws -> InboxPage {
        var sql = "SELECT \(columns) FROM billing_inbox WHERE operator_id = ? AND mode = ?"
        var arguments: [any SQLValueConvertible] = [scope.operatorID, scope.mode]
        if let startingAfter {
            sql += " AND seq < ?"
            arguments.append(try tx.cursorPosition(startingAfter, in: "billing_inbox", scope: scope, naming: "inbox item"))
        }
        let items = try tx.query(sql + " ORDER BY seq DESC LIMIT ?", arguments + [limit + 1]).map(InboxItem.init(row:))
        let unread = try tx.scalar("SELECT COUNT(*) FROM billing_inbox WHERE operator_id = ? AND mode = ? AND read_at IS NULL",
                                   [scope.operatorID, scope.mode], as: Int.self) ?? 0
        return InboxPage(data: Array(items.prefix(limit)), hasMore: items.count > limit, unreadCount: unread)
    }

    /// Marks an item read (once: a second call keeps the first `read_at`).
    static func markRead(_ id: String, _ scope: TenantScope, _ tx: Transaction) throws -> InboxItem {
        try tx.execute("UPDATE billing_inbox SET read_at = ? WHERE id = ? AND operator_id = ? AND mode = ? AND read_at IS NULL",
                       [tx.now, id, scope.operatorID, scope.mode])
        guard let row = try tx.queryOne("SELECT \(columns) FROM billing_inbox WHERE id = ? AND operator_id = ? AND mode = ?",
                                        [id, scope.operatorID, scope.mode])
        else { throw DomainError.notFound(.inboxItem, id) }
        return try InboxItem(row: row)
    }

    /// Alerts whose next attempt is due at `now`, oldest first.
    static func dueAlerts(at now: Timestamp, limit: Int, _ tx: Transaction) throws -> [PendingAlert] {
        try tx.query(
            """
            SELECT id, mode, type, data, whatsapp_to, whatsapp_attempts FROM billing_inbox
            WHERE whatsapp_status = 'pending' AND whatsapp_next_attempt_at <= ? ORDER BY whatsapp_next_attempt_at, seq LIMIT ?
            """,
            [now, limit]
        ).map { row in
            PendingAlert(id: try row.get("id"), to: try row.get("whatsapp_to"), notice: try notice(row), attempts: try row.get("whatsapp_attempts"))
        }
    }

    /// When the earliest pending alert is due, or nil when none is pending.
    static func nextAlertDue(_ tx: Transaction) throws -> Timestamp? {
        try tx.scalar("SELECT MIN(whatsapp_next_attempt_at) FROM billing_inbox WHERE whatsapp_status = 'pending'", as: Timestamp.self)
    }

    /// Records one attempt's outcome: `status` with the next attempt time when it stays pending.
    static func recordAttempt(_ id: String, status: WhatsAppStatus, nextAttemptAt: Timestamp?, error: String?, _ tx: Transaction) throws {
        try tx.execute(
            """
            UPDATE billing_inbox SET whatsapp_status = ?, whatsapp_attempts = whatsapp_attempts + 1, whatsapp_next_attempt_at = ?,
                                     whatsapp_last_error = ?
            WHERE id = ? AND whatsapp_status = 'pending'
            """,
            [status, nextAttemptAt, error, id])
    }

    private static let columns = "id, mode, type, title, body, data, created_at, read_at, whatsapp_status, whatsapp_last_error"

    /// The notice an item holds, from its type and stored data.
    static func notice(_ row: Row) throws -> any AlertNotice {
        let data = Data(try row.get("data", as: String.self).utf8), mode: Mode = try row.get("mode")
        switch try row.get("type", as: String.self) {
        case InboundEvent.webhookEndpointDisabled:
            return EndpointDisabledNotice(payload: try JSON.decoder.decode(EndpointDisabledAlert.self, from: data), mode: mode)
        default:
            return LowBalanceNotice(payload: try JSON.decoder.decode(LowBalancePayload.self, from: data), mode: mode)
        }
    }
}

extension InboxItem {
    init(row: Row) throws {
        let readAt: Timestamp? = try row.get("read_at")
        self.init(
            id: try row.get("id"), type: try row.get("type"), title: try row.get("title"), body: try row.get("body"),
            data: try Inbox.notice(row).data,
            read: readAt != nil, readAt: readAt, whatsapp: try row.get("whatsapp_status"), whatsappError: try row.get("whatsapp_last_error"),
            livemode: try row.get("mode", as: Mode.self) == .live, createdAt: try row.get("created_at"))
    }
}
