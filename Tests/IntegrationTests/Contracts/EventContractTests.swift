import Accounts
import APITestSupport
import Billing
import Foundation
import HTTPServer
import Kernel
import RateLimit
import Strategies
import Testing
import TestSupport
import Webhooks

/// The contracts between modules: every published event's payload, encoded by its real publisher, decodes in
/// every subscriber's mirror (reading only keys the publisher sends), and every operator-facing event validates
/// against the webhook schema the OpenAPI document publishes. A publisher renaming a payload field fails here.
@Suite(.serialized, .databases) struct EventContractTests {
    static let consumers: [(name: String, mirrors: [EventMirror])] = [
        ("strategies", Strategies.consumedEvents), ("billing", Billing.consumedEvents), ("ratelimit", RateLimit.consumedEvents),
        ("webhooks", Webhooks.consumedEvents),
    ]

    @Test func everyMirror_decodesEveryPublishedSample_readingOnlyKeysThePublisherSends() async throws {
        let (platform, _) = try await EventCatalogue.publishEverything()
        let events = try await platform.events()
        #expect(Set(events.map(\.type)).isSuperset(of: EventCatalogue.types))
        var violations = [String]()
        for (consumer, mirrors) in Self.consumers {
            for mirror in mirrors {
                violations += MirrorContract.violations(of: mirror, consumer: consumer, samples: events.filter { $0.type == mirror.type })
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
        try await platform.stop()
    }

    @Test func everyWebhookEvent_asReceiversGetIt_validatesAgainstTheOpenAPIDocument() async throws {
        let (platform, acme) = try await EventCatalogue.publishEverything()
        var exchanges = [OpenAPIConformance.Exchange]()
        for type in WebhookEventType.allCases {
            let page = try await platform.services.webhooks.listEvents(acme, EventQuery(limit: 100, type: type.rawValue))
            #expect(!page.data.isEmpty, "no \(type.rawValue) was published")
            exchanges += page.data.map { Self.webhook(type.rawValue, $0.json) }
        }
        let report = try await OpenAPIConformance.check(document: try await Self.document(platform), exchanges: exchanges)
        #expect(report == nil, "\(report ?? "")")
        try await platform.stop()
    }

    @Test func aPublisherRenamingAField_isCaughtByBothChecks() async throws {
        let (platform, acme) = try await EventCatalogue.publishEverything()
        let created = try await platform.events(AccountsEvent.userCreated)
        let renamed = created.map { Self.replacing($0, "\"plan_id\"", with: "\"planId\"") }
        let mirror = try #require(Strategies.consumedEvents.first { $0.type == AccountsEvent.userCreated })
        #expect(MirrorContract.violations(of: mirror, consumer: "strategies", samples: created).isEmpty)
        #expect(!MirrorContract.violations(of: mirror, consumer: "strategies", samples: renamed).isEmpty, "a required key")

        let linked = try await platform.events(AccountsEvent.userBrokerConnected)
        let optional = try #require(Strategies.consumedEvents.first { $0.type == AccountsEvent.userBrokerConnected })
        let masked = linked.map { Self.replacing($0, "\"client_code_masked\"", with: "\"masked_code\"") }
        #expect(MirrorContract.violations(of: optional, consumer: "strategies", samples: masked)
            == ["strategies reads user.broker_connected client_code_masked, which its publisher never sends"], "an optional key")

        let envelope = try #require(try await platform.services.webhooks.listEvents(acme, EventQuery(type: AccountsEvent.userCreated)).data.first)
        let drifted = Self.webhook(AccountsEvent.userCreated, envelope.json.replacingOccurrences(of: "\"plan_id\"", with: "\"planId\""))
        #expect(try await OpenAPIConformance.check(document: try await Self.document(platform), exchanges: [drifted]) != nil)
        try await platform.stop()
    }

    /// The OpenAPI document the server serves, from the assembled Gateway.
    static func document(_ platform: Platform) async throws -> [UInt8] {
        let response = await platform.services.gateway(logger: .discard).handle(HTTPRequest(method: .get, target: "/v1/openapi.json"))
        try #require(response.status == 200)
        return response.body
    }

    static func webhook(_ type: String, _ body: String) -> OpenAPIConformance.Exchange {
        OpenAPIConformance.Exchange(operation: "webhook:" + type, status: 0, contentType: "application/json", body: body, request: nil)
    }

    static func replacing(_ event: Event, _ text: String, with replacement: String) -> Event {
        Event(sequence: event.sequence, id: event.id, type: event.type, tenant: event.tenant, mode: event.mode, occurredAt: event.occurredAt,
              payload: event.payload.replacingOccurrences(of: text, with: replacement))
    }
}
