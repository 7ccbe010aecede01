import Kernel

// The JSON of Accounts' answers and events on the hot path (`GET /v1/wl/me`, the user routes, `user.created`), written
// without an `Encoder`.
// Each writes exactly what its `Encodable` conformance writes through `JSON.encoder` (AccountsJSONTests hold them
// to it): keys sorted, nil optionals left out.

extension Operator: JSONWritable {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("created_at", createdAt)
            json.field("id", id)
            json.field("limits", limits)
            json.field("login_base_url", loginBaseURL)
            json.field("name", name)
            json.field("object", object)
            json.field("slug", slug)
            json.field("strategy_day_price_paise", strategyDayPricePaise)
            json.field("tier", tier)
            json.field("updated_at", updatedAt)
        }
    }
}

extension APIKeyInfo: JSONWritable {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("created_at", createdAt)
            json.field("expires_at", expiresAt)
            json.field("id", id)
            json.field("last_used_at", lastUsedAt)
            json.field("masked", masked)
            json.field("mode", mode)
            json.field("object", object)
        }
    }
}

extension User: JSONWritable {
    public func write(to json: inout JSONWriter) {
        json.object { json in writeMembers(to: &json, loginLink: nil) }
    }

    public var jsonSizeHint: Int { Self.typicalJSONSize }

    /// A user writes about 250 bytes, 450 with a broker link: enough for most pages at once.
    static let typicalJSONSize = 384

    /// The members in key order, with a created user's login link among them where its keys sort.
    func writeMembers(to json: inout JSONWriter, loginLink: (url: String, expiresAt: Timestamp)?) {
        json.field("broker", broker)
        json.field("created_at", createdAt)
        json.field("deleted_at", deletedAt)
        json.field("email", email)
        json.field("external_id", externalID)
        json.field("id", id)
        json.field("livemode", livemode)
        if let loginLink {
            json.field("login_url", loginLink.url)
            json.field("login_url_expires_at", loginLink.expiresAt)
        }
        json.field("name", name)
        json.field("object", object)
        json.field("phone", phone)
        json.field("plan_id", planID)
        json.field("purge_after", purgeAfter)
        json.field("status", status)
    }
}

extension BrokerStatus: JSONWritable {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("client_code_masked", clientCodeMasked)
            json.field("connected_at", connectedAt)
            json.field("disconnect_reason", disconnectReason)
            json.field("expires_at", expiresAt)
            json.field("name", name)
            json.field("status", status)
        }
    }
}

extension CreatedUser: JSONWritable {
    public func write(to json: inout JSONWriter) {
        json.object { json in user.writeMembers(to: &json, loginLink: (loginURL, loginURLExpiresAt)) }
    }
}

extension UserCreatedPayload: JSONWritable {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("source", source)
            json.field("user", user)
        }
    }
}
