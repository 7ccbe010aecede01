@testable import Assembly
import Foundation
import Kernel
import Testing
import TestSupport

/// `copy`'s engine work: an SQLite database, migrated like an installation plus a table of every value class,
/// copied into a PostgreSQL schema of the throwaway cluster. Skipped (and saying so) without one.
@Suite(.enabled(if: TestDatabase.postgresURL != nil, TestDatabase.postgresSkipped), .databases)
struct DatabaseCopyTests {
    /// Every value class SQLite stores, a column numbered by the database, and a table whose name sorts before the
    /// one its foreign key names.
    static let samples = Migration(module: "copy_samples", version: 1, sql: """
        CREATE TABLE samples(id INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT, amount INTEGER NOT NULL, ratio REAL, data BLOB);
        CREATE TABLE sample_notes(sample_id INTEGER NOT NULL REFERENCES samples(id), note TEXT NOT NULL);
        """)
    static let migrations = Services.migrations + [samples]

    let clock = ManualClock()

    func databases(migrations: [Migration] = migrations) async throws -> (source: Database, target: Database) {
        let source = try TestDatabase(engine: .sqlite).open(clock: clock)
        let target = try TestDatabase(engine: .postgres).open(clock: clock)
        try await source.migrate(migrations)
        try await target.migrate(migrations)
        return (source, target)
    }

    /// 1,203 sample rows (several batches), the last three deleted again so SQLite's high-water mark is above the
    /// highest id left.
    func fill(_ source: Database) async throws {
        try await source.write { tx in
            for i in 1...1_203 {
                try tx.execute("INSERT INTO samples(label, amount, ratio, data) VALUES (?, ?, ?, ?)", [
                    i % 7 == 0 ? SQLValue.null : .text("row \(i) \"quoted\" é"), Int64(i) * 1_000_000_007, Double(i) / 3, [UInt8(i % 256), 0, 255],
                ])
            }
            try tx.execute("DELETE FROM samples WHERE id > 1200")
            try tx.execute("INSERT INTO sample_notes(sample_id, note) VALUES (?, ?), (?, ?)", [1, "first", 1_200, "last"])
            _ = try tx.publish(try NewEvent(type: "copy.tested", tenant: "op_1", mode: .live, payload: ["n": 1]))
        }
    }

    @Test func copy_copiesEveryRowAndValueAndVerifiesTheCounts() async throws {
        let (source, target) = try await databases()
        try await fill(source)
        let report = try await DatabaseCopy(source: source, target: target, valuesPerBatch: 500).run()

        #expect(report.tables.first { $0.name == "samples" }?.rows == 1_200)
        #expect(report.tables.first { $0.name == "sample_notes" }?.rows == 2)
        #expect(report.tables.first { $0.name == "bus_events" }?.rows == 1)
        #expect(!report.tables.contains { $0.name == "schema_migrations" })
        let select = "SELECT id, label, amount, ratio, data FROM samples ORDER BY id"
        let copied = try await target.read { try $0.query(select) }.map { row in (0..<5).map { row[$0] } }
        let original = try await source.read { try $0.query(select) }.map { row in (0..<5).map { row[$0] } }
        #expect(copied == original)
    }

    @Test func copy_movesSequencesPastEveryNumberSQLiteHandedOut() async throws {
        let (source, target) = try await databases()
        try await fill(source)
        _ = try await DatabaseCopy(source: source, target: target).run()

        let next = try await target.write { tx in
            try tx.scalar("INSERT INTO samples(amount) VALUES (?) RETURNING id", [1], as: Int64.self)
        }
        #expect(next == 1_204, "ids 1201…1203 were handed out and deleted: never again")
        let event = try await target.write { tx in
            try tx.publish(try NewEvent(type: "copy.after", tenant: "op_1", mode: .live, payload: ["n": 2])).sequence
        }
        #expect(event > 1)
    }

    @Test func copy_intoATargetWithRows_refusesAndWritesNothing() async throws {
        let (source, target) = try await databases()
        try await fill(source)
        try await target.write { try $0.execute("INSERT INTO samples(amount) VALUES (?)", [7]) }

        await #expect { try await DatabaseCopy(source: source, target: target).run() } throws: { error in
            (error as? CopyError)?.code == .targetNotEmpty && (error as? CopyError)?.isRefusal == true
        }
        #expect(try await target.read { try $0.scalar("SELECT COUNT(*) FROM samples", as: Int.self) } == 1)
        #expect(try await target.read { try $0.scalar("SELECT COUNT(*) FROM bus_events", as: Int.self) } == 0)
    }

    @Test func copy_whenTheTargetLacksAColumn_failsBeforeCopyingAnything() async throws {
        let (source, target) = try await databases(migrations: Services.migrations)
        try await source.migrate([Self.samples, Migration(module: "copy_samples", version: 2, sql: "ALTER TABLE samples ADD COLUMN extra TEXT")])
        try await target.migrate([Self.samples])
        try await fill(source)

        await #expect { try await DatabaseCopy(source: source, target: target).run() } throws: { error in
            (error as? CopyError)?.code == .schemaMismatch && "\(error)".contains("extra")
        }
        #expect(try await target.read { try $0.scalar("SELECT COUNT(*) FROM bus_events", as: Int.self) } == 0)
    }
}
