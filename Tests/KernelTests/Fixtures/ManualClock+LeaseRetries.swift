@testable import Kernel

extension ManualClock {
    /// Runs `operation` while moving this clock on by the lease retry interval whenever something sleeps on it, so that
    /// replicas waiting for a lease keep trying until the operation is done.
    func advancingLeaseRetries<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask { [self] in
                while !Task.isCancelled {
                    if sleeperCount > 0 { advance(by: Database.leaseRetryInterval) }
                    await Task.yield()
                }
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            throw CancellationError()
        }
    }
}
