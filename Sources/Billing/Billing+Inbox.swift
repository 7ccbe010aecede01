import Kernel

extension Billing {
    /// The operator's inbox in `scope`, newest first, with the unread count.
    public func inbox(_ scope: TenantScope, limit: Int = 20, startingAfter: String? = nil) async throws -> InboxPage {
        guard (1...100).contains(limit) else { throw DomainError.invalidField("limit", "must be 1…100") }
        return try await database.read { tx in try Inbox.page(scope, limit: limit, startingAfter: startingAfter, tx) }
    }

    /// Marks an inbox item read; marking it again changes nothing.
    public func markRead(_ scope: TenantScope, _ id: String) async throws -> InboxItem {
        try await database.write(for: scope) { tx in try Inbox.markRead(id, scope, tx) }
    }
}
