import Kernel

extension Accounts {
    /// Creates a client with a one-time login URL and publishes `user.created`.
    ///
    /// `creationKey` (the request's idempotency key) is stored with the user under a unique index: a retry that
    /// arrives after a crash erased the gateway's idempotency record still finds the first user instead of making
    /// a second one.
    ///
    /// `alongside` runs last in the same transaction, with the created user: what it writes commits with the user
    /// or not at all, and when it throws the user is not created (the Gateway stores the request's idempotent answer
    /// there).
    public func createUser(
        _ scope: TenantScope, _ input: NewUser, source: String = "api", creationKey: String? = nil,
        alongside: (@Sendable (CreatedUser, Transaction) throws -> Void)? = nil
    ) async throws -> CreatedUser {
        let valid = try Self.validate(input)
        let token = SecretToken.token(prefix: "lt_")
        let lifetime = settings.loginLinkLifetime
        do {
            return try await database.write(for: scope) { tx in
                let created: CreatedUser
                if let creationKey, let existing = try Self.user(creationKey: creationKey, scope, tx) {
                    created = try Self.issueLink(for: existing, token: token, lifetime: lifetime, scope, tx)
                } else {
                    _ = try Self.plan(valid.planID, in: scope, field: "plan_id", tx)
                    created = try Self.insertUser(valid, scope, source: source, creationKey: creationKey, token: token, lifetime: lifetime, tx)
                }
                try alongside?(created, tx)
                return created
            }
        } catch let error as StorageError where error.isUniqueViolation {
            throw try await emailTaken(valid.email, scope)
        }
    }

    /// Creates each row on its own: a bad row answers its own error and never blocks the good ones.
    ///
    /// With a `creationKey` (the request's idempotency key) each row is stored under a key of its own derived from
    /// it, so a retry after a crash finds the rows the first run created and answers them as created, with their
    /// ids and fresh login URLs, instead of refusing their emails as taken.
    public func createUsers(_ scope: TenantScope, _ inputs: [NewUser], creationKey: String? = nil) async -> [Result<CreatedUser, DomainError>] {
        var results = [Result<CreatedUser, DomainError>]()
        for (i, input) in inputs.enumerated() {
            do {
                let rowKey = creationKey.map { "\($0)\u{1F}users[\(i)]" }
                results.append(.success(try await createUser(scope, input, source: "bulk", creationKey: rowKey)))
            } catch let error as DomainError {
                results.append(.failure(error.prefixingFields(with: "users[\(i)].")))
            } catch {
                results.append(.failure(DomainError(.unavailable, code: .storageError, "The row could not be stored; retry it.")))
            }
        }
        return results
    }

    public nonisolated func getUser(_ scope: TenantScope, _ id: String) async throws -> User {
        try await database.read { tx in try Self.user(id, scope, tx) }
    }

    /// Newest first, by cursor.
    public nonisolated func listUsers(_ scope: TenantScope, _ query: UserQuery) async throws -> Page<User> {
        let statement = try UserListStatement(query)
        return try await database.read { tx in
            let (sql, arguments) = try statement.sql(scope, tx)
            return Page(fetched: try tx.query(sql, arguments).map(User.init(row:)), limit: query.limit)
        }
    }

    /// The JSON of ``listUsers(_:_:)``'s page, byte for byte, written from the rows as the reader reads them (the
    /// list route's answer): no ``User``, no `String` per column, and the encoding done on the reader's thread.
    public nonisolated func listUsersJSON(_ scope: TenantScope, _ query: UserQuery) async throws -> [UInt8] {
        let statement = try UserListStatement(query)
        return try await database.read { tx in
            let (sql, arguments) = try statement.sql(scope, tx)
            return try tx.jsonPage(sql, arguments, limit: query.limit, itemSizeHint: User.typicalJSONSize) { row, json in
                try User.writeJSON(of: row, to: &json)
            }
        }
    }

    /// Soft-deletes a client (restorable for the retention period) and publishes `user.deleted`, on which the
    /// Strategies module pauses their live strategies. Deleting again returns the same deleted user.
    public func deleteUser(_ scope: TenantScope, _ id: String) async throws -> User {
        let retention = settings.retention
        return try await database.write(for: scope) { tx in
            let user = try Self.user(id, scope, tx)
            guard user.isActive else { return user }
            try tx.execute("UPDATE users SET status = 'deleted', deleted_at = ?, purge_after = ? WHERE id = ?",
                           [tx.now, tx.now + retention, id])
            try tx.execute("DELETE FROM client_sessions WHERE user_id = ?", [id])
            try tx.publish(NewEvent(type: AccountsEvent.userDeleted, tenant: scope.operatorID, mode: scope.mode,
                                    payload: UserLifecyclePayload(userID: id, planID: user.planID, at: tx.now)))
            return try Self.user(id, scope, tx)
        }
    }

    /// Brings back a soft-deleted client within the retention period.
    public func restoreUser(_ scope: TenantScope, _ id: String) async throws -> User {
        try await database.write(for: scope) { tx in
            let user = try Self.user(id, scope, tx)
            guard !user.isActive else { return user }
            try tx.execute("UPDATE users SET status = 'active', deleted_at = NULL, purge_after = NULL WHERE id = ?", [id])
            try tx.publish(NewEvent(type: AccountsEvent.userRestored, tenant: scope.operatorID, mode: scope.mode,
                                    payload: UserLifecyclePayload(userID: id, planID: user.planID, at: tx.now)))
            return try Self.user(id, scope, tx)
        }
    }

