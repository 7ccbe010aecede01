import Accounts
import Assembly
import Kernel

extension Services {
    /// A new operator with `count` clients on its default live plan, created through Accounts in batches of 100 (each
    /// client its own `user.created`), once the bus has delivered them all.
    func operatorWithClients(_ count: Int, slug: String) async throws -> (created: CreatedOperator, scope: TenantScope, plan: String) {
        let created = try await accounts.createOperator(NewOperator(name: slug, slug: slug))
        let scope = TenantScope(operatorID: created.operator.id, mode: .live)
        let plan = try await accounts.listPlans(scope)[0].id
        for batch in stride(from: 0, to: count, by: 100) {
            let users = (batch..<min(batch + 100, count)).map { NewUser(email: "client\($0)@\(slug).test", phone: "+919800000000", planID: plan) }
            for case .failure(let error) in await accounts.createUsers(scope, users) { throw error }
        }
        try await bus.drain()
        return (created, scope, plan)
    }
}
