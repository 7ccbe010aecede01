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
        .event(AccountsEvent.apiKeyRotated, named: "APIKeyRotatedEvent", summary: "An API key was rotated",
               description: "The keys it retired keep working until `previous_keys_expire_at` (at once when no grace was given).", tag: "Keys",
               data: .component("APIKeyRotatedData", JSONSchema.object([
                   "mode": JSONSchema.mode, "key_id": JSONSchema.string, "masked": JSONSchema.string,
                   "previous_key_ids": ["type": "array", "items": JSONSchema.string], "previous_keys_expire_at": JSONSchema.dateTime,
               ], required: ["mode", "key_id", "masked", "previous_key_ids", "previous_keys_expire_at"]))),
        .event(AccountsEvent.apiKeyExpiring, named: "APIKeyExpiringEvent", summary: "A rotated-out API key stops working within the hour",
               description: """
                   Sent once as a rotated-out key's last hour begins (`one_hour_left`; on the next minute's pass when the \
                   rotation gave less than an hour), and once more if a request used the key after that (`still_in_use`): \
                   something still holds it. A key rotated out with no grace gets none.
                   """,
               tag: "Keys",
               data: .component("APIKeyExpiringData", JSONSchema.object([
                   "mode": JSONSchema.mode, "key_id": JSONSchema.string, "masked": JSONSchema.string,
                   "expires_at": JSONSchema.dateTime, "last_used_at": JSONSchema.nullableDateTime,
                   "reason": JSONSchema.oneOf(["one_hour_left", "still_in_use"]),
               ], required: ["mode", "key_id", "masked", "expires_at", "last_used_at", "reason"]))),
    ]
}
