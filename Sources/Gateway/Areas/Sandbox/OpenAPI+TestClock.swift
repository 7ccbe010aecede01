import HTTPAPI

/// The schemas of the sandbox's test clock.
extension OpenAPISchema {
    static let testClockRun = OpenAPISchema.component("TestClockRun", JSONSchema.object([
        "from": JSONSchema.dateTime, "to": JSONSchema.dateTime,
        "steps": ["type": "integer", "description": "The moments the clock stopped at to run what fell due there; the last is `to`."],
        "work": ["type": "object", "additionalProperties": JSONSchema.integer,
                 "description": "What the calendar did, summed over the steps: `days_rolled_up`, `brokers_expired`, `users_purged`, `api_key_notices`."],
        "events_emitted": ["type": "integer", "description": "Events the sandbox published during the move."],
        "events_by_type": ["type": "object", "additionalProperties": JSONSchema.integer],
    ], required: ["from", "to", "steps", "work", "events_emitted", "events_by_type"]))

    static let testClock = OpenAPISchema.component("TestClock", JSONSchema.object([
        "object": JSONSchema.constant("test_clock"), "livemode": ["type": "boolean", "enum": [false]],
        "frozen_time": ["type": ["string", "null"], "format": "date-time", "description": "The simulated time; null on real time."],
        "current_time": ["type": "string", "format": "date-time", "description": "The sandbox's time now."],
        "advance": ["oneOf": [testClockRun.reference, ["type": "null"]], "description": "What the move that answered did; null on a read."],
    ], required: ["object", "livemode", "frozen_time", "current_time", "advance"]), uses: [testClockRun])

    static let testClockFreeze = OpenAPISchema.component("TestClockFreeze", JSONSchema.object([
        "frozen_time": ["type": "string", "format": "date-time", "description": "Not before now, at most 60 days after; left out: now."],
    ], closed: true))

    static let testClockAdvance = OpenAPISchema.component("TestClockAdvance", JSONSchema.object([
        "to": ["type": "string", "format": "date-time", "description": "After the clock's time, at most 60 days after it."],
    ], required: ["to"], closed: true))
}

extension OpenAPIOperation {
    static let testModeOnly = "`test_mode_only`: a live key; test clocks exist in test mode only."

    static let getTestClock = OpenAPIOperation(
        id: "getTestClock", summary: "The sandbox's clock", tag: "Sandbox",
        responses: [200: .json("The clock (`frozen_time` null on real time).", .testClock), 403: .problem(testModeOnly)])
    static let createTestClock = OpenAPIOperation(
        id: "createTestClock", summary: "Pin the sandbox's clock",
        description: """
            Test mode only. The sandbox leaves real time: its time is `frozen_time` (now when left out) until advanced or \
            deleted. A `frozen_time` ahead of now runs what falls due on the way, as an advance does.
            """,
        tag: "Sandbox", requestBody: .testClockFreeze,
        responses: [201: .json("The clock.", .testClock), 403: .problem(testModeOnly),
                    409: .problem("`test_clock_exists`, or `test_clock_busy` while it moves."),
                    422: .problem("`frozen_time` before now or more than 60 days ahead.")])
    static let advanceTestClock = OpenAPIOperation(
        id: "advanceTestClock", summary: "Move the sandbox's clock forward",
        description: """
            At most 60 days per call. Everything the calendar drives runs in order for the simulated time: each usage day's \
            18:30 IST roll-up and wallet debit, `usage.daily` and its webhooks, low-balance alerts, broker expiries, purges of \
            deleted clients, rotated-out keys' notices. Answers once all of it is done, with a summary.
            """,
        tag: "Sandbox", requestBody: .testClockAdvance,
        responses: [200: .json("The clock, with what the move did.", .testClock), 403: .problem(testModeOnly),
                    409: .problem("`no_test_clock`, or `test_clock_busy` while it moves."),
                    422: .problem("`to` not after the clock's time, or more than 60 days after it.")])
    static let deleteTestClock = OpenAPIOperation(
        id: "deleteTestClock", summary: "Return the sandbox to real time",
        description: "A clock behind real time catches up first; one ahead leaves what it did in place. Deleting no clock changes nothing.",
        tag: "Sandbox",
        responses: [200: .json("The sandbox on real time.", .testClock), 403: .problem(testModeOnly),
                    409: .problem("`test_clock_busy` while it moves.")])
}