    /// Issues a fresh one-time login link for an active client.
    public func issueLoginLink(_ scope: TenantScope, userID: String, lifetime: Duration? = nil) async throws -> LoginLink {
        let lifetime = lifetime ?? settings.loginLinkLifetime
        guard lifetime >= .seconds(60), lifetime <= .seconds(30 * 86_400) else {
            throw DomainError.invalidField("expires_in_seconds", "must be 60…2592000")
        }
        let token = SecretToken.token(prefix: "lt_")
        return try await database.write(for: scope) { tx in
            let user = try Self.user(userID, scope, tx)
            guard user.isActive else { throw DomainError(.conflict, code: .userDeleted, "The user is deleted; restore them first.") }
            let created = try Self.issueLink(for: user, token: token, lifetime: lifetime, scope, tx)
            return LoginLink(userID: userID, loginURL: created.loginURL, expiresAt: created.loginURLExpiresAt)
        }
    }

    // MARK: - Shared steps

    static func validate(_ input: NewUser) throws -> NewUser {
        var errors = [DomainError.FieldError]()
        func check<T>(_ body: () throws -> T) -> T? {
            do { return try body() } catch let error as DomainError { errors += error.fields; return nil } catch { return nil }
        }
        let email = check { try Validators.email(input.email) }
        let phone = check { try Validators.phone(input.phone) }
        let name = check { try input.name.map { try Validators.text($0, field: "name", max: 200) } } ?? nil
        let externalID = check { try input.externalID.map { try Validators.text($0, field: "external_id", max: 255) } } ?? nil
        if input.planID.isEmpty { errors.append(.init(field: "plan_id", message: "is required")) }
        guard errors.isEmpty, let email, let phone else {
            throw DomainError(.invalid, code: .validationFailed, "The user has invalid fields.", fields: errors)
        }
        return NewUser(email: email, phone: phone, planID: input.planID, name: name, externalID: externalID)
    }

    static func insertUser(
        _ input: NewUser, _ scope: TenantScope, source: String, creationKey: String?, token: String, lifetime: Duration, _ tx: Transaction
    ) throws -> CreatedUser {
        let id = Identifier.make(.user)
        try tx.execute(
            """
            INSERT INTO users(id, operator_id, mode, email, phone, name, external_id, plan_id, status, source, creation_key, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)
            """,
            [id, scope.operatorID, scope.mode, input.email, input.phone, input.name, input.externalID, input.planID, source, creationKey, tx.now])
        let user = try Self.user(id, scope, tx)
        try tx.publish(NewEvent(type: AccountsEvent.userCreated, tenant: scope.operatorID, mode: scope.mode,
                                writing: UserCreatedPayload(user: user, source: source == "bulk" ? "api" : source)))
        return try issueLink(for: user, token: token, lifetime: lifetime, scope, tx)
    }

    static func issueLink(for user: User, token: String, lifetime: Duration, _ scope: TenantScope, _ tx: Transaction) throws -> CreatedUser {
        let expires = tx.now + lifetime
        try tx.execute(
            "INSERT INTO login_links(token_hash, user_id, operator_id, mode, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
            [SecretToken.hash(token), user.id, scope.operatorID, scope.mode, tx.now, expires])
        let base = try tx.scalar("SELECT login_base_url FROM operators WHERE id = ?", [scope.operatorID], as: String.self) ?? ""
        return CreatedUser(user: user, loginURL: base + (base.contains("?") ? "&" : "?") + "token=" + token, loginURLExpiresAt: expires)
    }

    /// The user with `id` in this scope; purged users no longer exist.
    static func user(_ id: String, _ scope: TenantScope, _ tx: Transaction) throws -> User {
        guard let row = try tx.queryOne(User.select + " WHERE u.id = ? AND u.operator_id = ? AND u.mode = ? AND u.status != 'purged'",
                                        [id, scope.operatorID, scope.mode])
        else { throw DomainError.notFound(.user, id) }
        return try User(row: row)
    }

    static func user(creationKey: String, _ scope: TenantScope, _ tx: Transaction) throws -> User? {
        try tx.queryOne(User.select + " WHERE u.creation_key = ? AND u.operator_id = ? AND u.mode = ?",
                        [creationKey, scope.operatorID, scope.mode]).map(User.init(row:))
    }

    private func emailTaken(_ email: String, _ scope: TenantScope) async throws -> DomainError {
        let existing = try await database.read { tx in
            try tx.scalar("SELECT id FROM users WHERE operator_id = ? AND mode = ? AND email = ?", [scope.operatorID, scope.mode, email], as: String.self)
        }
        return DomainError(.conflict, code: .emailTaken, "A user with this email already exists.",
                           fields: [.init(field: "email", message: "is taken")], extensions: ["existing_id": .string(existing ?? "")])
    }
}

extension DomainError {
    /// The same error with every field path prefixed (a bulk row's `email` becomes `users[3].email`).
    func prefixingFields(with prefix: String) -> DomainError {
        var copy = self
        copy.fields = fields.map { .init(field: prefix + $0.field, message: $0.message) }
        return copy
    }
}
