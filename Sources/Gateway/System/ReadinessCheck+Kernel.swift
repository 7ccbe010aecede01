import Kernel

/// The standard checks of the Kernel's moving parts.
extension ReadinessCheck {
    /// The database answers a trivial query.
    public static func database(_ database: Database) -> ReadinessCheck {
        ReadinessCheck("database") {
            _ = try await database.read { try $0.scalar("SELECT 1", as: Int.self) }
        }
    }

    /// Every module's schema is at least at the version `expected` lists (a binary newer than its database is not
    /// ready; `migrate` has not run).
    public static func migrations(_ database: Database, expected: [Migration]) -> ReadinessCheck {
        let required = Dictionary(expected.map { ($0.module, $0.version) }, uniquingKeysWith: max)
        return ReadinessCheck("migrations") {
            let applied = try await database.appliedMigrations()
            let behind = required.filter { applied[$0.key, default: 0] < $0.value }.keys.sorted()
            guard behind.isEmpty else { throw ReadinessFailure("Migrations pending for: \(behind.joined(separator: ", ")).") }
        }
    }

    /// The event bus is feeding its subscribers.
    public static func bus(_ bus: EventBus) -> ReadinessCheck {
        ReadinessCheck("bus") {
            guard await bus.isRunning else { throw ReadinessFailure("The event bus is not running.") }
        }
    }
}
