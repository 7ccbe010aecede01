import Foundation
@testable import Kernel
import Testing
import TestSupport

/// Checkpoints on a thread of their own (``SQLiteCheckpointer``): the writer's commits no longer copy the WAL into
/// the database file, yet the WAL stays bounded and nothing committed is lost.
@Suite(.databases) struct SQLiteCheckpointerTests {
    let folder = TemporaryDirectory()

    func open(_ thresholds: SQLiteCheckpointer.Thresholds) throws -> SQLiteEngine {
        try SQLiteEngine(path: folder.file("db.sqlite"), clock: ManualClock(), settings: StorageSettings(), checkpoints: thresholds)
    }

    /// Writes `count` transactions of one 8 KiB row each (three new pages or so per commit).
    func write(_ count: Int, to database: Database) async throws {
        try await database.write { tx in try tx.execute("CREATE TABLE IF NOT EXISTS blobs(id INTEGER PRIMARY KEY, body BLOB)") }
        for _ in 0..<count {
            try await database.write { tx in try tx.execute("INSERT INTO blobs(body) VALUES (?)", [[UInt8](repeating: 7, count: 8192)]) }
        }
    }

    var walPages: Int {
        let size = (try? FileManager.default.attributesOfItem(atPath: folder.file("db.sqlite-wal"))[.size] as? Int) ?? 0
        return size / 4096
    }

    @Test func pastTheBackgroundThreshold_theCheckpointerThreadCopiesTheWAL_andEveryRowSurvivesAReopen() async throws {
        let engine = try open(SQLiteCheckpointer.Thresholds(background: 8, inline: 1_000_000))
        let database = Database(engine: engine)
        try await write(20, to: database)
        // Closing lets the thread run the checkpoint it was asked for before it ends.
        await database.close()
        #expect(engine.checkpointer.checkpoints >= 1)
        let reopened = try Database(path: folder.file("db.sqlite"), clock: ManualClock())
        #expect(try await reopened.read { tx in try tx.scalar("SELECT COUNT(*) FROM blobs", as: Int.self) } == 20)
        #expect(try await reopened.integrityCheck() == ["ok"])
    }

    @Test func underWritesThatNeverPause_theWriterCheckpointsPastTheInlineThreshold_soTheWALStartsOver() async throws {
        // No background checkpoint at all: only the writer's own bounds the WAL.
        let database = Database(engine: try open(SQLiteCheckpointer.Thresholds(background: 1_000_000, inline: 32)))
        try await write(100, to: database)
        #expect(walPages < 32 + 8, "the WAL started over instead of growing to some 300 pages")
        #expect(try await database.read { tx in try tx.scalar("SELECT COUNT(*) FROM blobs", as: Int.self) } == 100)
    }

    @Test func withoutCheckpoints_theWALWouldGrow() async throws {
        let database = Database(engine: try open(SQLiteCheckpointer.Thresholds(background: 1_000_000, inline: 1_000_000)))
        try await write(100, to: database)
        #expect(walPages > 200, "SQLite's own automatic checkpoint is off: the checkpointer replaces it")
    }
}
