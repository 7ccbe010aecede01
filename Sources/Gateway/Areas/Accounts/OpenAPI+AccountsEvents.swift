import Accounts
import HTTPAPI

/// The webhook events Accounts fires, as receivers get them.
extension Routes {
    public static let accountsWebhooks: [OpenAPIWebhook] = [
        .event(AccountsEvent.userCreated, named: "UserCreatedEvent", summary: "A client signed up through the branded login or was created through the API", tag: "Users",
               data: .component("UserCreatedData", JSONSchema.object([
                   "user": OpenAPISchema.user.reference, "source": JSONSchema.oneOf(["api", "signup"]),
               ], required: ["user", "source"]), uses: [.user])),
        .event(AccountsEvent.userBrokerConnected, named: "UserBrokerConnectedEvent", summary: "A client linked a broker account", tag: "Client",
               data: .component("BrokerConnectedData", JSONSchema.object([
                   "user_id": JSONSchema.string, "broker": JSONSchema.string,
                   "client_code_masked": ["type": "string", "examples": ["AB****34"]], "expires_at": JSONSchema.nullableDateTime,
               ], required: ["user_id", "broker", "client_code_masked"]))),
        .event(AccountsEvent.brokerDisconnected, named: "BrokerDisconnectedEvent", summary: "A client's broker authorisation expired or was revoked", tag: "Client",
               data: .component("BrokerDisconnectedData", JSONSchema.object([
                   "user_id": JSONSchema.string, "broker": JSONSchema.string, "reason": JSONSchema.oneOf(["revoked", "expired"]),
               ], required: ["user_id", "broker", "reason"]))),
    ]
}
