/// Runs readiness checks concurrently and reports each one's outcome in the order given.
enum Readiness {
    struct Outcome: Sendable {
        let check: String
        /// nil when the check passed.
        let error: (any Error)?
    }

    static func run(_ checks: [ReadinessCheck]) async -> [Outcome] {
        await withTaskGroup(of: (Int, Outcome).self) { group in
            for (index, check) in checks.enumerated() {
                group.addTask {
                    do {
                        try await check.probe()
                        return (index, Outcome(check: check.name, error: nil))
                    } catch {
                        return (index, Outcome(check: check.name, error: error))
                    }
                }
            }
            var outcomes = [(Int, Outcome)]()
            for await outcome in group { outcomes.append(outcome) }
            return outcomes.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}
