import CSQLite
import Foundation
import Kernel
import Testing
import TestSupport

/// What only the SQLite engine does: its pragmas, its defaults, how it stores text, its online backup.
@Suite(.databases) struct SQLiteEngineTests {
    let folder = TemporaryDirectory()

    func open(_ name: String = "db.sqlite") throws -> Database {
        try Database(path: folder.file(name), clock: ManualClock())
    }

    @Test func open_byDefault_writesDurablyInWALWithForeignKeys() async throws {
        let db = try open()
        let (journal, sync, fk) = try await db.write { tx in
            (try tx.scalar("PRAGMA journal_mode", as: String.self), try tx.scalar("PRAGMA synchronous", as: Int.self),
             try tx.scalar("PRAGMA foreign_keys", as: Int.self))
        }
        #expect(journal == "wal")
        #expect(sync == 2)  // FULL
        #expect(fk == 1)
    }

    @Test func threads_carryTheirNamesForTopAndPerf() async throws {
        let db = try open()
        let threadName = { @Sendable in
            (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines)
        }
        #expect(try await db.write { _ in threadName() } == "sqlite-writer")
        #expect(try await db.read { _ in threadName() }?.hasPrefix("sqlite-reader-") == true)
    }

    /// Counting them would take a mutex shared by every connection's thread on each of SQLite's allocations.
    @Test func open_turnsSQLitesMemoryStatisticsOff_soItsAllocationsCountNothing() async throws {
        let db = try open()
        try await db.write { tx in
            try tx.execute("CREATE TABLE notes(body TEXT)")
            try tx.execute("INSERT INTO notes VALUES (?)", [String(repeating: "x", count: 100_000)])
        }
        #expect(try await db.read { try $0.scalar("SELECT length(body) FROM notes", as: Int.self) } == 100_000)
        #expect(sqlite3_memory_used() == 0)
    }

    @Test func replacedAndDeletedValues_leaveNoCopyInTheFileWALOrABackup() async throws {
        let db = try open()
        try await db.write { tx in
            try tx.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")
            try tx.execute("INSERT INTO notes(body) VALUES (?), (?)", ["whsec_replaced-in-place-0123456789", "lt_deleted-0123456789abcdef"])
        }
        try await db.write { tx in
            try tx.execute("UPDATE notes SET body = ? WHERE id = 1", ["sealed:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"])
            try tx.execute("DELETE FROM notes WHERE id = 2")
        }
        try await db.backup(to: folder.file("backup.sqlite"))
        let backup = try Data(contentsOf: URL(fileURLWithPath: folder.file("backup.sqlite")))
        #expect(backup.range(of: Data("whsec_replaced".utf8)) == nil && backup.range(of: Data("lt_deleted".utf8)) == nil)
        let wal = try Data(contentsOf: URL(fileURLWithPath: folder.file("db.sqlite-wal")))
        #expect(wal.range(of: Data("sealed:AAAA".utf8)) != nil, "the WAL holds the pages written")
    }

    @Test func open_withNormalDurability_setsSynchronousNormal() async throws {
        let db = try Database(path: folder.file("normal.sqlite"), clock: ManualClock(), settings: .init(durability: .normal))
        #expect(try await db.write { try $0.scalar("PRAGMA synchronous", as: Int.self) } == 1)
    }

    @Test func settings_byDefault_openAReaderPerCoreAndAtLeastTwo() {
        #expect(SQLiteEngine.Settings().readers == max(2, ProcessInfo.processInfo.activeProcessorCount))
        #expect(SQLiteEngine.Settings().durability == .full)
    }

    @Test func text_withNULCharacters_isStoredAsTextOfItsFullLength() async throws {
        let db = try open()
        try await db.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(k INTEGER, s TEXT, b BLOB)")])
        let texts = ["ab\u{0}cd", "\u{0}", "", "é\u{0}😀"]
        try await db.write { tx in
            for (k, text) in texts.enumerated() { try tx.execute("INSERT INTO t VALUES (?, ?, ?)", [k, text, [UInt8]()]) }
        }
        let rows = try await db.read { try $0.query("SELECT length(CAST(s AS BLOB)) AS bytes, typeof(s) AS type, typeof(b) AS blob FROM t ORDER BY k") }
        #expect(try rows.map { try $0.get("bytes", as: Int.self) } == texts.map(\.utf8.count))
        #expect(try rows.map { try $0.get("type", as: String.self) } == ["text", "text", "text", "text"])  // "" is not NULL
        #expect(try rows.map { try $0.get("blob", as: String.self) } == ["blob", "blob", "blob", "blob"])  // nor is an empty blob
    }

    @Test func backup_copiesALiveDatabaseThatPassesIntegrityCheck() async throws {
        let db = try open()
        try await db.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(x INTEGER)")])
        try await db.write { tx in for i in 0..<100 { try tx.execute("INSERT INTO t VALUES (?)", [i]) } }
        try await db.backup(to: folder.file("copy.sqlite"))
        let copy = try open("copy.sqlite")
        #expect(try await copy.read { try $0.scalar("SELECT COUNT(*) FROM t", as: Int.self) } == 100)
        #expect(try await copy.integrityCheck() == ["ok"])
    }
}
