import Foundation
import Kernel
import Testing
import TestSupport
@testable import Webhooks

/// Endpoint signing secrets at rest (issue 15, finding 3): sealed under the master key, bound to their endpoint,
/// sealed in place when an earlier release left them plain, refused under another key, re-sealed by a rotation.
@Suite(.databases) struct EndpointSecretStorageTests {
    /// What the row holds, as the database has it.
    static func stored(_ f: WebhooksFixture, _ id: String) async throws -> (secret: String, previous: String?) {
        try await f.database.read { tx in
            let row = try tx.queryOne("SELECT secret, previous_secret FROM webhook_endpoints WHERE id = ?", [id])!
            return (try row.get("secret"), try row.get("previous_secret"))
        }
    }

    @Test func secrets_areStoredSealed_andOpenedForTheAPIAndForSigning() async throws {
        let f = try await WebhooksFixture()
        let endpoint = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: "https://8.8.8.8/in", events: ["user.created"]))
        let rotated = try await f.webhooks.rotateSecret(f.scope, endpoint.id, expireOldIn: .seconds(3600))
        let row = try await Self.stored(f, endpoint.id)
        for text in [row.secret, row.previous ?? ""] {
            #expect(text.hasPrefix("sealed:") && !text.contains("whsec_"))
        }
        #expect(!row.secret.contains(rotated.secret.dropFirst(6)) && !(row.previous ?? "").contains(endpoint.secret.dropFirst(6)))
        #expect(try await f.webhooks.signingSecret(f.scope, endpoint.id) == rotated.secret)
        #expect(try await f.webhooks.getEndpoint(f.scope, endpoint.id).secret == "whsec_…" + rotated.secret.suffix(4))
        await f.stop()
    }

    @Test func aSealedSecretMovedToAnotherEndpoint_doesNotOpen() async throws {
        let f = try await WebhooksFixture()
        let a = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: "https://8.8.8.8/a", events: ["user.created"]))
        let b = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: "https://8.8.8.8/b", events: ["user.created"]))
        let sealedA = try await Self.stored(f, a.id).secret
        try await f.database.write { tx in try tx.execute("UPDATE webhook_endpoints SET secret = ? WHERE id = ?", [sealedA, b.id]) }
        await #expect(throws: SealingError.self) { _ = try await f.webhooks.signingSecret(f.scope, b.id) }
        await f.stop()
    }

    @Test func plainSecretsFromAnEarlierRelease_areSealedInPlace_once() async throws {
        let f = try await WebhooksFixture()
        let endpoint = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: "https://8.8.8.8/in", events: ["user.created"]))
        try await f.database.write { tx in
            try tx.execute("UPDATE webhook_endpoints SET secret = ?, previous_secret = ? WHERE id = ?", ["whsec_plainCurrent", "whsec_plainOld", endpoint.id])
        }
        #expect(try await f.webhooks.sealStoredSecrets() == 2)
        let row = try await Self.stored(f, endpoint.id)
        #expect(row.secret.hasPrefix("sealed:") && row.previous?.hasPrefix("sealed:") == true)
        #expect(try await f.webhooks.signingSecret(f.scope, endpoint.id) == "whsec_plainCurrent")
        #expect(try await f.webhooks.sealStoredSecrets() == 0, "nothing left to seal")
        await f.stop()
    }

    @Test func secretsSealedUnderAnotherKey_stopTheStart_untilARotationResealsThem() async throws {
        let f = try await WebhooksFixture()
        let endpoint = try await f.webhooks.createEndpoint(f.scope, NewWebhookEndpoint(url: "https://8.8.8.8/in", events: ["user.created"]))
        var settings = Webhooks.Settings()
        settings.masterKey = .generate()
        let rekeyed = Webhooks(database: f.database, transport: HTTPClientTransport(allowPrivateTargets: true), settings: settings)
        do {
            try await rekeyed.sealStoredSecrets()
            Issue.record("started under another key")
        } catch let error as SealingError {
            #expect(error.code == .sealedUnderAnotherKey && error.message.contains("master-key rotate"))
        }
        #expect(try await f.webhooks.resealStoredSecrets(under: settings.masterKey!) == 1)
        #expect(try await rekeyed.sealStoredSecrets() == 0)
        #expect(try await rekeyed.signingSecret(f.scope, endpoint.id) == endpoint.secret)
        #expect(try await f.webhooks.resealStoredSecrets(under: settings.masterKey!) == 0, "a second run finds nothing to do")
        await f.stop()
    }
}
