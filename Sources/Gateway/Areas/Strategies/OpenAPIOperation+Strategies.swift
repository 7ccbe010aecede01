import HTTPAPI

/// The Strategies area's operations: every status each route answers with in particular (the `default` problem, and
/// the `401` of authenticated routes, are added by ``OpenAPIDocument``).
extension OpenAPIOperation {
    static let createStrategyPush = OpenAPIOperation(
        id: "createStrategyPush", summary: "Push a strategy template",
        description: """
            Pushes a template to one client (`target.user_id`) or to every client active on a plan (`target.plan_id`). \
            Without `template_id` the push creates a template at version 1; with it, the next version of that template. \
            Each recipient without a copy gets a new `draft` strategy; a copy that is not live moves to the new version \
            in place; a live copy is flagged `update_available` and never changed under a running strategy.

            Answers 202 with the push: one whose recipients fit a batch (500) is already `completed`, a larger one runs \
            in the background; follow it with `GET /v1/wl/strategy-pushes/{id}`. With `dry_run` the template is \
            validated and the recipients counted, nothing is stored or changed, and the answer is 200 with a preview.
            """,
        tag: tag, requestBody: .pushRequest,
        responses: [
            202: .json("The push, with its progress.", .push),
            200: .json("Dry run: what the push would do now. Nothing was stored.", .pushPreview),
            400: malformedBody,
            404: .problem("""
                `target.user_id`, `target.plan_id` or `template_id` names nothing in this mode (`user_not_found`, \
                `plan_not_found`, `template_not_found`).
                """),
            409: .problem("The target client is deleted (`user_deleted`); restore them first."),
            415: unsupportedMediaType,
            422: .problem("""
                The body is invalid (`validation_failed`, e.g. `target` naming both or neither of `user_id` and `plan_id`) \
                or the template is (`invalid_template`, each field or line in `errors`).
                """),
        ])

    static let getStrategyPush = OpenAPIOperation(
        id: "getStrategyPush", summary: "Get a push and its progress", tag: tag,
        responses: [200: .json("The push.", .push), 404: .problem("No such push in this mode (`resource_missing`).")])

    static let listUserStrategies = OpenAPIOperation(
        id: "listUserStrategies", summary: "List a client's strategies",
        description: "Newest first. A deleted client's strategies are listed until the client is purged.",
        tag: tag,
        parameters: [
            .query("limit", "Page size, 1…100; 20 when omitted.", schema: ["type": "integer", "minimum": 1, "maximum": 100, "default": 20]),
            .query("starting_after", "The last strategy id of the previous page.", schema: ["type": "string"]),
        ],
        responses: [
            200: .json("A page of the client's strategies.", .list(of: .strategy)),
            400: .problem("`limit` is not an integer from 1 to 100 (`invalid_parameter`)."),
            404: .problem("No such client in this mode (`resource_missing`), or `starting_after` is not one of their strategies."),
        ])

    static let listClientStrategies = OpenAPIOperation(
        id: "listClientStrategies", summary: "List the signed-in client's strategies",
        description: "Every strategy of the client, newest first, in one page (`has_more` is always false).",
        tag: tag,
        responses: [
            200: .json("The client's strategies.", .list(of: .strategy)),
            404: .problem("The client is not known to Strategies, e.g. purged (`resource_missing`)."),
        ])

    static let deployClientStrategy = OpenAPIOperation(
        id: "deployClientStrategy", summary: "Deploy a strategy to paper or live trading",
        description: """
            `draft`, `paper` and `paused` strategies can be deployed to either mode; a `live` one must be paused before it \
            moves to `paper`. Entering live trading starts the daily billing and sends `strategy.deployed`. Deploying \
            to where it already runs changes nothing.
            """,
        tag: tag, requestBody: .deployRequest,
        responses: [
            200: .json("The strategy as it now is.", .strategy),
            400: malformedBody,
            404: .problem("No such strategy of this client (`resource_missing`)."),
            409: .problem("""
                Not allowed from the strategy's state (`invalid_transition`), the client has no connected broker for live \
                trading (`broker_not_connected`), or the client is deleted (`user_deleted`).
                """),
            415: unsupportedMediaType,
            422: .problem("`mode` is missing or not `paper` or `live`, or the body has other fields (`validation_failed`)."),
        ])

    static let pauseClientStrategy = OpenAPIOperation(
        id: "pauseClientStrategy", summary: "Pause a strategy",
        description: """
            Stops a `paper` or `live` strategy (`pause_reason` `client_paused`); leaving live trading stops the billing \
            and sends `strategy.paused`. Pausing a paused strategy changes nothing. The body may be omitted.
            """,
        tag: tag, requestBody: .pauseRequest, requestBodyRequired: false,
        responses: [
            200: .json("The strategy as it now is.", .strategy),
            400: malformedBody,
            404: .problem("No such strategy of this client (`resource_missing`)."),
            409: .problem("A draft has never run, so there is nothing to pause (`invalid_transition`)."),
            415: unsupportedMediaType,
            422: .problem("The body has fields (`validation_failed`)."),
        ])

    static let reportStrategyPnL = OpenAPIOperation(
        id: "reportStrategyPnL", summary: "Report a strategy's P&L",
        description: """
            For the trading engine. Reports may arrive out of order: one whose `as_of` is no newer than the last applied \
            is acknowledged with `applied` false and changes nothing.
            """,
        tag: tag, requestBody: .pnlUpdate,
        responses: [
            200: .json("Whether the report was applied.", .pnlUpdateResult),
            400: malformedBody,
            404: .problem("No such strategy (`resource_missing`)."),
            415: unsupportedMediaType,
            422: .problem("A field is missing, of the wrong type or out of range, or `as_of` is not RFC 3339 (`validation_failed`)."),
        ])

    static let reportStrategyRiskBreach = OpenAPIOperation(
        id: "reportStrategyRiskBreach", summary: "Report a risk limit breach",
        description: """
            For the trading engine: pauses the strategy with `pause_reason` `risk_limit` (a live one sends \
            `strategy.paused`). Idempotent: a paused strategy stays as it is. The body may be omitted.
            """,
        tag: tag, requestBody: .riskBreach, requestBodyRequired: false,
        responses: [
            200: .json("The strategy as it now is.", .strategy),
            400: malformedBody,
            404: .problem("No such strategy (`resource_missing`)."),
            409: .problem("A draft has never run, so there is nothing to pause (`invalid_transition`)."),
            415: unsupportedMediaType,
            422: .problem("`reason` is not a string of at most 500 characters, or the body has other fields (`validation_failed`)."),
        ])

    private static let tag = "Strategies"
    private static let malformedBody = OpenAPIResponse.problem("The body is not a JSON object (`invalid_json`).")
    private static let unsupportedMediaType = OpenAPIResponse.problem("The body is not `application/json` (`unsupported_media_type`).")
}
