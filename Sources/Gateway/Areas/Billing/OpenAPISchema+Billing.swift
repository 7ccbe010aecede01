import Billing
import HTTPAPI

/// The schemas of the Billing area, written to match the JSON ``Billing``'s models encode: a key is `required`
/// exactly when the server always sends it (Foundation leaves out `nil` optionals, so `read_at` and
/// `wallet_entry_id` are absent rather than `null`, while ``Wallet`` writes its `null`s explicitly). Money is
/// integer paise; request bodies refuse unknown fields, as the strict decoder does.
extension OpenAPISchema {
    // MARK: - Shared pieces

    /// The only currency.
    private static let currencyINR = JSONSchema.constant(Billing.currency, description: "ISO 4217; always INR.")

    /// An optional mode of a request body: `live`, `test`, or `null`, which reads as absent.
    private static func optionalMode(_ description: String) -> JSONValue {
        ["type": ["string", "null"], "enum": ["live", "test", nil], "description": .string(description)]
    }

    /// An RFC 3339 time in UTC with milliseconds, e.g. `2026-11-25T13:00:00.000Z`.
    private static func timestamp(_ description: String) -> JSONValue {
        ["type": "string", "format": "date-time", "description": .string(description)]
    }

    // MARK: - Wallet

    static let walletEntry = OpenAPISchema.component("WalletEntry", [
        "type": "object",
        "description": "One line of the append-only wallet ledger.",
        "required": ["object", "id", "type", "amount_paise", "balance_after_paise", "currency", "reason", "reference", "livemode", "created_at"],
        "properties": [
            "object": JSONSchema.constant("wallet_entry"),
            "id": ["type": "string", "examples": ["wle_3kTMd92jLqY0pZxW81vBnA"]],
            "type": ["enum": ["credit", "debit"], "description": "Which way the money moved."],
            "amount_paise": ["type": "integer", "minimum": 1, "description": "Always positive; `type` gives the direction."],
            "balance_after_paise": ["type": "integer", "description": "The wallet's balance after this entry; negative when overdrawn."],
            "currency": currencyINR,
            "reason": ["enum": ["top_up", "usage"], "description": "`top_up`: money paid in. `usage`: a usage day's charge."],
            "reference": [
                "type": "string",
                "description": "For a top-up, the payment's reference (its idempotency key); for usage, the usage day (`YYYY-MM-DD`).",
            ],
            "livemode": ["type": "boolean"],
            "created_at": timestamp("When the money moved."),
        ],
    ])

    static let wallet = OpenAPISchema.component("Wallet", [
        "type": "object",
        "description": "The prepaid wallet of the key's operator in the key's mode (test keys see the sandbox wallet).",
        "required": [
            "object", "balance_paise", "currency", "daily_burn_paise", "runway_days", "low_balance_threshold_days",
            "alert_whatsapp_number", "livemode", "recent_entries",
        ],
        "properties": [
            "object": JSONSchema.constant("wallet"),
            "balance_paise": ["type": "integer", "description": "Negative when overdrawn: billing never stops trading."],
            "currency": currencyINR,
            "daily_burn_paise": ["type": "integer", "minimum": 0, "description": "Strategies live now × the price of a strategy-day."],
            "runway_days": [
                "type": ["number", "null"], "minimum": 0,
                "description": "Balance ÷ daily burn, rounded down to a tenth; 0 when the balance is not positive; null when nothing burns.",
            ],
            "low_balance_threshold_days": ["type": "integer", "minimum": 0, "maximum": 365],
            "alert_whatsapp_number": ["type": ["string", "null"], "description": "E.164; null: alerts go to the inbox only."],
            "livemode": ["type": "boolean"],
            "recent_entries": ["type": "array", "items": walletEntry.reference, "description": "The newest ledger entries, newest first."],
        ],
    ], uses: [walletEntry])

