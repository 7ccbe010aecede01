import Foundation
@testable import Kernel
import TestSupport

/// The engine this run's storage conformance tests exercise (``TestDatabase/engine``), opened directly so the tests
/// can also see its queue.
struct EngineUnderTest {
    let database: Database
    /// Writes waiting for the writer thread (tests use it to line writes up into one group).
    let queuedWrites: @Sendable () -> Int
    /// Counters of the engine.
    let statistics: @Sendable () -> StorageStatistics

    init(_ test: TestDatabase = TestDatabase(), clock: any WallClock = ManualClock()) throws {
        switch test.location {
        case .sqlite(let path):
            let engine = try SQLiteEngine(path: path, clock: clock, settings: test.settings)
            (database, queuedWrites, statistics) = (test.adopt(Database(engine: engine)), { engine.queuedWrites }, { engine.statistics })
        case .postgres(let url):
            let engine = try PostgresEngine(url: url, clock: clock, settings: test.settings)
            (database, queuedWrites, statistics) = (test.adopt(Database(engine: engine)), { engine.queuedWrites }, { engine.statistics })
        }
    }
}
