import Accounts
import Kernel
import Testing
import TestSupport

/// The generated admin token when several replicas start on a fresh database at once.
@Suite(.databases) struct AdminTokenReplicaTests {
    @Test func twoReplicasStartingAtOnce_generateOneAdminToken_andBothAcceptIt() async throws {
        let (test, clock) = (TestDatabase(), ManualClock())
        let first = try test.open(clock: clock)
        try await first.migrate(AccountsSchema.migrations)
        let second = try test.open(clock: clock)
        try await second.write { _ in }  // connected, so that both replicas start their first transaction at once
        let replicas = [Accounts(database: first), Accounts(database: second)]
        let generated = try await withThrowingTaskGroup(of: String?.self) { group in
            for replica in replicas { group.addTask { try await replica.prepareAdminToken(configured: nil) } }
            return try await group.reduce(into: [String]()) { if let token = $1 { $0.append(token) } }
        }
        #expect(generated.count == 1, "one replica prints the token, the other finds it stored")
        for replica in replicas { #expect(await replica.isAdminToken(try #require(generated.first))) }
    }
}
