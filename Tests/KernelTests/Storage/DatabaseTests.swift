import Foundation
import Kernel
import Testing

@Suite struct DatabaseTests {
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

    @Test func migrate_appliesEachModuleOnceInVersionOrder() async throws {
        let migrations = [
            Migration(module: "b", version: 2, sql: "ALTER TABLE b ADD COLUMN two INTEGER"),
            Migration(module: "a", version: 1, sql: "CREATE TABLE a(x INTEGER)"),
            Migration(module: "b", version: 1, sql: "CREATE TABLE b(one INTEGER)"),
        ]
        let db = try open()
        let first = try await db.migrate(migrations)
        #expect(first.map { "\($0.module)\($0.version)" } == ["a1", "b1", "b2"])
        #expect(try await db.migrate(migrations).isEmpty)
        #expect(try await db.appliedMigrations() == ["kernel": 2, "a": 1, "b": 2])

        let reopened = try open()
        let later = migrations + [Migration(module: "a", version: 2, sql: "ALTER TABLE a ADD COLUMN y TEXT")]
        #expect(try await reopened.migrate(later).map(\.version) == [2])
    }

    @Test func migrate_failingStepLeavesNoTraceOfIt() async throws {
        let db = try open()
        let bad = [
            Migration(module: "m", version: 1, sql: "CREATE TABLE ok(x INTEGER)"),
            Migration(module: "m", version: 2, sql: "CREATE TABLE half(x INTEGER); SELECT * FROM missing_table"),
        ]
        await #expect(throws: StorageError.self) { try await db.migrate(bad) }
        #expect(try await db.appliedMigrations()["m"] == 1)
        let half = try await db.read { try $0.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'", as: Int.self) }
        #expect(half == 0)
    }

    @Test func write_whenBodyThrows_rollsBackRowsAndEvents() async throws {
        let db = try open()
        try await db.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(x INTEGER)")])
        await #expect(throws: TestFailure.self) {
            try await db.write { tx in
                try tx.execute("INSERT INTO t VALUES (1)")
                try tx.publish(.ping(1))
                throw TestFailure(message: "boom")
            }
        }
        let counts = try await db.read { tx in
            (try tx.scalar("SELECT COUNT(*) FROM t", as: Int.self), try tx.scalar("SELECT COUNT(*) FROM bus_events", as: Int.self))
        }
        #expect(counts.0 == 0)
        #expect(counts.1 == 0)
    }

    @Test func write_reportsUniqueViolationsAsSuch() async throws {
        let db = try open()
        try await db.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(x INTEGER PRIMARY KEY)")])
        try await db.write { try $0.execute("INSERT INTO t VALUES (1)") }
        do {
            try await db.write { try $0.execute("INSERT INTO t VALUES (1)") }
            Issue.record("expected a constraint error")
        } catch let error as StorageError {
            #expect(error.code == .uniqueViolation)
        }
    }

    @Test func write_reportsOtherConstraintFailuresWithTheirOwnCode() async throws {
        let db = try open()
        try await db.migrate([Migration(module: "t", version: 1, sql: """
            CREATE TABLE parent(id INTEGER PRIMARY KEY);
            CREATE TABLE child(id INTEGER PRIMARY KEY, parent INTEGER NOT NULL REFERENCES parent(id))
            """)])
        for sql in ["INSERT INTO child VALUES (1, 42)", "INSERT INTO child VALUES (1, NULL)"] {
            await #expect { try await db.write { try $0.execute(sql) } } throws: { ($0 as? StorageError)?.code == .constraintViolation }
        }
    }

    @Test func typedValues_roundTrip() async throws {
        let db = try open()
        try await db.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(i INTEGER, s TEXT, b BLOB, r REAL, n TEXT, ts INTEGER, m TEXT)")])
        let row = try await db.write { tx in
            try tx.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [Int64.max, "héllo", [UInt8]([0, 255]), 1.5, String?.none, Timestamp(milliseconds: 42), Mode.test])
            return try tx.queryOne("SELECT * FROM t")!
        }
        #expect(try row.get("i", as: Int64.self) == .max)
        #expect(try row.get("s", as: String.self) == "héllo")
        #expect(try row.get("b", as: [UInt8].self) == [0, 255])
        #expect(try row.get("r", as: Double.self) == 1.5)
        #expect(try row.get("n", as: String?.self) == nil)
        #expect(try row.get("ts", as: Timestamp.self) == Timestamp(milliseconds: 42))
        #expect(try row.get("m", as: Mode.self) == .test)
        #expect { try row.get("s", as: Int.self) } throws: { ($0 as? StorageError)?.code == .invalidValue }
    }

    @Test func get_atAPosition_readsTheSelectsColumnAndNamesItWhenTheTypeDiffers() async throws {
        let db = try open()
        let row = try await db.read { tx in try tx.queryOne("SELECT 7 AS i, 'seven' AS s, NULL AS n")! }
        #expect(try row.get(at: 0, as: Int.self) == 7)
        #expect(try row.get(at: 1, as: String.self) == "seven")
        #expect(try row.get(at: 2, as: String?.self) == nil)
        #expect { try row.get(at: 1, as: Int.self) } throws: { error in
            let error = error as? StorageError
            return error?.code == .invalidValue && error?.message.contains("column s") == true
        }
    }

    @Test func migrate_whenAModuleSkipsAVersion_refusesWithoutApplyingAnything() async throws {
        let db = try open()
        let gap = [Migration(module: "g", version: 1, sql: "CREATE TABLE g(x INTEGER)"), Migration(module: "g", version: 3, sql: "SELECT 1")]
        await #expect { try await db.migrate(gap) } throws: { ($0 as? StorageError)?.code == .invalidMigration }
        #expect(try await db.appliedMigrations()["g"] == nil)
    }

    @Test func text_withNULCharacters_isStoredAndReadWhole() async throws {
        let db = try open()
        try await db.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(k INTEGER, s TEXT, b BLOB)")])
        let texts = ["ab\u{0}cd", "\u{0}", "", "é\u{0}😀"]
        try await db.write { tx in
            for (k, text) in texts.enumerated() { try tx.execute("INSERT INTO t VALUES (?, ?, ?)", [k, text, [UInt8]()]) }
        }
        let rows = try await db.read { try $0.query("SELECT s, length(CAST(s AS BLOB)) AS bytes, typeof(s) AS type, typeof(b) AS blob FROM t ORDER BY k") }
        #expect(try rows.map { try $0.get("s", as: String.self) } == texts)
        #expect(try rows.map { try $0.get("bytes", as: Int.self) } == texts.map(\.utf8.count))
        #expect(try rows.map { try $0.get("type", as: String.self) } == ["text", "text", "text", "text"])  // "" is not NULL
        #expect(try rows.map { try $0.get("blob", as: String.self) } == ["blob", "blob", "blob", "blob"])  // nor is an empty blob
        let found = try await db.read { try $0.scalar("SELECT k FROM t WHERE s = ?", ["ab\u{0}cd"], as: Int.self) }
        #expect(found == 0)
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
