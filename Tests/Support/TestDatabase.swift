import Foundation
import Kernel
import Testing

/// One test's database, on the engine the suite runs on, and how to open it (again, for a restart).
///
/// SQLite by default: a file in a fresh temp folder. With `OPERATOR_API_TEST_ENGINE=postgres` (the second pass of
/// `scripts/test`), a fresh schema of its own on the PostgreSQL cluster at `OPERATOR_API_TEST_POSTGRES_URL`, so tests
/// stay independent and run in parallel. Asking for PostgreSQL without a URL stops the run: a PostgreSQL pass must
/// never pass without running.
///
/// Only tests under the ``Trait/databases`` trait open one: when the test ends, the trait closes every database
/// it opened and removes it (the folder, or the schema), whatever the test did.
public struct TestDatabase: Sendable {
    /// The engine this run's database-backed tests use.
    public static let engine: SQLDialect = {
        switch ProcessInfo.processInfo.environment["OPERATOR_API_TEST_ENGINE"] ?? "sqlite" {
        case "sqlite": return .sqlite
        case "postgres":
            guard postgresURL != nil else {
                fatalError("OPERATOR_API_TEST_ENGINE=postgres needs OPERATOR_API_TEST_POSTGRES_URL (scripts/test starts a cluster and sets both)")
            }
            return .postgres
        case let other: fatalError("OPERATOR_API_TEST_ENGINE must be sqlite or postgres, not \(other)")
        }
    }()

    /// The PostgreSQL cluster `scripts/test` started for this run; nil when the suite runs without one.
    public static let postgresURL = ProcessInfo.processInfo.environment["OPERATOR_API_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// Why the PostgreSQL-only tests did not run, for their `.enabled(if:)` trait.
    public static let postgresSkipped: Comment = "PostgreSQL tests skipped: OPERATOR_API_TEST_POSTGRES_URL is not set (scripts/test starts a throwaway cluster and sets it)"

    public let location: StorageLocation
    public let settings: StorageSettings
    /// Where a PostgreSQL test keeps its master key (in a temp folder of its own); nil for SQLite, whose key file
    /// is created beside the database.
    public private(set) var masterKeyFile: String?

    /// A fresh database on this run's engine.
    public init() {
        self.init(engine: Self.engine)
    }

    /// A fresh database on `engine`.
    public init(engine: SQLDialect) {
        var settings = StorageSettings(readers: 2)
        switch engine {
        case .sqlite:
            location = .sqlite(path: NSTemporaryDirectory() + "operator-api-tests-" + UUID().uuidString + "/db.sqlite")
        case .postgres:
            guard let url = Self.postgresURL else { fatalError("a PostgreSQL test database needs OPERATOR_API_TEST_POSTGRES_URL") }
            location = .postgres(url: url)
            settings.schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            masterKeyFile = NSTemporaryDirectory() + "operator-api-tests-" + UUID().uuidString + "/master-key"
        }
        self.settings = settings
        isScratch = true
    }

    /// An existing SQLite file (an old release's database, for upgrade tests), left in place at the end.
    public init(sqliteFile path: String) {
        location = .sqlite(path: path)
        settings = StorageSettings(readers: 2)
        isScratch = false
    }

    /// Whether the database is the test's own, removed when the test ends.
    let isScratch: Bool

    /// Opens it (creating it the first time); the test's ``Trait/databases`` scope closes it when the test ends.
    public func open(clock: any WallClock) throws -> Database {
        try adopt(Database(location: location, clock: clock, settings: settings))
    }

    /// The master key of a test on this database, from its file (created, with its folder, the first time).
    public func masterKey() throws -> MasterKey {
        let path = try MasterKeyFile.path(configured: masterKeyFile, for: location)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return try MasterKeyFile.loadOrCreate(path).key
    }

    /// Hands `database`, opened on this test database by other means, to the test's scope to close at its end.
    public func adopt(_ database: Database) -> Database {
        guard let scope = TestDatabaseScope.current else {
            // Nothing would close it: the test fails (the run goes on) and says how to fix it.
            Issue.record("a test opened a database outside the .databases trait: add it to the suite (@Suite(.databases))")
            return database
        }
        scope.add(database, on: self)
        return database
    }
}
