import HTTPAPI
import Strategies

/// The Strategies area's response bodies, exactly as the domain encodes them.
///
/// Every member is `required` because the domain writes absent values as `null` (it never omits one), and enums
/// come from the domain's own `CaseIterable` types so the document cannot lag behind them. Objects stay open to
/// new members: adding one is a compatible change.
extension OpenAPISchema {
    // MARK: Strategies

    static let strategy = OpenAPISchema.component("Strategy", [
        "type": "object",
        "description": "A client's copy of a template version and where it is in its lifecycle.",
        "required": [
            "object", "id", "user_id", "name", "mode", "status", "template_id", "template_version", "update_available",
            "available_template_version", "pnl", "broker", "deployed_at", "paused_at", "pause_reason", "livemode", "created_at",
        ],
        "properties": [
            "object": JSONSchema.constant("strategy"),
            "id": ["type": "string", "pattern": "^stg_[0-9A-Za-z]{22}$", "examples": ["stg_3kTMd92jLqY0pZxW81vBnA"]],
            "user_id": ["type": "string", "description": "The client it belongs to (`usr_…`)."],
            "name": ["type": "string", "description": "The name of the template version it is built from."],
            "mode": [
                "type": ["string", "null"], "enum": StrategyFields.enumeration(TradingMode.allCases.map(\.rawValue), nullable: true),
                "description": "The market it trades in, or last traded in when paused; null for a draft that never ran.",
            ],
            "status": [
                "type": "string", "enum": StrategyFields.enumeration(StrategyStatus.allCases.map(\.rawValue)),
                "description": "`draft` (pushed, never deployed), `paper`, `live` (billed per day) or `paused` (see `pause_reason`).",
            ],
            "template_id": ["type": "string"],
            "template_version": ["type": "integer", "minimum": 1],
            "update_available": [
                "type": "boolean",
                "description": "A newer template version reached this strategy while it was live; it is applied by the next push after it stops.",
            ],
            "available_template_version": ["type": ["integer", "null"], "minimum": 1, "description": "The waiting version, when `update_available`."],
            "pnl": strategyPnL.reference,
            "broker": ["oneOf": [strategyBroker.reference, ["type": "null"]], "description": "The client's broker link; null when they never linked one."],
            "deployed_at": StrategyFields.nullableTimestamp("When it last started running (paper or live)."),
            "paused_at": StrategyFields.nullableTimestamp("When it last stopped; null while running."),
            "pause_reason": [
                "type": ["string", "null"], "enum": StrategyFields.enumeration(PauseReason.allCases.map(\.rawValue), nullable: true),
                "description": "Why it was paused: by the client, a broker disconnection, a risk limit breach or the client's deletion.",
            ],
            "livemode": ["type": "boolean", "description": "Whether this is live-mode data (API mode, not trading mode)."],
            "created_at": StrategyFields.timestamp("When the first push reached the client."),
        ],
    ], uses: [strategyPnL, strategyBroker])

    static let strategyPnL = OpenAPISchema.component("StrategyPnL", [
        "type": "object",
        "description": "Profit and loss as the trading engine last reported it.",
        "required": ["realized_paise", "unrealized_paise", "currency", "as_of"],
        "properties": [
            "realized_paise": StrategyFields.paise("Realised P&L in paise; negative for a loss."),
            "unrealized_paise": StrategyFields.paise("Unrealised P&L on open positions in paise."),
            "currency": JSONSchema.constant("INR"),
            "as_of": StrategyFields.nullableTimestamp("When the engine computed the figures; null before its first report."),
        ],
    ])

    static let strategyBroker = OpenAPISchema.component("StrategyBroker", [
        "type": "object",
        "required": ["name", "status", "client_code_masked"],
        "properties": [
            "name": ["type": "string", "examples": ["zerodha"]],
            "status": ["type": "string", "enum": ["connected", "disconnected"], "description": "Live trading needs `connected`."],
            "client_code_masked": ["type": ["string", "null"], "examples": ["••••4821"]],
        ],
    ])

    static let pnlUpdateResult = OpenAPISchema.component("PnLUpdateResult", [
        "type": "object",
        "required": ["object", "strategy_id", "applied"],
        "properties": [
            "object": JSONSchema.constant("pnl_update"),
            "strategy_id": ["type": "string"],
            "applied": ["type": "boolean", "description": "False when a report at least as new was already applied; nothing changed."],
        ],
    ])

    // MARK: Pushes

    static let pushTarget = OpenAPISchema.component("PushTarget", [
        "type": "object",
        "description": "Who a push reaches: one client, or every client active on a plan when the push was made.",
        "required": ["type", "id"],
        "properties": [
            "type": ["type": "string", "enum": ["user", "plan"]],
            "id": ["type": "string", "description": "The `usr_…` or `plan_…` id."],
        ],
    ])

    static let push = pushComponent("Push", description: "A push of a template version and its progress.", [
        "id": ["type": "string", "pattern": "^psh_[0-9A-Za-z]{22}$"],
        "template_id": ["type": "string", "description": "The template pushed (`tpl_…`), created by the push when none was named."],
        "status": [
            "type": "string", "enum": StrategyFields.enumeration([PushStatus.queued, .running, .completed].map(\.rawValue)),
            "description": "`queued` (nothing processed yet), `running` or `completed`. Pushes that fit one batch complete before the answer.",
        ],
        "done": ["type": "integer", "minimum": 0, "description": "How many recipients have been processed."],
        "completed_at": StrategyFields.nullableTimestamp("When the last recipient was processed."),
    ])

    static let pushPreview = pushComponent("PushPreview", description: "What a push would do now; nothing was stored.", [
        "id": ["type": "null"],
        "template_id": ["type": ["string", "null"], "description": "The `template_id` asked for; null when the push would create the template."],
        "status": JSONSchema.constant(PushStatus.dryRun.rawValue),
        "done": JSONSchema.constant(0),
        "completed_at": ["type": "null"],
    ])

    /// `Push` and `PushPreview` share every member but the few that tell a stored push from a dry run.
    private static func pushComponent(_ name: String, description: String, _ distinct: [String: JSONValue]) -> OpenAPISchema {
        let shared: [String: JSONValue] = [
            "object": JSONSchema.constant("push"),
            "template_version": ["type": "integer", "minimum": 1, "description": "1 for a new template, else the latest version + 1."],
            "target": pushTarget.reference,
            "recipients": ["type": "integer", "minimum": 0, "description": "How many clients the push reaches."],
            "livemode": ["type": "boolean"],
            "created_at": StrategyFields.timestamp("When the push was made (for a dry run, when it was previewed)."),
        ]
        let properties = shared.merging(distinct) { _, distinct in distinct }
        return .component(name, [
            "type": "object",
            "description": .string(description),
            "required": .array(properties.keys.sorted().map { .string($0) }),
            "properties": .object(properties),
        ], uses: [pushTarget])
    }
}
