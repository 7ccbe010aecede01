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
        var sql = User.select + " WHERE u.operator_id = ? AND u.mode = ? AND u.status != 'purged'"
        var arguments: [any SQLValueConvertible] = [scope.operatorID, scope.mode]
        if let after = query.startingAfter {
            sql += " AND u.seq < ?"
            arguments.append(try tx.cursorPosition(after, in: "users", scope: scope, naming: "user"))
        }
        if let plan = query.planID { sql += " AND u.plan_id = ?"; arguments.append(plan) }
        if let email { sql += " AND u.email = ?"; arguments.append(email) }
        if let status = query.status { sql += " AND u.status = ?"; arguments.append(status) }
        sql += " ORDER BY u.seq DESC LIMIT ?"
        arguments.append(query.limit + 1)
        return (sql, arguments)
    }
}
