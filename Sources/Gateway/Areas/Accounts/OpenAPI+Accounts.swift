import Accounts
import HTTPAPI

/// The schemas of operators, keys, plans, users and client sessions.
extension OpenAPISchema {
    static let `operator` = OpenAPISchema.component("Operator", JSONSchema.object([
        "object": JSONSchema.constant("operator"), "id": JSONSchema.string, "slug": JSONSchema.string, "name": JSONSchema.string,
        "tier": JSONSchema.oneOf(["standard", "scale", "enterprise"]), "login_base_url": JSONSchema.string,
        "limits": ["type": "object", "additionalProperties": JSONSchema.integer, "description": "Quota overrides by quota name."],
        "strategy_day_price_paise": JSONSchema.integer, "created_at": JSONSchema.dateTime, "updated_at": JSONSchema.dateTime,
    ], required: ["object", "id", "slug", "name", "tier", "login_base_url", "limits", "strategy_day_price_paise", "created_at", "updated_at"]))

    static let createdOperator = OpenAPISchema.component("CreatedOperator", ["allOf": [`operator`.reference, JSONSchema.object([
        "keys": JSONSchema.object(["live": JSONSchema.string, "test": JSONSchema.string], required: ["live", "test"],
                                  description: "The secret API keys, shown this once."),
    ], required: ["keys"])]], uses: [`operator`])

    /// Where the operator's branded login lives: an https:// URL without a query.
    static let loginBaseURL: JSONValue = [
        "type": "string", "pattern": JSONSchema.wholeString("https://[a-z0-9]+(\\.[a-z0-9]+)*(:[0-9]{2,5})?(/[A-Za-z0-9._~-]*)*"),
    ]

    static let operatorCreate = OpenAPISchema.component("OperatorCreate", JSONSchema.object([
        "name": JSONSchema.trimmedString(length: 1...200), "slug": JSONSchema.string(length: 2...20, pattern: "[a-z0-9]{2,20}"),
        "tier": JSONSchema.oneOf(["standard", "scale", "enterprise"]), "login_base_url": loginBaseURL,
    ], required: ["name", "slug"], closed: true))

    static let operatorUpdate = OpenAPISchema.component("OperatorUpdate", JSONSchema.object([
        "name": JSONSchema.trimmedString(length: 1...200), "tier": JSONSchema.oneOf(["standard", "scale", "enterprise"]),
        "login_base_url": loginBaseURL,
        "limits": ["type": "object", "description": "Quota overrides; null removes one.",
                   "propertyNames": JSONSchema.oneOf(OperatorUpdate.limitNames.sorted()),
                   "additionalProperties": ["type": ["integer", "null"], "minimum": 0, "maximum": 100_000_000]],
        "strategy_day_price_paise": JSONSchema.integer(0...10_000_000),
    ], closed: true))

    static let member = OpenAPISchema.component("Member", JSONSchema.object([
        "object": JSONSchema.constant("member"), "id": JSONSchema.string, "operator_id": JSONSchema.string, "email": JSONSchema.string,
        "created_at": JSONSchema.dateTime,
    ], required: ["object", "id", "operator_id", "email", "created_at"]))

    static let memberCreate = OpenAPISchema.component("MemberCreate", JSONSchema.object([
        "email": ["type": "string", "format": "email"], "password": JSONSchema.string(length: 12...200),
    ], required: ["email", "password"], closed: true))

    static let apiKey = OpenAPISchema.component("APIKey", JSONSchema.object([
        "object": JSONSchema.constant("api_key"), "id": JSONSchema.string, "mode": JSONSchema.mode,
        "masked": ["type": "string", "examples": ["tt_wl_acme_live_…a1b2"]], "created_at": JSONSchema.dateTime,
        "last_used_at": JSONSchema.nullableDateTime, "expires_at": JSONSchema.nullableDateTime,
    ], required: ["object", "id", "mode", "masked", "created_at"]))

    static let issuedAPIKey = OpenAPISchema.component("IssuedAPIKey", ["allOf": [apiKey.reference, JSONSchema.object([
        "secret": ["type": "string", "description": "The new key, shown this once."],
    ], required: ["secret"])]], uses: [apiKey])

    static let rotateKeyRequest = OpenAPISchema.component("RotateKeyRequest", JSONSchema.object([
        "mode": JSONSchema.mode,
        "expire_old_in_seconds": ["type": "integer", "minimum": 0, "maximum": 604_800,
                                  "description": "How long the current key keeps working; 0 retires it at once."],
    ], required: ["expire_old_in_seconds"], closed: true))

