import HTTPAPI
import HTTPServer
import Kernel
import Strategies

/// The Strategies area: operators push templates and read their clients' strategies, clients deploy and pause
/// theirs in the app, and the trading engine reports P&L and risk breaches.
extension Routes {
    /// The risk breaches the trading engine reports go to the request's log, with their reason.
    public static func strategies(_ strategies: Strategies) -> [Route] {
        [
            // Operator API.
            Route(.post, "/v1/wl/strategies/push", auth: .operatorKey, operation: .createStrategyPush) { context in
                let request = try context.decode(PushRequest.self)
                let push: Push
                do {
                    push = try await strategies.push(
                        try context.scope, target: request.target, template: request.template, templateID: request.templateID,
                        dryRun: request.dryRun)
                } catch let error as DomainError {
                    throw PushRequest.locateFields(of: error)
                }
                return try .json(encoding: push, status: request.dryRun ? 200 : 202)
            },
            Route(.get, "/v1/wl/strategy-pushes/:id", auth: .operatorKey, operation: .getStrategyPush) { context in
                try .json(encoding: await strategies.getPush(try context.scope, try context.parameters.require("id", prefix: .push)))
            },
            Route(.get, "/v1/wl/users/:id/strategies", auth: .operatorKey, operation: .listUserStrategies) { context in
                let list = try await strategies.listUserStrategies(
                    try context.scope, userID: try context.parameters.require("id", prefix: .user),
                    limit: try context.query.int("limit", in: 1...100) ?? 20, startingAfter: context.query["starting_after"])
                return try .json(encoding: list)
            },

            // Client app API: a client sees and moves only their own strategies.
            Route(.get, "/v1/client/strategies", auth: .clientSession, operation: .listClientStrategies) { context in
                try .json(encoding: await strategies.listClientStrategies(try context.scope, userID: try context.clientUserID))
            },
            Route(.post, "/v1/client/strategies/:id/deploy", auth: .clientSession, operation: .deployClientStrategy) { context in
                let request = try context.decode(DeployRequest.self)
                return try .json(encoding: await strategies.deploy(
                    try context.scope, userID: try context.clientUserID, strategyID: try context.parameters.require("id", prefix: .strategy),
                    mode: request.mode))
            },
            Route(.post, "/v1/client/strategies/:id/pause", auth: .clientSession, operation: .pauseClientStrategy) { context in
                _ = try decodeIfPresent(PauseRequest.self, context)
                return try .json(encoding: await strategies.pause(
                    try context.scope, userID: try context.clientUserID, strategyID: try context.parameters.require("id", prefix: .strategy)))
            },

            // Trading engine and platform admins: strategy ids are global, so these take no tenant.
            Route(.post, "/v1/admin/strategies/:id/pnl", auth: .admin, operation: .reportStrategyPnL) { context in
                let update = try context.decode(PnLUpdate.self)
                let strategyID = try context.parameters.require("id", prefix: .strategy)
                let applied = try await strategies.recordPnL(
                    strategyID: strategyID, realizedPaise: update.realizedPaise, unrealizedPaise: update.unrealizedPaise,
                    asOf: update.asOf)
                return .json(["object": "pnl_update", "strategy_id": .string(strategyID), "applied": .bool(applied)])
            },
            Route(.post, "/v1/admin/strategies/:id/risk-breach", auth: .admin, operation: .reportStrategyRiskBreach) { context in
                let reason = try decodeIfPresent(RiskBreach.self, context)?.reason
                let strategy = try await strategies.riskBreach(strategyID: try context.parameters.require("id", prefix: .strategy))
                var metadata = ["strategy_id": strategy.id]
                metadata["reason"] = reason
                context.logger.warning("strategy risk breach reported", metadata)
                return try .json(encoding: strategy)
            },
        ]
    }

    /// The body as `T`, or nil when the request has none: for commands whose body is optional.
    private static func decodeIfPresent<T: Decodable>(_ type: T.Type, _ context: RequestContext) throws -> T? {
        context.request.body.isEmpty ? nil : try context.decode(T.self)
    }
}
