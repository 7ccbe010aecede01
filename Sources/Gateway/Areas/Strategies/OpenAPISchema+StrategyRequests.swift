import HTTPAPI
import Strategies

/// The Strategies area's request bodies. Each states what the server enforces and nothing stricter, so a body the
/// schema refuses is always refused by the server too; rules JSON Schema cannot state exactly (lengths after
/// trimming, instruments after upper-casing) are in the descriptions and enforced by the server with 422.
///
/// `additionalProperties: false` everywhere, because the strict decoder refuses unknown fields; optional members
/// also accept `null`, because the decoder reads `null` as absent.
extension OpenAPISchema {
    static let pushRequest = OpenAPISchema.component("PushRequest", [
        "type": "object",
        "additionalProperties": false,
        "required": ["target", "template"],
        "properties": [
            "target": pushRequestTarget.reference,
            "template": template.reference,
            "template_id": [
                "type": ["string", "null"],
                "description": "Push the next version of this template (`tpl_…`); omit to create a template at version 1.",
            ],
            "dry_run": [
                "type": ["boolean", "null"],
                "description": "Validate the template and count the recipients without storing or changing anything.",
            ],
        ],
        "examples": [[
            "target": ["plan_id": "plan_4Wq9ZbT0mYc2LrX7eN1sAd"],
            "template": "---\nname: Nifty momentum\ninstruments: [NIFTY, BANKNIFTY]\nmax_open_positions: 3\n---\n\n# Nifty momentum\n",
        ]],
    ], uses: [pushRequestTarget, template])

    static let pushRequestTarget = OpenAPISchema.component("PushRequestTarget", [
        "description": "Exactly one of `user_id` (one client) and `plan_id` (every client active on the plan now).",
        "oneOf": [
            ["type": "object", "additionalProperties": false, "required": ["user_id"], "properties": ["user_id": ["type": "string"]]],
            ["type": "object", "additionalProperties": false, "required": ["plan_id"], "properties": ["plan_id": ["type": "string"]]],
        ],
    ])

    /// The two template formats. The JSON one is strict like the API: unknown fields are refused, so a typo cannot
    /// silently drop a risk limit.
    static let template = OpenAPISchema.component("Template", [
        "description": "A strategy template, at most 64 KiB (UTF-8) in either format; an object is measured as compact JSON.",
        "oneOf": [
            [
                "type": "string", "contentMediaType": "text/markdown", "maxLength": .number(String(TemplateModel.maximumBytes)),
                "description": """
                    Markdown with front matter between `---` lines: `name`, `summary`, `instruments`, `parameters`, \
                    `max_daily_loss_paise`, `max_open_positions`, `capital_required_paise`; the markdown after it is the body. \
                    Errors name the line.
                    """,
            ],
            [
                "type": "object",
                "additionalProperties": false,
                "required": ["name", "instruments"],
                "description": "The JSON format. `null` counts as absent. Errors name the field, e.g. `template.risk.max_open_positions`.",
                "properties": [
                    "name": ["type": "string", "minLength": 1, "description": "At most 200 characters after trimming; no control characters."],
                    "summary": ["type": ["string", "null"], "description": "At most 1,000 characters after trimming."],
                    "body": ["type": ["string", "null"], "contentMediaType": "text/markdown", "description": "Shown to the client."],
                    "instruments": [
                        "type": "array", "minItems": 1, "maxItems": 100, "uniqueItems": true,
                        "items": ["type": "string", "description": "Upper-cased; 1…50 of A–Z, 0–9 and `: _ - . &`.", "examples": ["NSE:RELIANCE"]],
                    ],
                    "parameters": JSONSchema.nullable(templateParameters),
                    "risk": JSONSchema.nullable(templateRisk),
                    "capital_required_paise": StrategyFields.paise("The capital a client should set aside.", minimum: 0, nullable: true),
                ],
            ],
        ],
    ], uses: [templateParameters, templateRisk])

    /// Named rather than inline, and nullable through a `oneOf`: SDK generators drop an inline object inside a union.
    static let templateParameters = OpenAPISchema.component("TemplateParameters", [
        "type": "object", "maxProperties": 100,
        "propertyNames": ["pattern": "^[A-Za-z_][A-Za-z0-9_]{0,63}$"],
        "additionalProperties": [
            "anyOf": [["type": "string"], ["type": "number"], ["type": "boolean"]],
            "description": "A string of at most 1,000 characters, a number or a boolean.",
        ],
    ])

    static let templateRisk = OpenAPISchema.component("TemplateRisk", [
        "type": "object",
        "additionalProperties": false,
        "properties": [
            "max_daily_loss_paise": StrategyFields.paise("The loss at which the strategy stops for the day.", minimum: 1, nullable: true),
            "max_open_positions": ["type": ["integer", "null"], "minimum": 1, "maximum": 1000],
        ],
    ])

    static let deployRequest = OpenAPISchema.component("DeployRequest", [
        "type": "object",
        "additionalProperties": false,
        "required": ["mode"],
        "properties": [
            "mode": [
                "type": "string", "enum": StrategyFields.enumeration(TradingMode.allCases.map(\.rawValue)),
                "description": "`paper` (simulated) or `live` (through the client's connected broker; billed per day).",
            ],
        ],
    ])

    static let pauseRequest = OpenAPISchema.component("PauseRequest", [
        "type": "object",
        "additionalProperties": false,
        "description": "No fields; the body may also be omitted.",
    ])

    static let pnlUpdate = OpenAPISchema.component("PnLUpdate", [
        "type": "object",
        "additionalProperties": false,
        "required": ["realized_paise", "unrealized_paise", "as_of"],
        "properties": [
            "realized_paise": StrategyFields.paise("Realised P&L in paise; negative for a loss."),
            "unrealized_paise": StrategyFields.paise("Unrealised P&L on open positions in paise."),
            "as_of": StrategyFields.timestamp("When the engine computed the figures; reports no newer than the last applied are ignored."),
        ],
    ])

    static let riskBreach = OpenAPISchema.component("RiskBreach", [
        "type": "object",
        "additionalProperties": false,
        "description": "The body may be omitted.",
        "properties": [
            "reason": [
                "type": ["string", "null"], "maxLength": .number(String(RiskBreach.maximumReasonLength)),
                "description": "What was breached, for the server log.",
            ],
        ],
    ])
}
