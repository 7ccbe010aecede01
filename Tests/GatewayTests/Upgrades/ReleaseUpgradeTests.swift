import APITestSupport
import Foundation
@testable import Gateway
import HTTPServer
import Kernel
import Testing
import TestSupport

/// A database written by an earlier release opens under this build and loses nothing. Each release that changes
/// the schema adds its own file to `Tests/Upgrades` (made by `Tests/Upgrades/make-fixture.py`, see the README
/// there) and its name to the arguments below.
@Suite(.databases) struct ReleaseUpgradeTests {
    /// What the fixture's maker recorded while it made the file (`release-VERSION.json`).
    struct Facts: Decodable {
        struct Keys: Decodable {
            let live: String
            let liveRotatedOut: String
            let test: String
        }
        struct Users: Decodable {
            let live: [String]
            let test: [String]
        }
        struct Endpoint: Decodable {
            let id: String
            let secret: String
        }
        struct Wallet: Decodable {
            struct Entry: Decodable, Equatable {
                let type: String
                let amountPaise: Int64
            }
            let balancePaise: Int64
            let entries: [Entry]
        }
        let clockMs: Int64
        let operatorId: String
        let keys: Keys
        let users: Users
        let webhookEndpoint: Endpoint
        let liveStrategies: [String]
        let deliveries: [String]
        let events: [String]
        let wallet: Wallet
    }

    static let folder = RepositoryFiles.root.appendingPathComponent("Tests/Upgrades")

    /// A copy of the release's file in a temp folder (the committed file is never opened for writing).
    static func open(_ release: String) throws -> (path: String, facts: Facts) {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let facts = try decoder.decode(Facts.self, from: Data(contentsOf: folder.appendingPathComponent("\(release).json")))
        let copy = NSTemporaryDirectory() + "upgrade-tests-" + UUID().uuidString + "/db.sqlite"
        try FileManager.default.createDirectory(atPath: (copy as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: folder.appendingPathComponent("\(release).db3"), to: URL(fileURLWithPath: copy))
        return (copy, facts)
    }

    static func object(_ response: HTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any], "\(response.text)")
    }

    static func ids(_ response: HTTPResponse) throws -> Set<String> {
        Set(try #require(try object(response)["data"] as? [[String: Any]]).compactMap { $0["id"] as? String })
    }

    @Test(arguments: ["release-0.1.0"])
    func releaseDatabase_opensUnderThisBuildAndKeepsEverything(release: String) async throws {
        let (path, facts) = try Self.open(release)
        let f = try await OperatorAPIFixture(database: TestDatabase(sqliteFile: path), now: Timestamp(milliseconds: facts.clockMs))
        #expect(try await f.database.integrityCheck() == ["ok"])

        // Keys still authenticate: the current live key, the rotated-out one inside its grace, the test key.
        for (key, mode) in [(facts.keys.live, "live"), (facts.keys.liveRotatedOut, "live"), (facts.keys.test, "test")] {
            let me = await f.call(.get, "/v1/wl/me", token: key)
            #expect(me.status == 200, "\(me.text)")
            #expect(try Self.object(me)["mode"] as? String == mode)
        }
        let live = facts.keys.live
        #expect(try Self.ids(await f.call(.get, "/v1/wl/users?limit=100", token: live)) == Set(facts.users.live))
        #expect(try Self.ids(await f.call(.get, "/v1/wl/users?limit=100", token: facts.keys.test)) == Set(facts.users.test))
        #expect(try Self.ids(await f.call(.get, "/v1/wl/webhook-deliveries?limit=100", token: live)) == Set(facts.deliveries))
        #expect(try Self.ids(await f.call(.get, "/v1/wl/events?limit=100", token: live)) == Set(facts.events))

        // The ledger: every entry and the balance.
        let wallet = try Self.object(await f.call(.get, "/v1/wl/wallet", token: live))
        #expect(wallet["balance_paise"] as? Int64 == facts.wallet.balancePaise)
        let entries = try #require(wallet["recent_entries"] as? [[String: Any]]).reversed().map {
            Facts.Wallet.Entry(type: $0["type"] as? String ?? "", amountPaise: $0["amount_paise"] as? Int64 ?? 0)
        }
        #expect(entries == facts.wallet.entries)

        // Live strategies are still live.
        var liveStrategies = Set<String>()
        for user in facts.users.live {
            let list = try #require(try Self.object(await f.call(.get, "/v1/wl/users/\(user)/strategies", token: live))["data"] as? [[String: Any]])
            liveStrategies.formUnion(list.filter { $0["status"] as? String == "live" }.compactMap { $0["id"] as? String })
        }
        #expect(liveStrategies == Set(facts.liveStrategies))

        // The webhook secret reads back as issued (it is stored to be read back, not hashed), and is now sealed: a
        // backup of the upgraded database holds it nowhere in plain text.
        let scope = TenantScope(operatorID: facts.operatorId, mode: .live)
        #expect(try await f.webhooks.signingSecret(scope, facts.webhookEndpoint.id) == facts.webhookEndpoint.secret)
        let backup = path + ".backup"
        try await f.database.backup(to: backup)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
        #expect(bytes.range(of: Data(facts.webhookEndpoint.secret.utf8)) == nil, "the upgraded secret is sealed in place, its plain text wiped")
        #expect(bytes.range(of: Data("whsec_".utf8)) == nil)
    }
}
