import Accounts
import Kernel

/// `POST /v1/wl/api-keys/rotate`.
struct RotateKeyRequest: Decodable {
    let mode: Mode?
    let expireOldInSeconds: Int64

    enum CodingKeys: String, CodingKey, CaseIterable { case mode, expireOldInSeconds = "expire_old_in_seconds" }
}

/// `POST /v1/wl/plans`.
struct CreatePlanRequest: Decodable {
    let name: String
    let tier: String?
}

/// `POST /v1/wl/users/bulk`.
struct BulkUsersRequest: Decodable {
    let users: [NewUser]
}

/// `POST /v1/wl/users/:id/login-links`.
struct LoginLinkRequest: Decodable {
    let expiresInSeconds: Int64?

    enum CodingKeys: String, CodingKey, CaseIterable { case expiresInSeconds = "expires_in_seconds" }
}

/// `POST /v1/admin/operators/:id/members`.
struct NewMemberRequest: Decodable {
    let email: String
    let password: String
}

/// `POST /v1/client/login`.
struct ClientLoginRequest: Decodable {
    let token: String
}