    static let walletUpdate = OpenAPISchema.component("WalletUpdate", [
        "type": "object",
        "description": "Fields left out keep their value.",
        "additionalProperties": false,
        "properties": [
            "low_balance_threshold_days": [
                "type": "integer", "minimum": 0, "maximum": 365,
                "description": "Alert when the runway drops under this many days (default 7).",
            ],
            "alert_whatsapp_number": [
                "type": ["string", "null"], "pattern": JSONSchema.wholeString("\\+[1-9][0-9]{7,14}"), "examples": ["+919876543210"],
                "description": "E.164 number for WhatsApp alerts; null removes it. An empty string is refused.",
            ],
        ],
    ])

    static let creditRequest = OpenAPISchema.component("CreditRequest", [
        "type": "object",
        "additionalProperties": false,
        "required": ["amount_paise", "reference"],
        "properties": [
            "amount_paise": ["type": "integer", "minimum": 1, "maximum": .number(String(Billing.maximumCreditPaise))],
            "reference": [
                "type": "string", "pattern": JSONSchema.wholeString("[!-~]{1,255}"), "examples": ["pay_N5xTq2LmA9"],
                "description": "The payment's id, 1–255 printable ASCII characters without spaces; crediting it again is idempotent.",
            ],
            "mode": optionalMode("The wallet to credit; the live one when absent or null."),
        ],
    ])

    static let rollupRequest = OpenAPISchema.component("RollupRequest", [
        "type": "object",
        "additionalProperties": false,
        "required": ["date"],
        "properties": [
            "date": [
                "type": "string", "format": "date", "examples": ["2026-11-25"],
                "description": "The usage day: the one whose window closes at 18:30 IST on this date.",
            ],
            "operator_id": ["type": ["string", "null"], "description": "One operator; every known operator when absent or null."],
            "mode": optionalMode("One mode; both when absent or null."),
        ],
    ])

    // MARK: - Usage

    /// One group of a usage report or of a roll-up's breakdowns.
    static let usageLine = OpenAPISchema.component("UsageLine", [
        "type": "object",
        "description": "Strategy-days and their charge for one group. Only the grouping's key is present: `date` when grouped by day, `plan_id` by plan, `broker` by broker, `user_id` by user.",
        "required": ["strategy_days", "amount_paise", "currency"],
        "properties": [
            "date": ["type": "string", "format": "date"],
            "plan_id": ["type": "string"],
            "broker": ["type": "string"],
            "user_id": ["type": "string"],
            "strategy_days": ["type": "integer", "minimum": 0],
            "amount_paise": ["type": "integer", "minimum": 0],
            "currency": currencyINR,
        ],
    ])

    static let usageTotals = OpenAPISchema.component("UsageTotals", [
        "type": "object",
        "description": "The sums over the report; they reconcile to the `usage.daily` events and the wallet's usage debits.",
        "required": ["strategy_days", "amount_paise"],
        "properties": [
            "strategy_days": ["type": "integer", "minimum": 0],
            "amount_paise": ["type": "integer", "minimum": 0],
        ],
    ])

    static let usageReport = OpenAPISchema.component("UsageReport", [
        "type": "object",
        "description": "Every group with strategy-days in the range, in key order, and their totals; days not yet rolled up are not included.",
        "required": ["object", "data", "totals"],
        "properties": [
            "object": JSONSchema.constant("list"),
            "data": ["type": "array", "items": usageLine.reference],
            "totals": usageTotals.reference,
        ],
    ], uses: [usageLine, usageTotals])

    /// The data of `usage.daily`.
    static let usageDaily = OpenAPISchema.component("UsageDaily", [
        "type": "object",
        "description": "One operator's charge for one usage day in one mode. `by_plan` and `by_broker` each sum to `strategy_days` and `amount_paise`, which equal the day's wallet debit.",
        "required": [
            "date", "window_start", "window_end", "strategy_days", "amount_paise", "currency", "by_plan", "by_broker", "wallet_balance_paise",
        ],
        "properties": .object(usageDayProperties),
    ], uses: [usageLine])

