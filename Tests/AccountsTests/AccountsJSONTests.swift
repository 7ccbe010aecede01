@testable import Accounts
import Kernel
import Testing

/// The hot routes answer with `JSONWriter`; these hold each writer to the bytes `JSON.encoder` gives the same value.
@Suite struct AccountsJSONTests {
    let at = Timestamp(milliseconds: 1_790_000_000_123)

    func encoded(_ value: some Encodable) throws -> [UInt8] { Array(try JSON.encode(value)) }

    var fullUser: User {
        User(id: "usr_1", email: "asha@example.com", phone: "+919876543210", name: "Asha \"A\" Rao", externalID: "ext/7",
             planID: "plan_1", status: "deleted", livemode: true, createdAt: at, deletedAt: at + .seconds(5), purgeAfter: at + .seconds(86_400),
             broker: BrokerStatus(name: "zerodha", status: "disconnected", clientCodeMasked: "AB****34", connectedAt: at,
                                  expiresAt: at + .seconds(60), disconnectReason: "revoked"))
    }

    var bareUser: User {
        User(id: "usr_2", email: nil, phone: nil, name: nil, externalID: nil, planID: "plan_1", status: "active", livemode: false,
             createdAt: at, deletedAt: nil, purgeAfter: nil,
             broker: BrokerStatus(name: "dhan", status: "connected", clientCodeMasked: nil, connectedAt: at, expiresAt: nil, disconnectReason: nil))
    }

    @Test func user_writesWhatItsEncoderWrites_withEveryFieldAndWithNone() throws {
        #expect(JSONWriter.encode(fullUser) == (try encoded(fullUser)))
        #expect(JSONWriter.encode(bareUser) == (try encoded(bareUser)))
        let page = Page(data: [fullUser, bareUser], hasMore: true)
        #expect(JSONWriter.encode(page) == (try encoded(page)))
    }

    @Test func createdUser_placesTheLoginLinkAmongTheUsersKeys() throws {
        let created = CreatedUser(user: bareUser, loginURL: "https://acme.app.example/login?token=lt_x", loginURLExpiresAt: at)
        #expect(JSONWriter.encode(created) == (try encoded(created)))
    }

    @Test func userCreatedPayload_writesWhatItsEncoderWrites() throws {
        let payload = UserCreatedPayload(user: fullUser, source: "api")
        #expect(JSONWriter.encode(payload) == (try encoded(payload)))
        let event = NewEvent(type: AccountsEvent.userCreated, tenant: "op_1", mode: .live, writing: payload)
        #expect(event.payload == (try NewEvent(type: AccountsEvent.userCreated, tenant: "op_1", mode: .live, payload: payload).payload))
    }

    @Test func operatorAndKey_writeWhatTheirEncodersWrite() throws {
        let op = Operator(id: "op_1", slug: "acme", name: "Acme", tier: "scale", loginBaseURL: "https://acme.example/login",
                          limits: ["requests_per_minute": 5000, "requests_per_day": 1_000_000], strategyDayPricePaise: 1500,
                          createdAt: at, updatedAt: at + .seconds(1))
        #expect(JSONWriter.encode(op) == (try encoded(op)))
        let current = APIKeyInfo(id: "key_1", mode: .live, masked: "tt_wl_acme_live_…abcd", createdAt: at, lastUsedAt: nil, expiresAt: nil)
        let retiring = APIKeyInfo(id: "key_2", mode: .test, masked: "tt_wl_acme_test_…wxyz", createdAt: at, lastUsedAt: at, expiresAt: at + .seconds(9))
        #expect(JSONWriter.encode(current) == (try encoded(current)))
        #expect(JSONWriter.encode(retiring) == (try encoded(retiring)))
    }
}
