import Foundation
import Kernel

extension Webhooks {
    /// Checks whether the endpoint's receiver verifies what it gets: sends it a valid signed request, one with a
    /// tampered signature, one with a 10-minute-old timestamp and an exact repeat of the valid one, in that order
    /// (each a marked sample of the endpoint's first event type, signed with its live secrets), and judges the
    /// answers (``CheckUpJudge``). Nothing is written to the delivery log. Works on a disabled endpoint too.
    public func checkUp(_ scope: TenantScope, endpointID: String) async throws -> ReceiverCheckUp {
        let secrets = self.secrets
        let (endpoint, signing) = try await database.read { tx in
            let endpoint = try secrets.revealed(Self.endpoint(endpointID, scope, tx))
            return (endpoint, [endpoint.secret] + (try Self.previousSecret(endpointID, secrets, tx).map { [$0] } ?? []))
        }
        guard let url = URL(string: endpoint.url) else { throw DomainError.invalidField("url", "is not a URL") }
        let now = clock.now()
        let requests = CheckUpRequests(
            type: endpoint.events.lazy.compactMap(WebhookEventType.init(rawValue:)).first ?? .userCreated, livemode: scope.isLive,
            apiVersion: settings.apiVersion, secrets: signing
        ).make(now: now) { Identifier.make(.event) }
        var outcomes = [CheckUpOutcome]()
        for request in requests {
            let started = ContinuousClock.now
            let probe = await transport.probe(WebhookRequest(url: url, headers: request.headers, body: request.body, timeout: settings.attemptTimeout))
            outcomes.append(CheckUpOutcome(
                check: request.check, webhookID: request.headers["webhook-id"] ?? "", webhookTimestamp: Int64(request.headers["webhook-timestamp"] ?? "") ?? 0,
                latencyMs: Int((ContinuousClock.now - started).milliseconds), probe: probe))
        }
        let judge = CheckUpJudge(outcomes: outcomes, now: now)
        return ReceiverCheckUp(endpointID: endpoint.id, url: endpoint.url, livemode: scope.isLive, checkedAt: now, verdict: judge.verdict,
                               checks: outcomes, fixes: judge.fixes, notes: judge.notes)
    }
}
