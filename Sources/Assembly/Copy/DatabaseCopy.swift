import Kernel

/// Copies every table of an SQLite database into an empty PostgreSQL database with the same schema (both migrated
/// by the same build): it plans from both catalogs, refuses a target that holds any row, copies each table in
/// batches of bound rows in SQLite's row order, moves PostgreSQL's sequences past every number SQLite handed out,
/// and compares the row counts of every table.
///
/// The source must not change meanwhile (a stopped installation). Each batch is a transaction of its own: a copy
/// that fails half-way leaves a partly filled target, which the next run refuses (recreate the database first).
struct DatabaseCopy {
    let source: Database
    let target: Database
    /// Values bound per INSERT, at most (PostgreSQL takes up to 65,535 parameters per statement).
    var valuesPerBatch = 8_000

    /// Copies, then verifies; returns the rows of each table.
    func run() async throws -> CopyReport {
        let tables = try await plan()
        let occupied = try await target.read { tx in try tables.first { try CopyCatalog.count($0.name, tx) > 0 }?.name }
        if let occupied {
            throw CopyError(.targetNotEmpty, "the target database is not empty (table \(occupied) has rows): copy needs an empty database")
        }
        for table in tables {
            try await copy(table)
            try await advanceSequences(of: table)
        }
        return try await verify(tables)
    }

    /// The tables to copy, each checked against the target's schema.
    func plan() async throws -> [CopiedTable] {
        let sourceTables = try await source.read { try CopyCatalog.sqliteTables($0) }
        let targetTables = try await target.read { try CopyCatalog.postgresTables($0) }
        return try sourceTables.map { table in
            guard let target = targetTables[table.name] else {
                throw CopyError(.schemaMismatch, "the target has no table \(table.name): run the copy with the build that wrote the source")
            }
            if let missing = table.columns.first(where: { !target.columns.contains($0) }) {
                throw CopyError(.schemaMismatch, "the target's table \(table.name) has no column \(missing)")
            }
            return CopiedTable(name: table.name, columns: table.columns, numberedColumns: target.numbered, highWaterMark: table.highWaterMark)
        }
    }

    /// Copies `table` batch by batch, keyed on SQLite's rowid.
    private func copy(_ table: CopiedTable) async throws {
        let rowsPerBatch = max(1, valuesPerBatch / table.columns.count)
        let names = table.columns.map(SQLIdentifier.quoted).joined(separator: ", ")
        let select = "SELECT rowid AS \"copy rowid\", \(names) FROM \(SQLIdentifier.quoted(table.name)) WHERE rowid > ? ORDER BY rowid LIMIT ?"
        let placeholders = "(" + Array(repeating: "?", count: table.columns.count).joined(separator: ", ") + ")"
        var after = Int64.min
        while true {
            let arguments: [any SQLValueConvertible] = [after, rowsPerBatch]
            let rows = try await source.read { tx in try tx.query(select, arguments) }
            guard let last = rows.last else { return }
            after = try last.get(at: 0, as: Int64.self)
            let values: [any SQLValueConvertible] = rows.flatMap { row in (1...table.columns.count).map { row[$0] } }
            let insert = "INSERT INTO \(SQLIdentifier.quoted(table.name)) (\(names)) VALUES "
                + Array(repeating: placeholders, count: rows.count).joined(separator: ", ")
            try await target.write { tx in try tx.execute(insert, values) }
            if rows.count < rowsPerBatch { return }
        }
    }

    /// Sets each sequence PostgreSQL numbers `table` with past the highest number copied or handed out by SQLite.
    private func advanceSequences(of table: CopiedTable) async throws {
        for column in table.numberedColumns {
            let name = SQLIdentifier.quoted(table.name)
            try await target.write { tx in
                let copied = try tx.scalar("SELECT MAX(\(SQLIdentifier.quoted(column))) FROM \(name)", as: Int64.self)
                guard let highest = [copied, table.highWaterMark].compactMap({ $0 }).max() else { return }
                _ = try tx.query("SELECT setval(pg_get_serial_sequence(?, ?), ?)", [name, column, highest])
            }
        }
    }

    /// Counts every table on both sides; throws at the first difference.
    private func verify(_ tables: [CopiedTable]) async throws -> CopyReport {
        let names = tables.map(\.name)
        let sourceCounts = try await source.read { tx in try names.map { try CopyCatalog.count($0, tx) } }
        let targetCounts = try await target.read { tx in try names.map { try CopyCatalog.count($0, tx) } }
        for (i, name) in names.enumerated() where sourceCounts[i] != targetCounts[i] {
            throw CopyError(.countMismatch, "table \(name) has \(sourceCounts[i]) rows in the source but \(targetCounts[i]) in the target")
        }
        return CopyReport(tables: zip(names, sourceCounts).map { CopyReport.Table(name: $0, rows: $1) }.sorted { $0.name < $1.name })
    }
}
