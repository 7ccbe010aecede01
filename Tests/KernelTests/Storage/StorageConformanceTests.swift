import Foundation
import Kernel
import Testing
import TestSupport

/// What every storage engine promises (``StorageEngine``), on the engine this run tests: SQLite, or PostgreSQL in
/// the second pass of `scripts/test`.
@Suite(.databases) struct StorageConformanceTests {
    func open() throws -> Database {
        try TestDatabase().open(clock: ManualClock())
    }

    @Test func migrate_appliesEachModuleOnceInVersionOrder() async throws {
        let migrations = [
            Migration(module: "b", version: 2, sql: "ALTER TABLE b ADD COLUMN two INTEGER"),
            Migration(module: "a", version: 1, sql: "CREATE TABLE a(x INTEGER)"),
            Migration(module: "b", version: 1, sql: "CREATE TABLE b(one INTEGER)"),
        ]
        let test = TestDatabase()
        let db = try test.open(clock: ManualClock())
        let first = try await db.migrate(migrations)
        #expect(first.map { "\($0.module)\($0.version)" } == ["a1", "b1", "b2"])
        #expect(try await db.migrate(migrations).isEmpty)
        #expect(try await db.appliedMigrations() == ["kernel": 3, "a": 1, "b": 2])

        let reopened = try test.open(clock: ManualClock())
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
        await #expect(throws: StorageError.self) { try await db.read { try $0.query("SELECT * FROM half") } }
        #expect(try await db.read { try $0.scalar("SELECT COUNT(*) FROM ok", as: Int.self) } == 0)
    }

    @Test func migrate_runsTheVariantOfTheEngineItRunsOn() async throws {
        let db = try open()
        let other: SQLDialect = db.dialect == .sqlite ? .postgres : .sqlite
        try await db.migrate([Migration(module: "v", version: 1, sql: "CREATE TABLE shared(x INTEGER)", variants: [
            db.dialect: "CREATE TABLE mine(x INTEGER)", other: "CREATE TABLE theirs(x INTEGER)",
        ])])
        #expect(try await db.read { try $0.scalar("SELECT COUNT(*) FROM mine", as: Int.self) } == 0)
        await #expect(throws: StorageError.self) { try await db.read { try $0.query("SELECT * FROM shared") } }
        await #expect(throws: StorageError.self) { try await db.read { try $0.query("SELECT * FROM theirs") } }
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
        let texts = ["ab\u{0}cd", "\u{0}", "", "é\u{0}😀", "\u{10FFFF}0", "\u{10FFFF}\u{0}\u{10FFFF}"]
        try await db.write { tx in
            for (k, text) in texts.enumerated() { try tx.execute("INSERT INTO t VALUES (?, ?, ?)", [k, text, [UInt8]()]) }
        }
        let rows = try await db.read { try $0.query("SELECT s, b FROM t ORDER BY k") }
        #expect(try rows.map { try $0.get("s", as: String.self) } == texts)
        #expect(rows.map { $0["b"] } == Array(repeating: .blob([]), count: texts.count))  // "" and empty blobs are not NULL
        for (k, text) in texts.enumerated() {
            #expect(try await db.read { try $0.scalar("SELECT k FROM t WHERE s = ?", [text], as: Int.self) } == k)
        }
    }

    @Test func booleans_bindAsTruthValuesAndAsIntegers() async throws {
        let db = try open()
        try await db.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(k INTEGER, flag INTEGER, note TEXT)")])
        try await db.write { tx in
            try tx.execute("INSERT INTO t VALUES (1, ?, 'kept')", [true])
            try tx.execute("INSERT INTO t VALUES (2, ?, 'kept')", [false])
            try tx.execute("UPDATE t SET note = CASE WHEN ? THEN NULL ELSE note END WHERE k = 1", [true])
        }
        let rows = try await db.read { try $0.query("SELECT flag, note FROM t ORDER BY k") }
        #expect(try rows.map { try $0.get("flag", as: Bool.self) } == [true, false])
        #expect(try rows.map { try $0.get("note", as: String?.self) } == [nil, "kept"])
    }