    static let me = OpenAPISchema.component("Me", JSONSchema.object([
        "object": JSONSchema.constant("me"), "operator": `operator`.reference, "livemode": JSONSchema.boolean, "mode": JSONSchema.mode,
        "key": apiKey.reference,
    ], required: ["object", "operator", "livemode", "mode"]), uses: [`operator`, apiKey])

    static let plan = OpenAPISchema.component("Plan", JSONSchema.object([
        "object": JSONSchema.constant("plan"), "id": JSONSchema.string, "name": JSONSchema.string, "tier": JSONSchema.nullableString,
        "is_default": JSONSchema.boolean, "livemode": JSONSchema.boolean, "created_at": JSONSchema.dateTime,
    ], required: ["object", "id", "name", "is_default", "livemode", "created_at"]))

    static let planCreate = OpenAPISchema.component("PlanCreate", JSONSchema.object([
        "name": JSONSchema.trimmedString(length: 1...100), "tier": ["type": ["string", "null"], "minLength": 1, "maxLength": 50],
    ], required: ["name"], closed: true))

    static let brokerStatus = OpenAPISchema.component("BrokerStatus", JSONSchema.object([
        "name": JSONSchema.string, "status": JSONSchema.oneOf(["connected", "disconnected"]),
        "client_code_masked": ["type": ["string", "null"], "examples": ["AB****34"]], "connected_at": JSONSchema.dateTime,
        "expires_at": JSONSchema.nullableDateTime, "disconnect_reason": ["type": ["string", "null"], "enum": ["revoked", "expired", .null]],
    ], required: ["name", "status", "connected_at"]))

    static let user = OpenAPISchema.component("User", JSONSchema.object([
        "object": JSONSchema.constant("user"), "id": JSONSchema.string, "email": JSONSchema.nullableString, "phone": JSONSchema.nullableString,
        "name": JSONSchema.nullableString, "external_id": JSONSchema.nullableString, "plan_id": JSONSchema.string,
        "status": JSONSchema.oneOf(["active", "deleted"]), "livemode": JSONSchema.boolean, "created_at": JSONSchema.dateTime,
        "deleted_at": JSONSchema.nullableDateTime, "purge_after": JSONSchema.nullableDateTime, "broker": brokerStatus.reference,
    ], required: ["object", "id", "plan_id", "status", "livemode", "created_at"]), uses: [brokerStatus])

    static let createdUser = OpenAPISchema.component("CreatedUser", ["allOf": [user.reference, JSONSchema.object([
        "login_url": ["type": "string", "description": "One-time login URL for the client; shown in this response only."],
        "login_url_expires_at": JSONSchema.dateTime,
    ], required: ["login_url", "login_url_expires_at"])]], uses: [user])

    static let userCreate = OpenAPISchema.component("UserCreate", JSONSchema.object([
        "email": ["type": "string", "format": "email", "maxLength": 254], "phone": ["type": "string", "pattern": JSONSchema.wholeString("\\+[1-9][0-9]{7,14}")],
        "plan_id": JSONSchema.trimmedString(length: 1...64), "name": JSONSchema.trimmedString(length: 1...200),
        "external_id": JSONSchema.string(length: 1...255),
    ], required: ["email", "phone", "plan_id"], closed: true))

    static let bulkUsersRequest = OpenAPISchema.component("BulkUsersRequest", JSONSchema.object([
        "users": ["type": "array", "minItems": 1, "maxItems": 100, "items": JSONSchema.object(
            ["email": JSONSchema.string, "phone": JSONSchema.string, "plan_id": JSONSchema.string, "name": JSONSchema.string,
             "external_id": JSONSchema.string],
            required: ["email", "phone", "plan_id"], closed: true,
            description: "A `UserCreate`: the shape is checked for the whole request, the values row by row (a bad row is reported in its result).")],
    ], required: ["users"], closed: true))

    static let bulkUserResult = OpenAPISchema.component("BulkUserResult", JSONSchema.object([
        "status": ["type": "integer", "description": "201 for a created user, else the row's problem status."],
        "user": createdUser.reference, "error": problem.reference,
    ], required: ["status"]), uses: [createdUser, problem])

