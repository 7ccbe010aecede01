/// `POST /v1/wl/webhook-endpoints/:id/rotate-secret`.
struct RotateSecretRequest: Decodable {
    let expireOldInSeconds: Int64

    enum CodingKeys: String, CodingKey, CaseIterable { case expireOldInSeconds = "expire_old_in_seconds" }
}

/// `POST /v1/wl/webhook-endpoints/:id/test`.
struct TestEventRequest: Decodable {
    let type: String
}
