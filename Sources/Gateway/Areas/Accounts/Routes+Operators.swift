import Accounts
import HTTPAPI
import HTTPServer
import Kernel

extension Routes {
    /// The platform admin's operator management.
    public static func operators(_ accounts: Accounts) -> [Route] {
        [
            Route(.post, "/v1/admin/operators", auth: .admin, operation: .createOperator) { context in
                try .json(encoding: try await accounts.createOperator(try context.decode(NewOperator.self)), status: 201)
            },
            Route(.get, "/v1/admin/operators", auth: .admin, operation: .listOperators) { _ in
                try .json(encoding: Page(data: try await accounts.listOperators(), hasMore: false))
            },
            Route(.patch, "/v1/admin/operators/:id", auth: .admin, operation: .updateOperator) { context in
                let update = try context.decode(OperatorUpdate.self)
                return try .json(encoding: try await accounts.updateOperator(try context.parameters.require("id", prefix: .operator), update))
            },
            Route(.post, "/v1/admin/operators/:id/members", auth: .admin, operation: .createMember) { context in
                let body = try context.decode(NewMemberRequest.self)
                let member = try await accounts.addMember(
                    operatorID: try context.parameters.require("id", prefix: .operator), email: body.email, password: body.password)
                return try .json(encoding: member, status: 201)
            },
        ]
    }
}