    static let loginLink = OpenAPISchema.component("LoginLink", JSONSchema.object([
        "object": JSONSchema.constant("login_link"), "user_id": JSONSchema.string,
        "login_url": ["type": "string", "description": "One-time login URL for the client; shown in this response only."],
        "expires_at": JSONSchema.dateTime,
    ], required: ["object", "user_id", "login_url", "expires_at"]))

    static let loginLinkRequest = OpenAPISchema.component("LoginLinkRequest", JSONSchema.object([
        "expires_in_seconds": ["type": "integer", "minimum": 60, "maximum": 2_592_000],
    ], closed: true))

    static let clientSignup = OpenAPISchema.component("ClientSignup", JSONSchema.object([
        "operator": ["type": "string", "description": "The operator's slug."], "sandbox": JSONSchema.boolean,
        "email": ["type": "string", "format": "email"], "phone": ["type": "string", "pattern": JSONSchema.wholeString("\\+[1-9][0-9]{7,14}")],
        "plan_id": JSONSchema.trimmedString(length: 1...64),
    ], required: ["operator", "email", "phone"], closed: true))

    static let clientLogin = OpenAPISchema.component("ClientLogin", JSONSchema.object([
        "token": ["type": "string", "description": "The `token` of a one-time login URL."],
    ], required: ["token"], closed: true))

    static let clientSession = OpenAPISchema.component("ClientSession", JSONSchema.object([
        "session_token": JSONSchema.string, "expires_at": JSONSchema.dateTime, "user": user.reference,
    ], required: ["session_token", "expires_at", "user"]), uses: [user])

    static let brokerLink = OpenAPISchema.component("BrokerLink", JSONSchema.object([
        "broker": JSONSchema.string(length: 1...50), "client_code": JSONSchema.string(length: 4...32, pattern: "[A-Za-z0-9]+"),
        "expires_at": JSONSchema.dateTime,
    ], required: ["broker", "client_code"], closed: true))
}

extension OpenAPIOperation {
    static let createOperator = OpenAPIOperation(
        id: "createOperator", summary: "Create an operator", description: "Returns the operator with its live and test keys, shown this once.",
        tag: "Operators", requestBody: .operatorCreate,
        responses: [201: .json("The operator and its keys.", .createdOperator), 409: .problem("The slug is taken."), 422: .problem("Invalid fields.")])
    static let listOperators = OpenAPIOperation(
        id: "listOperators", summary: "List operators", tag: "Operators", responses: [200: .json("Every operator.", .list(of: .operator))])
    static let updateOperator = OpenAPIOperation(
        id: "updateOperator", summary: "Change an operator's name, tier, limits or price", tag: "Operators", requestBody: .operatorUpdate,
        responses: [200: .json("The updated operator.", .operator), 404: .problem("No such operator."), 422: .problem("Invalid fields.")])
    static let createMember = OpenAPIOperation(
        id: "createMember", summary: "Create a dashboard sign-in for an operator's staff", tag: "Operators", requestBody: .memberCreate,
        responses: [201: .json("The member.", .member), 404: .problem("No such operator."), 409: .problem("The email is taken."),
                    422: .problem("Invalid fields.")])

    static let getMe = OpenAPIOperation(
        id: "getMe", summary: "The operator, mode and key of this request", tag: "Keys", responses: [200: .json("Who is calling.", .me)])
    static let listAPIKeys = OpenAPIOperation(
        id: "listAPIKeys", summary: "List API keys (masked)", tag: "Keys", responses: [200: .json("Live and test keys.", .list(of: .apiKey))])
    static let rotateAPIKey = OpenAPIOperation(
        id: "rotateAPIKey", summary: "Rotate an API key",
        description: """
            Issues a new key for `mode` (default: this key's mode); the current keys of that mode expire after the grace period. \
            A key in its grace period cannot rotate (403 `current_key_required`).
            """,
        tag: "Keys", requestBody: .rotateKeyRequest,
        responses: [201: .json("The new key, shown once.", .issuedAPIKey),
                    403: .problem("`live_key_required`: a test key cannot rotate the live key; `current_key_required`: this key was rotated out."),
                    422: .problem("Invalid fields.")])

    static let createPlan = OpenAPIOperation(
        id: "createPlan", summary: "Create a plan", tag: "Plans", requestBody: .planCreate,
        responses: [201: .json("The plan.", .plan), 422: .problem("Invalid fields.")])
    static let listPlans = OpenAPIOperation(
        id: "listPlans", summary: "List plans", tag: "Plans", responses: [200: .json("Every plan in this mode.", .list(of: .plan))])