    @Test func nullArguments_keepTheirTypeWhereTheStatementCannotInferIt() async throws {
        let db = try open()
        try await db.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(k INTEGER, done_at INTEGER)")])
        try await db.write { tx in
            try tx.execute("INSERT INTO t VALUES (1, NULL), (2, NULL)")
            try tx.execute("UPDATE t SET done_at = CASE WHEN ? IS NULL THEN ? ELSE NULL END WHERE k = 1", [Int?.none, 42])
            try tx.execute("UPDATE t SET done_at = CASE WHEN ? IS NULL THEN ? ELSE NULL END WHERE k = 2", [Int?.some(1), 42])
        }
        let done = try await db.read { try $0.query("SELECT done_at FROM t ORDER BY k").map { try $0.get("done_at", as: Int?.self) } }
        #expect(done == [42, nil])
    }

    @Test func sqliteIsms_modulesUse_workOnEveryEngine() async throws {
        let db = try open()
        try await db.migrate([Migration(module: "t", version: 1, sql: """
            CREATE TABLE t(seq INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, low INTEGER, high INTEGER);
            CREATE TABLE queue(seq INTEGER PRIMARY KEY, item TEXT)
            """)])
        let (inserted, ignored, numbers) = try await db.write { tx in
            try tx.execute("INSERT OR IGNORE INTO t(name, low, high) VALUES (?, ?, ?)", ["a", 5, 5])
            let inserted = tx.changes
            try tx.execute("INSERT OR IGNORE INTO t(name, low, high) VALUES (?, ?, ?)", ["a", 9, 9])
            let ignored = tx.changes
            try tx.execute("INSERT INTO t(name, low, high) VALUES ('b', 1, 1)")
            try tx.execute("UPDATE t SET low = MIN(low, ?), high = MAX(high, ?)", [3, 7])
            try tx.execute("INSERT INTO queue(item) VALUES ('x'), ('y')")
            return (inserted, ignored, try tx.query("SELECT seq FROM queue ORDER BY seq").map { try $0.get("seq", as: Int.self) })
        }
        #expect(inserted == 1 && ignored == 0)
        #expect(numbers == [1, 2])
        // Numbers keep insertion order; an ignored row may use one up (PostgreSQL's identity does).
        let rows = try await db.read { try $0.query("SELECT seq, name, low, high, IFNULL(NULL, name) AS same FROM t ORDER BY seq") }
        #expect(try rows.map { try $0.get("name", as: String.self) } == ["a", "b"])
        #expect(try rows.map { try $0.get("low", as: Int.self) } == [3, 1])
        #expect(try rows.map { try $0.get("high", as: Int.self) } == [7, 7])
        #expect(try rows.map { try $0.get("same", as: String.self) } == ["a", "b"])
    }

    @Test func aggregates_ofIntegerColumns_readAsIntegers() async throws {
        let db = try open()
        try await db.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(paise INTEGER)")])
        try await db.write { tx in for p in [Int64.max / 4, 2, 3] { try tx.execute("INSERT INTO t VALUES (?)", [p]) } }
        let row = try await db.read { try $0.queryOne("SELECT SUM(paise) AS total, COUNT(*) AS n, MAX(paise) AS most FROM t")! }
        #expect(try row.get("total", as: Int64.self) == Int64.max / 4 + 5)
        #expect(try row.get("n", as: Int.self) == 3)
        #expect(try row.get("most", as: Int64.self) == Int64.max / 4)
    }

    @Test func close_refusesLaterReadsAndWrites_withTheClosedCode() async throws {
        let db = try open()
        try await db.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(x INTEGER)")])
        try await db.write { try $0.execute("INSERT INTO t VALUES (1)") }
        await db.close()
        await #expect { try await db.write { try $0.execute("INSERT INTO t VALUES (2)") } } throws: { ($0 as? StorageError)?.code == .closed }
        await #expect { try await db.read { try $0.query("SELECT x FROM t") } } throws: { ($0 as? StorageError)?.code == .closed }
    }
}
