import Kernel

/// The query of a page of users (``Accounts/listUsers(_:_:)``, ``Accounts/listUsersJSON(_:_:)``): a checked
/// ``UserQuery`` made into its SQL, newest first, reading one row more than the page to learn whether more exist.
struct UserListStatement {
    let query: UserQuery
    /// The `email` filter in its normalised form.
    let email: String?

    /// Checks `query` before any read: a bad limit, status or email is refused with the field it names.
    init(_ query: UserQuery) throws {
        guard (1...100).contains(query.limit) else { throw DomainError.invalidField("limit", "must be 1…100") }
        if let status = query.status, !["active", "deleted"].contains(status) {
            throw DomainError.invalidField("status", "must be active or deleted")
        }
        self.query = query
        email = try query.email.map { try Validators.email($0) }
    }

    /// The SQL and its arguments for `scope`; resolves the `starting_after` cursor in `tx`.
    func sql(_ scope: TenantScope, _ tx: Transaction) throws -> (sql: String, arguments: [any SQLValueConvertible]) {
        var arguments: [any SQLValueConvertible] = [scope.operatorID, scope.mode]
        var filters = Filters()
        if let after = query.startingAfter {
            filters.insert(.startingAfter)
            arguments.append(try tx.cursorPosition(after, in: "users", scope: scope, naming: "user"))
        }
        if let plan = query.planID { filters.insert(.plan); arguments.append(plan) }
        if let email { filters.insert(.email); arguments.append(email) }
        if let status = query.status { filters.insert(.status); arguments.append(status) }
        arguments.append(query.limit + 1)
        return (Self.texts[Int(filters.rawValue)], arguments)
    }

    /// The filters a query uses, each a `?` placeholder in this order.
    struct Filters: OptionSet {
        let rawValue: UInt8
        static let startingAfter = Filters(rawValue: 1)
        static let plan = Filters(rawValue: 2)
        static let email = Filters(rawValue: 4)
        static let status = Filters(rawValue: 8)
    }

    /// The statement of every combination of filters, by ``Filters/rawValue``, made once: making the 600 characters
    /// of the list route's statement per request cost allocations and copies.
    static let texts = (0..<16).map { text(Filters(rawValue: UInt8($0))) }

    private static func text(_ filters: Filters) -> String {
        var sql = User.select + " WHERE u.operator_id = ? AND u.mode = ? AND u.status != 'purged'"
        if filters.contains(.startingAfter) { sql += " AND u.seq < ?" }
        if filters.contains(.plan) { sql += " AND u.plan_id = ?" }
        if filters.contains(.email) { sql += " AND u.email = ?" }
        if filters.contains(.status) { sql += " AND u.status = ?" }
        return sql + " ORDER BY u.seq DESC LIMIT ?"
    }
}