    static let createUser = OpenAPIOperation(
        id: "createUser", summary: "Create a client",
        description: "Returns the user with a one-time login URL. Emits `user.created`. Idempotent with an `Idempotency-Key`.",
        tag: "Users", requestBody: .userCreate,
        responses: [201: .json("The user and their login URL.", .createdUser), 409: .problem("The email is taken (`existing_id` names the user)."),
                    404: .problem("The plan does not exist in this mode (`plan_not_found`)."), 422: .problem("Invalid fields.")])
    static let createUsersInBulk = OpenAPIOperation(
        id: "createUsersInBulk", summary: "Create up to 100 clients",
        description: "One result per row, in order; a bad row never blocks the good ones. The hourly user-creation quota must cover every row, or nothing is created.",
        tag: "Users", requestBody: .bulkUsersRequest,
        responses: [200: .json("One result per row.", .list(of: .bulkUserResult)), 422: .problem("The request is not a list of 1…100 users.")])
    static let listUsers = OpenAPIOperation(
        id: "listUsers", summary: "List clients, newest first", tag: "Users",
        parameters: [
            .query("limit", "Page size, 1…100 (default 20).", schema: ["type": "integer", "minimum": 1, "maximum": 100]),
            .query("starting_after", "A user id: the page starts after it.", schema: JSONSchema.string),
            .query("plan_id", "Only users on this plan.", schema: JSONSchema.string),
            .query("email", "Only the user with this email.", schema: ["type": "string", "format": "email"]),
            .query("status", "Only users in this status.", schema: JSONSchema.oneOf(["active", "deleted"])),
        ],
        responses: [200: .json("A page of users.", .list(of: .user)), 400: .problem("A malformed parameter."), 404: .problem("No `starting_after` user."),
                    422: .problem("An invalid filter.")])
    static let getUser = OpenAPIOperation(
        id: "getUser", summary: "Retrieve a client", tag: "Users",
        responses: [200: .json("The user.", .user), 404: .problem("No such user in this mode.")])
    static let deleteUser = OpenAPIOperation(
        id: "deleteUser", summary: "Soft-delete a client",
        description: "The user stays restorable for 30 days (`purge_after`), then personal data is purged. Their live strategies are paused. Deleting again returns the same deleted user.",
        tag: "Users", responses: [200: .json("The deleted user.", .user), 404: .problem("No such user in this mode.")])
    static let restoreUser = OpenAPIOperation(
        id: "restoreUser", summary: "Restore a soft-deleted client", tag: "Users",
        responses: [200: .json("The active user.", .user), 404: .problem("No such user in this mode.")])
    static let createLoginLink = OpenAPIOperation(
        id: "createLoginLink", summary: "Issue a fresh one-time login URL", tag: "Users", requestBody: .loginLinkRequest, requestBodyRequired: false,
        responses: [201: .json("The login link.", .loginLink), 404: .problem("No such user in this mode."),
                    409: .problem("The user is deleted."), 422: .problem("Invalid fields.")])

    static let clientSignup = OpenAPIOperation(
        id: "clientSignup", summary: "Sign up through an operator's branded login",
        description: """
            Limited per client address at each operator (`signups_per_address_per_hour`) and per operator \
            (`signups_per_hour`), in the mode signed up for: operator quotas, like the others.
            """,
        tag: "Client", requestBody: .clientSignup,
        responses: [201: .json("The session and the new user.", .clientSession), 404: .problem("No such operator or plan."),
                    409: .problem("The email is taken."), 422: .problem("Invalid fields."),
                    429: .problem("Too many sign-ups from this address or for this operator; see `Retry-After` and the RateLimit headers.")])
    static let clientLogin = OpenAPIOperation(
        id: "clientLogin", summary: "Redeem a one-time login token", tag: "Client", requestBody: .clientLogin,
        responses: [200: .json("The session.", .clientSession), 401: .problem("The token is invalid, used or expired.")])
    static let connectBroker = OpenAPIOperation(
        id: "connectBroker", summary: "Link a broker account", tag: "Client", requestBody: .brokerLink,
        responses: [200: .json("The user with their broker.", .user), 422: .problem("Invalid fields.")])
    static let disconnectBroker = OpenAPIOperation(
        id: "disconnectBroker", summary: "Unlink the broker account", tag: "Client",
        responses: [200: .json("The user.", .user), 409: .problem("No broker is connected.")])
}
