import APITestSupport
import Foundation
@testable import Gateway
import HTTPAPI
import HTTPServer
import Kernel
import Synchronization
import Testing
import TestSupport
import Webhooks

/// The delivery engine's part of the API, through the assembled Gateway: an endpoint's `state` and how to turn it back
/// on, when and why a delivery goes next, recoveries as jobs, stats per endpoint and the endpoints' states in
/// `/metrics`; every answer and webhook body checked against the OpenAPI document by the reference tools.
@Suite(.databases) struct WebhooksOpenAPITests {
    /// A receiver on 127.0.0.1 that answers every request with `status`.
    final class StatusServer: HTTPHandler {
        let status: Int
        init(status: Int) { self.status = status }
        func handle(_ request: HTTPRequest) async -> HTTPResponse { HTTPResponse(status: status) }
    }

    @Test func theDeliveryEngineTour_answersAsDocumented() async throws {
        let f = try await OperatorAPIFixture()
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), handler: StatusServer(status: 410))
        let healthy = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), handler: StatusServer(status: 204))
        let (port, healthyPort) = (try server.start(), try healthy.start())
        let key = f.key(f.acme, .live), other = f.key(f.beta, .live)
        var traffic = [OpenAPIConformance.Exchange]()
        func call(_ operation: String, _ method: HTTPMethod, _ target: String, _ body: String? = nil, token: String? = nil) async -> HTTPResponse {
            let response = await f.call(method, target, token: token ?? key, json: body)
            traffic.append(.init(operation: operation, status: response.status, contentType: response.headers["Content-Type"],
                                 body: response.text, request: body))
            return response
        }

        let created = await call("createWebhookEndpoint", .post, "/v1/wl/webhook-endpoints",
                                 #"{"url": "http://127.0.0.1:\#(port)/hooks", "events": ["user.created", "webhook_endpoint.disabled"]}"#)
        let id = try #require(created.json["id"]?.string)
        #expect(created.json["state"] == "enabled")
        let watcher = try #require(await call("createWebhookEndpoint", .post, "/v1/wl/webhook-endpoints",
                                              #"{"url": "http://127.0.0.1:\#(healthyPort)/watcher", "events": ["webhook_endpoint.disabled"]}"#).json["id"]?.string)
        _ = try await f.createUser(f.acme, .live, email: "asha@example.com")
        try await f.bus.drain()
        await f.webhooks.dispatcher.drain()

        let gone = await call("getWebhookEndpoint", .get, "/v1/wl/webhook-endpoints/\(id)")
        #expect(gone.json["state"] == "disabled" && gone.json["disabled_reason"] == "gone")
        try await f.bus.drain()
        let pending = await call("listWebhookDeliveries", .get, "/v1/wl/webhook-deliveries?endpoint_id=\(watcher)")
        #expect(pending.json["data"]?[0]?["event_type"] == "webhook_endpoint.disabled")
        #expect(pending.json["data"]?[0]?["next_attempt_reason"] == "first_attempt")
        let metrics = await f.gateway.handle(HTTPRequest(method: .get, target: "/metrics")).text
        #expect(metrics.contains(#"webhook_endpoints{state="disabled"} 1"#) && metrics.contains(#"webhook_endpoints{state="enabled"} 1"#))
        #expect(metrics.contains(#"webhook_attempts_total{result="failed"} 1"#))
        _ = await call("enableWebhookEndpoint", .post, "/v1/wl/webhook-endpoints/\(id)/enable", token: other)
        let enabled = await call("enableWebhookEndpoint", .post, "/v1/wl/webhook-endpoints/\(id)/enable")
        #expect(enabled.status == 200 && enabled.json["state"] == "enabled")

        f.clock.advance(by: .seconds(1))
        let now = f.clock.now()
        let range = #""since": "\#(RFC3339.format(now - .seconds(3600)))", "until": "\#(RFC3339.format(now))""#
        let dryRun = await call("recoverWebhookEndpoint", .post, "/v1/wl/webhook-endpoints/\(id)/recover", "{\(range), \"dry_run\": true}")
        #expect(dryRun.status == 200 && dryRun.json["total"] == .number("2"), "user.created and webhook_endpoint.disabled")
        let started = await call("recoverWebhookEndpoint", .post, "/v1/wl/webhook-endpoints/\(id)/recover", "{\(range)}")
        #expect(started.status == 202 && started.json["status"] == "running")
        let recovery = try #require(started.json["id"]?.string)
        let old = await call("recoverWebhookEndpoint", .post, "/v1/wl/webhook-endpoints/\(id)/recover",
                             #"{"since": "2020-01-01T00:00:00Z", "until": "2020-01-02T00:00:00Z", "dry_run": true}"#)
        #expect(old.json["total"] == .number("0") && old.json["since"] == old.json["until"], "older than the event log: an empty range")
        _ = await call("recoverWebhookEndpoint", .post, "/v1/wl/webhook-endpoints/\(id)/recover", "{\(range), \"extra\": 1}")
        _ = await call("recoverWebhookEndpoint", .post, "/v1/wl/webhook-endpoints/\(id)/recover", "{\(range)}", token: other)
        await f.webhooks.dispatcher.drain()
        let job = await call("getWebhookRecovery", .get, "/v1/wl/webhook-recoveries/\(recovery)")
        #expect(job.json["total"] == .number("2") && job.json["queued"] == .number("2"))
        _ = await call("getWebhookRecovery", .get, "/v1/wl/webhook-recoveries/\(recovery)", token: other)

        _ = await call("getWebhookStats", .get, "/v1/wl/webhook-stats?endpoint_id=\(id)")
        _ = await call("getWebhookStats", .get, "/v1/wl/webhook-stats?endpoint_id=\(id)", token: other)
        let delivery = try #require(await call("listWebhookDeliveries", .get, "/v1/wl/webhook-deliveries").json["data"]?[0]?["id"]?.string)
        _ = await call("getWebhookDelivery", .get, "/v1/wl/webhook-deliveries/\(delivery)")

        let statuses = Set(traffic.map { "\($0.operation) \($0.status)" })
        #expect(statuses.isSuperset(of: [
            "enableWebhookEndpoint 200", "enableWebhookEndpoint 404", "recoverWebhookEndpoint 200", "recoverWebhookEndpoint 202",
            "recoverWebhookEndpoint 422", "recoverWebhookEndpoint 404", "getWebhookRecovery 200", "getWebhookRecovery 404",
            "getWebhookStats 200", "getWebhookStats 404",
        ]), "\(statuses.sorted())")
        let events = try await f.services.webhooks.listEvents(TenantScope(operatorID: f.acme.operator.id, mode: .live),
                                                               EventQuery(type: "webhook_endpoint.disabled"))
        traffic += events.data.map { .init(operation: "webhook:webhook_endpoint.disabled", status: 0, contentType: nil, body: $0.json, request: nil) }
        #expect(!events.data.isEmpty)
        let document = await f.gateway.handle(HTTPRequest(method: .get, target: "/v1/openapi.json")).body
        let report = try await OpenAPIConformance.check(document: document, exchanges: traffic)
        #expect(report == nil, "\(report ?? "")")
        await f.webhooks.dispatcher.stop(drainTimeout: .seconds(1))
        await server.shutdown(drainTimeout: .seconds(1))
        await healthy.shutdown(drainTimeout: .seconds(1))
    }
}
