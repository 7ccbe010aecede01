import HTTPAPI
import HTTPServer
import Kernel
import Webhooks

extension Routes {
    /// Endpoints, the delivery log, replay, recoveries, stats and the events API.
    public static func webhooks(_ webhooks: Webhooks) -> [Route] {
        [
            Route(.post, "/v1/wl/webhook-endpoints", auth: .currentOperatorKey, operation: .createWebhookEndpoint) { context in
                try .json(encoding: try await webhooks.createEndpoint(try context.scope, try context.decode(NewWebhookEndpoint.self)), status: 201)
            },
            Route(.get, "/v1/wl/webhook-endpoints", auth: .operatorKey, operation: .listWebhookEndpoints) { context in
                try .json(encoding: try await webhooks.listEndpoints(try context.scope))
            },
            Route(.get, "/v1/wl/webhook-endpoints/:id", auth: .operatorKey, operation: .getWebhookEndpoint) { context in
                try .json(encoding: try await webhooks.getEndpoint(try context.scope, try context.parameters.require("id", prefix: .webhookEndpoint)))
            },
            Route(.patch, "/v1/wl/webhook-endpoints/:id", auth: .currentOperatorKey, operation: .updateWebhookEndpoint) { context in
                let update = try context.decode(WebhookEndpointUpdate.self)
                return try .json(encoding: try await webhooks.updateEndpoint(
                    try context.scope, try context.parameters.require("id", prefix: .webhookEndpoint), update))
            },
            Route(.delete, "/v1/wl/webhook-endpoints/:id", auth: .currentOperatorKey, operation: .deleteWebhookEndpoint) { context in
                try .json(encoding: try await webhooks.deleteEndpoint(try context.scope, try context.parameters.require("id", prefix: .webhookEndpoint)))
            },
            Route(.post, "/v1/wl/webhook-endpoints/:id/rotate-secret", auth: .currentOperatorKey, operation: .rotateWebhookSecret) { context in
                let body = try context.decode(RotateSecretRequest.self)
                guard (0...604_800).contains(body.expireOldInSeconds) else {
                    throw DomainError.invalidField("expire_old_in_seconds", "must be 0…604800")
                }
                return try .json(encoding: try await webhooks.rotateSecret(
                    try context.scope, try context.parameters.require("id", prefix: .webhookEndpoint), expireOldIn: .seconds(body.expireOldInSeconds)))
            },
            Route(.post, "/v1/wl/webhook-endpoints/:id/enable", auth: .operatorKey, operation: .enableWebhookEndpoint) { context in
                try .json(encoding: try await webhooks.enableEndpoint(try context.scope, try context.parameters.require("id", prefix: .webhookEndpoint)))
            },
            Route(.post, "/v1/wl/webhook-endpoints/:id/recover", auth: .operatorKey, operation: .recoverWebhookEndpoint) { context in
                let body = try context.decode(RecoveryRequest.self)
                switch try await webhooks.recover(try context.scope, endpointID: try context.parameters.require("id", prefix: .webhookEndpoint), body) {
                case .preview(let preview): return try .json(encoding: preview)
                case .started(let recovery): return try .json(encoding: recovery, status: 202)
                }
            },
            Route(.get, "/v1/wl/webhook-recoveries/:id", auth: .operatorKey, operation: .getWebhookRecovery) { context in
                try .json(encoding: try await webhooks.getRecovery(try context.scope, try context.parameters.require("id", prefix: .webhookRecovery)))
            },
            Route(.post, "/v1/wl/webhook-endpoints/:id/test", auth: .operatorKey, operation: .sendTestWebhook) { context in
                let body = try context.decode(TestEventRequest.self)
                let delivery = try await webhooks.sendTest(
                    try context.scope, endpointID: try context.parameters.require("id", prefix: .webhookEndpoint), type: body.type)
                return try .json(encoding: delivery, status: 201)
            },
            Route(.post, "/v1/wl/webhook-endpoints/:id/check-up", auth: .operatorKey, operation: .checkUpWebhookEndpoint) { context in
                try .json(encoding: try await webhooks.checkUp(try context.scope, endpointID: try context.parameters.require("id", prefix: .webhookEndpoint)))
            },
            Route(.get, "/v1/wl/webhook-deliveries", auth: .operatorKey, operation: .listWebhookDeliveries) { context in
                let query = DeliveryQuery(
                    limit: try context.query.int("limit", in: 1...100) ?? 50, startingAfter: context.query["starting_after"],
                    eventType: context.query["event_type"], status: context.query["status"], endpointID: context.query["endpoint_id"])
                return try .json(encoding: try await webhooks.listDeliveries(try context.scope, query))
            },
            Route(.get, "/v1/wl/webhook-deliveries/:id", auth: .operatorKey, operation: .getWebhookDelivery) { context in
                try .json(encoding: try await webhooks.getDelivery(try context.scope, try context.parameters.require("id", prefix: .webhookDelivery)))
            },
            Route(.post, "/v1/wl/webhook-deliveries/:id/replay", auth: .operatorKey, operation: .replayWebhookDelivery) { context in
                try .json(encoding: try await webhooks.replay(try context.scope, try context.parameters.require("id", prefix: .webhookDelivery)), status: 201)
            },
            Route(.get, "/v1/wl/webhook-stats", auth: .operatorKey, operation: .getWebhookStats) { context in
                try .json(encoding: try await webhooks.stats(try context.scope, days: try context.query.int("days", in: 1...90) ?? 7,
                                                             endpointID: context.query["endpoint_id"]))
            },
            Route(.get, "/v1/wl/events", auth: .operatorKey, operation: .listEvents) { context in
                try await APIError.reportingQueryErrors {
                    .events(try await webhooks.listEvents(try context.scope, try EventQuery(context.query)))
                }
            },
            Route(.get, "/v1/wl/events/:id", auth: .operatorKey, operation: .getEvent) { context in
                .event(try await webhooks.getEvent(try context.scope, try context.parameters.require("id", prefix: .event)))
            },
        ]
    }
}
