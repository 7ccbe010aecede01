import HTTPAPI
import Kernel

extension Routes {
    /// The sandbox's test clock (test keys only; a live key gets 403 `test_mode_only`): read it, pin it, move it
    /// forward (everything the calendar drives runs in order before the answer), return to real time.
    public static func testClock(_ clocks: TestClocks) -> [Route] {
        [
            Route(.get, "/v1/wl/test-clock", auth: .operatorKey, operation: .getTestClock) { context in
                try .json(encoding: try await clocks.clock(try context.scope))
            },
            Route(.post, "/v1/wl/test-clock", auth: .operatorKey, operation: .createTestClock) { context in
                let body = try context.decode(TestClockFreezeRequest.self)
                return try .json(encoding: try await clocks.freeze(try context.scope, at: body.frozenTime), status: 201)
            },
            Route(.post, "/v1/wl/test-clock/advance", auth: .operatorKey, operation: .advanceTestClock) { context in
                let body = try context.decode(TestClockAdvanceRequest.self)
                return try .json(encoding: try await clocks.advance(try context.scope, to: body.to))
            },
            Route(.delete, "/v1/wl/test-clock", auth: .operatorKey, operation: .deleteTestClock) { context in
                try .json(encoding: try await clocks.remove(try context.scope))
            },
        ]
    }
}
