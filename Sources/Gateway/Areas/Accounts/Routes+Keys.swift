import Accounts
import HTTPAPI
import HTTPServer
import Kernel

extension Routes {
    /// Who am I, and the operator's API keys.
    public static func keys(_ accounts: Accounts) -> [Route] {
        [
            Route(.get, "/v1/wl/me", auth: .operatorKey, operation: .getMe) { context in
                let scope = try context.scope
                let (op, key) = try await accounts.operatorAndKey(operatorID: scope.operatorID, keyID: context.principal?.subject ?? "")
                return .json(writing: Me(operator: op, livemode: scope.isLive, mode: scope.mode, key: key))
            },
            Route(.get, "/v1/wl/api-keys", auth: .operatorKey, operation: .listAPIKeys) { context in
                try .json(encoding: Page(data: try await accounts.listKeys(operatorID: try context.scope.operatorID), hasMore: false))
            },
            Route(.post, "/v1/wl/api-keys/rotate", auth: .currentOperatorKey, operation: .rotateAPIKey) { context in
                let body = try context.decode(RotateKeyRequest.self)
                let issued = try await accounts.rotateKey(try context.scope, mode: body.mode, grace: .seconds(body.expireOldInSeconds))
                return try .json(encoding: issued, status: 201)
            },
        ]
    }
}

/// `GET /v1/wl/me`: which operator, which mode, which key.
struct Me: JSONWritable {
    var object = "me"
    let `operator`: Operator
    let livemode: Bool
    let mode: Mode
    let key: APIKeyInfo?

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("key", key)
            json.field("livemode", livemode)
            json.field("mode", mode)
            json.field("object", object)
            json.field("operator", `operator`)
        }
    }
}
