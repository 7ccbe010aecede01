import HTTPAPI
import Strategies

extension Routes {
    /// The Strategies events operators receive, for the OpenAPI document's `webhooks`: a strategy entering and leaving
    /// live trading, the two moments that start and stop its daily billing.
    public static let strategyWebhooks: [OpenAPIWebhook] = [
        .event(StrategiesEvent.deployed, named: "StrategyDeployedEvent", summary: "A strategy entered live trading",
               description: "Billing of one strategy-day per day starts now, at `burn_per_day_paise`.",
               tag: "Strategies", data: .strategyDeployed),
        .event(StrategiesEvent.paused, named: "StrategyPausedEvent", summary: "A live strategy stopped trading",
               description: "Sent only when a live strategy stops (a paper one stopping is not billed, so not an event).",
               tag: "Strategies", data: .strategyPaused),
    ]
}

extension OpenAPISchema {
    /// `data` of `strategy.deployed`: ``StrategyDeployedPayload``.
    static let strategyDeployed = OpenAPISchema.component("StrategyDeployed", [
        "type": "object",
        "required": ["strategy_id", "user_id", "plan_id", "broker", "from_mode", "burn_per_day_paise"],
        "properties": [
            "strategy_id": ["type": "string"],
            "user_id": ["type": "string"],
            "plan_id": ["type": "string", "description": "The client's plan when the strategy was deployed."],
            "broker": ["type": "string", "description": "The broker it trades through."],
            "from_mode": [
                "type": "string", "enum": StrategyFields.enumeration([StrategyStatus.draft, .paper, .paused].map(\.rawValue)),
                "description": "The status it left.",
            ],
            "burn_per_day_paise": ["type": "integer", "format": "int64", "description": "The operator's price of one live strategy-day at deployment."],
        ],
    ])

    /// `data` of `strategy.paused`: ``StrategyPausedPayload``, whose `broker` is left out (not null) when the client
    /// has none.
    static let strategyPaused = OpenAPISchema.component("StrategyPaused", [
        "type": "object",
        "required": ["strategy_id", "user_id", "plan_id", "reason"],
        "properties": [
            "strategy_id": ["type": "string"],
            "user_id": ["type": "string"],
            "plan_id": ["type": "string"],
            "broker": ["type": "string", "description": "The broker it traded through; absent when the client has none."],
            "reason": ["type": "string", "enum": StrategyFields.enumeration(PauseReason.allCases.map(\.rawValue))],
        ],
    ])
}
