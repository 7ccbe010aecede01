import Billing
import HTTPAPI

/// Documentation of the Billing routes. Every status a route answers with on purpose is listed; the `401` of
/// authenticated routes and the `default` problem are added by ``OpenAPIDocument``.
///
/// Query-parameter errors are 400 `invalid_parameter` and body errors 422 `validation_failed` (400 `invalid_json`
/// for a body that is not a JSON object), each naming the parameter or field in `errors`.
extension OpenAPIOperation {
    static let getWallet = OpenAPIOperation(
        id: "getWallet", summary: "Get the wallet",
        description: "The prepaid wallet of the key's operator in the key's mode: balance, daily burn, runway, alert settings and the newest ledger entries.",
        tag: "Billing",
        responses: [200: .json("The wallet.", .wallet), 404: .problem("Billing has not seen the operator yet (moments after sign-up).")])

    static let updateWallet = OpenAPIOperation(
        id: "updateWallet", summary: "Change the wallet's alert settings",
        description: """
            Sets the low-balance threshold and/or the WhatsApp alert number (`null` removes the number), then checks the \
            runway against the new threshold at once: crossing under it raises `wallet.low_balance`.
            """,
        tag: "Billing", requestBody: .walletUpdate,
        responses: [
            200: .json("The updated wallet.", .wallet),
            400: .problem("The body is not a JSON object."),
            404: .problem("Billing has not seen the operator yet."),
            415: .problem("The body is not `application/json`."),
            422: .problem("A field is unknown, mistyped or out of range; `errors` names it."),
        ])

    static let getUsage = OpenAPIOperation(
        id: "getUsage", summary: "Report usage",
        description: """
            Strategy-days and charges over a range of usage days (both inclusive, at most 366), filtered and grouped, with \
            totals. A usage day runs from 18:30 IST the day before to 18:30 IST on its date and is counted once rolled up.
            """,
        tag: "Billing",
        parameters: [
            .query("from", "The first usage day.", schema: ["type": "string", "format": "date"], required: true),
            .query("to", "The last usage day: on or after `from`, at most 365 days later.", schema: ["type": "string", "format": "date"], required: true),
            .query("plan_id", "Only this plan's strategy-days.", schema: ["type": "string"]),
            .query("broker", "Only strategy-days at this broker.", schema: ["type": "string"]),
            .query("user_id", "Only this user's strategy-days.", schema: ["type": "string"]),
            .query("group_by", "What each line sums over.", schema: [
                "type": "string", "enum": .array(UsageQuery.GroupBy.allCases.map { .string($0.rawValue) }), "default": "day",
            ]),
        ],
        responses: [
            200: .json("The usage lines and their totals.", .usageReport),
            400: .problem("A date is missing or malformed, `to` is before `from`, the range exceeds 366 days, or `group_by` is unknown."),
        ])

    static let listInboxItems = OpenAPIOperation(
        id: "listInboxItems", summary: "List the inbox",
        description: "The operator's notifications in the key's mode, newest first, with the unread count.",
        tag: "Billing",
        parameters: [
            .query("limit", "Page size.", schema: [
                "type": "integer", "minimum": .number(String(InboxPageRequest.limits.lowerBound)),
                "maximum": .number(String(InboxPageRequest.limits.upperBound)), "default": .number(String(InboxPageRequest.defaultLimit)),
            ]),
            .query("starting_after", "The id of the last item of the previous page.", schema: ["type": "string"]),
        ],
        responses: [
            200: .json("A page of the inbox.", .inboxPage),
            400: .problem("`limit` is out of range."),
            404: .problem("`starting_after` names no item of this inbox."),
        ])

    static let markInboxItemRead = OpenAPIOperation(
        id: "markInboxItemRead", summary: "Mark an inbox item read",
        description: "Idempotent: marking it again keeps the first `read_at`.",
        tag: "Billing",
        responses: [200: .json("The item.", .inboxItem), 404: .problem("No such item in this operator's inbox in this mode.")])

    static let createWalletCredit = OpenAPIOperation(
        id: "createWalletCredit", summary: "Credit a top-up to an operator's wallet",
        description: """
            Records money the operator paid in. Idempotent by `reference`: crediting the same reference with the same \
            amount again answers 200 with the original entry and moves no money; with another amount it is refused (409). \
            A top-up that lifts the runway over the threshold re-arms the low-balance alert.
            """,
        tag: "Billing", requestBody: .creditRequest,
        responses: [
            201: .json("The new ledger entry.", .walletEntry),
            200: .json("The reference was already credited with this amount: the existing entry, unchanged.", .walletEntry),
            400: .problem("The body is not a JSON object."),
            404: .problem("No such operator."),
            409: .problem("`reference_reused`: the reference was credited with another amount (`existing_id` names its entry)."),
            415: .problem("The body is not `application/json`."),
            422: .problem("A field is missing, unknown, mistyped or out of range; `errors` names it."),
        ])

    static let createUsageRollups = OpenAPIOperation(
        id: "createUsageRollups", summary: "Roll up a usage day",
        description: """
            Rolls up one usage day now instead of waiting for the 18:30 IST scheduler, for one operator or all, in one \
            mode or both, and answers each wallet's result. Idempotent: a day already rolled up answers its stored \
            result and charges nothing more; earlier days still due are rolled up first, so days are charged in order.
            """,
        tag: "Billing", requestBody: .rollupRequest,
        responses: [
            200: .json("One roll-up per wallet covered.", .list(of: .usageRollup)),
            400: .problem("The body is not a JSON object."),
            404: .problem("No such operator."),
            409: .problem("`window_open`: the day's window has not closed yet (it closes at 18:30 IST on `date`)."),
            415: .problem("The body is not `application/json`."),
            422: .problem("A field is missing, unknown, mistyped, or `date` is not a real date; `errors` names it."),
        ])
}
