import Accounts
import HTTPAPI
import HTTPServer
import Kernel

extension Routes {
    /// Plans and end clients, for the operator's API keys.
    public static func users(_ accounts: Accounts) -> [Route] {
        [
            Route(.post, "/v1/wl/plans", auth: .operatorKey, operation: .createPlan) { context in
                let body = try context.decode(CreatePlanRequest.self)
                return try .json(encoding: try await accounts.createPlan(try context.scope, name: body.name, tier: body.tier), status: 201)
            },
            Route(.get, "/v1/wl/plans", auth: .operatorKey, operation: .listPlans) { context in
                try .json(encoding: Page(data: try await accounts.listPlans(try context.scope), hasMore: false))
            },
            Route(.post, "/v1/wl/users", auth: .operatorKey, operation: .createUser) { context in
                // With an Idempotency-Key, the answer is stored in the user's own transaction: one commit to wait for.
                let answer = IdempotentAnswer.current
                let created = try await accounts.createUser(
                    try context.scope, try context.decode(NewUser.self), creationKey: context.request.headers["Idempotency-Key"],
                    alongside: answer.map(recordCreatedUser))
                return answer?.recordedResponse ?? .json(writing: created, status: 201)
            },
            Route(.post, "/v1/wl/users/bulk", auth: .operatorKey, operation: .createUsersInBulk) { context in
                let body = try context.decode(BulkUsersRequest.self)
                guard (1...100).contains(body.users.count) else { throw DomainError.invalidField("users", "must hold 1…100 users") }
                let results = await accounts.createUsers(try context.scope, body.users, creationKey: context.request.headers["Idempotency-Key"])
                return try .json(encoding: Page(data: results.map { BulkRow($0, requestID: context.requestID) }, hasMore: false))
            },
            Route(.get, "/v1/wl/users", auth: .operatorKey, operation: .listUsers) { context in
                let query = UserQuery(
                    limit: try context.query.int("limit", in: 1...100) ?? 20, startingAfter: context.query["starting_after"],
                    planID: context.query["plan_id"], email: context.query["email"], status: context.query["status"])
                return .json(bytes: try await accounts.listUsersJSON(try context.scope, query))
            },
            Route(.get, "/v1/wl/users/:id", auth: .operatorKey, operation: .getUser) { context in
                .json(writing: try await accounts.getUser(try context.scope, try context.parameters.require("id", prefix: .user)))
            },
            Route(.delete, "/v1/wl/users/:id", auth: .operatorKey, operation: .deleteUser) { context in
                try .json(encoding: try await accounts.deleteUser(try context.scope, try context.parameters.require("id", prefix: .user)))
            },
            Route(.post, "/v1/wl/users/:id/restore", auth: .operatorKey, operation: .restoreUser) { context in
                try .json(encoding: try await accounts.restoreUser(try context.scope, try context.parameters.require("id", prefix: .user)))
            },
            Route(.post, "/v1/wl/users/:id/login-links", auth: .operatorKey, operation: .createLoginLink) { context in
                let body = context.request.body.isEmpty ? LoginLinkRequest(expiresInSeconds: nil) : try context.decode(LoginLinkRequest.self)
                let lifetime = try body.expiresInSeconds.map { seconds -> Duration in
                    guard (60...2_592_000).contains(seconds) else { throw DomainError.invalidField("expires_in_seconds", "must be 60…2592000") }
                    return .seconds(seconds)
                }
                let link = try await accounts.issueLoginLink(
                    try context.scope, userID: try context.parameters.require("id", prefix: .user), lifetime: lifetime)
                return try .json(encoding: link, status: 201)
            },
        ]
    }
}

/// The step that stores a created user's answer (201 and the user) in the transaction that creates the user.
private func recordCreatedUser(_ answer: IdempotentAnswer) -> @Sendable (CreatedUser, Transaction) throws -> Void {
    { created, tx in try answer.record(.json(writing: created, status: 201), in: tx) }
}

/// One row of a bulk answer: `{"status": 201, "user": …}` or `{"status": 4xx, "error": <problem>}`.
struct BulkRow: Encodable, Sendable {
    let status: Int
    let user: CreatedUser?
    let error: JSONValue?

    init(_ result: Result<CreatedUser, DomainError>, requestID: String) {
        switch result {
        case .success(let created):
            (status, user, error) = (201, created, nil)
        case .failure(let failure):
            let problem = Problem(failure, requestID: requestID)
            (status, user, error) = (problem?.status ?? 500, nil, problem?.json)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        if let user { try container.encode(user, forKey: .user) }
        if let error { try container.encode(error, forKey: .error) }
    }

    enum CodingKeys: String, CodingKey { case status, user, error }
}