    static let usageRollup = OpenAPISchema.component("UsageRollup", [
        "type": "object",
        "description": "The result of rolling up one usage day for one operator and mode; re-running a roll-up returns it unchanged.",
        "required": [
            "object", "id", "operator_id", "date", "window_start", "window_end", "strategy_days", "amount_paise",
            "strategy_day_price_paise", "currency", "by_plan", "by_broker", "wallet_balance_paise", "livemode", "created_at",
        ],
        "properties": .object(usageDayProperties.merging([
            "object": JSONSchema.constant("usage_rollup"),
            "id": ["type": "string", "examples": ["ur_3kTMd92jLqY0pZxW81vBnA"]],
            "operator_id": ["type": "string"],
            "strategy_day_price_paise": ["type": "integer", "minimum": 0, "description": "The price of one strategy-day when the day was rolled up."],
            "wallet_entry_id": ["type": "string", "description": "The ledger debit; absent when nothing was charged."],
            "livemode": ["type": "boolean"],
            "created_at": timestamp("When the day was rolled up."),
        ]) { _, new in new }),
    ], uses: [usageLine])

    /// The members `usage.daily` and a roll-up share.
    private static let usageDayProperties: [String: JSONValue] = [
        "date": ["type": "string", "format": "date", "description": "The usage day, named after the date its window closes."],
        "window_start": timestamp("18:30 IST on the day before `date` (inclusive)."),
        "window_end": timestamp("18:30 IST on `date` (exclusive)."),
        "strategy_days": ["type": "integer", "minimum": 0, "description": "Strategies live at some moment of the window."],
        "amount_paise": ["type": "integer", "minimum": 0],
        "currency": currencyINR,
        "by_plan": ["type": "array", "items": usageLine.reference],
        "by_broker": ["type": "array", "items": usageLine.reference],
        "wallet_balance_paise": ["type": "integer", "description": "The wallet's balance after the day's debit."],
    ]

    // MARK: - Inbox and alerts

    /// The data of `wallet.low_balance`, also the `data` of its inbox item.
    static let walletLowBalance = OpenAPISchema.component("WalletLowBalance", [
        "type": "object",
        "description": "The wallet as it stood when its runway crossed under the threshold or its balance went negative.",
        "required": ["balance_paise", "daily_burn_paise", "runway_days", "threshold_days"],
        "properties": [
            "balance_paise": ["type": "integer"],
            "daily_burn_paise": ["type": "integer", "minimum": 0],
            "runway_days": ["type": ["number", "null"], "minimum": 0, "description": "null when nothing burns: the alert is then for a negative balance."],
            "threshold_days": ["type": "integer", "minimum": 0, "maximum": 365],
        ],
    ])

    static let inboxItem = OpenAPISchema.component("InboxItem", [
        "type": "object",
        "description": "A notification in the operator's dashboard inbox, with the outcome of its WhatsApp copy.",
        "required": ["object", "id", "type", "title", "body", "data", "read", "whatsapp", "livemode", "created_at"],
        "properties": [
            "object": JSONSchema.constant("inbox_item"),
            "id": ["type": "string", "examples": ["ntf_3kTMd92jLqY0pZxW81vBnA"]],
            "type": ["enum": ["wallet.low_balance", "webhook_endpoint.disabled"], "description": "The event that raised it."],
            "title": ["type": "string"],
            "body": ["type": "string"],
            "data": ["oneOf": [walletLowBalance.reference, webhookEndpointDisabled.reference], "description": "What the event said."],
            "read": ["type": "boolean"],
            "read_at": timestamp("When it was first marked read; absent while unread."),
            "whatsapp": [
                "enum": ["pending", "sent", "failed", "not_configured", "no_number"],
                "description": "`pending`: an attempt is due; `sent`: accepted by WhatsApp; `failed`: refused or out of attempts; `not_configured`: the platform has no WhatsApp credentials; `no_number`: the wallet has no alert number.",
            ],
            "whatsapp_error": ["type": "string", "description": "Why the last WhatsApp attempt failed; absent otherwise."],
            "livemode": ["type": "boolean"],
            "created_at": timestamp("When the alert was raised."),
        ],
    ], uses: [walletLowBalance, webhookEndpointDisabled])

    static let inboxPage = OpenAPISchema.list(of: inboxItem, extra: [
        "unread_count": ["type": "integer", "minimum": 0, "description": "Unread items in the whole inbox, not just this page."],
    ], required: ["unread_count"])
}
