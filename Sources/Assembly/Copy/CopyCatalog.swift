import Kernel

/// What the copy reads from each engine's catalog: the tables and their columns. Names come from the catalogs only.
enum CopyCatalog {
    /// Tables the copy never moves: the migration bookkeeping, which `migrate` writes on the target itself.
    static let skipped: Set<String> = ["schema_migrations"]

    /// The SQLite database's tables (its own `sqlite_*` ones aside), each with its columns in order and its
    /// `AUTOINCREMENT` high-water mark, every table after the tables its foreign keys name.
    static func sqliteTables(_ tx: Transaction) throws -> [(name: String, columns: [String], highWaterMark: Int64?)] {
        let names = try tx.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
            .map { try $0.get("name", as: String.self) }
        var parents = [String: Set<String>]()
        for name in names {
            parents[name] = Set(try tx.query("SELECT \"table\" AS parent FROM pragma_foreign_key_list(?)", [name])
                .map { try $0.get("parent", as: String.self) }).subtracting([name])
        }
        let ordered = TableOrder.parentsFirst(names, parents: parents)
        let hasSequences = try tx.scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'", as: Int.self) == 1
        return try ordered.filter { !skipped.contains($0) }.map { name in
            let columns = try tx.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", [name]).map { try $0.get("name", as: String.self) }
            let mark = hasSequences ? try tx.scalar("SELECT seq FROM sqlite_sequence WHERE name = ?", [name], as: Int64.self) : nil
            return (name, columns, mark)
        }
    }

    /// The PostgreSQL database's tables in the current schema: each one's columns, and which of them PostgreSQL
    /// numbers itself (identity or serial).
    static func postgresTables(_ tx: Transaction) throws -> [String: (columns: Set<String>, numbered: [String])] {
        let rows = try tx.query("""
            SELECT c.table_name::text AS table_name, c.column_name::text AS column_name,
                   CASE WHEN c.is_identity = 'YES' OR c.column_default LIKE 'nextval(%' THEN 1 ELSE 0 END AS numbered
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name, c.ordinal_position
            """)
        var tables = [String: (columns: Set<String>, numbered: [String])]()
        for row in rows {
            let (table, column) = (try row.get("table_name", as: String.self), try row.get("column_name", as: String.self))
            tables[table, default: ([], [])].columns.insert(column)
            if try row.get("numbered", as: Int.self) == 1 { tables[table]!.numbered.append(column) }
        }
        return tables
    }

    /// The rows of `table`.
    static func count(_ table: String, _ tx: Transaction) throws -> Int {
        try tx.scalar("SELECT COUNT(*) FROM \(SQLIdentifier.quoted(table))", as: Int.self) ?? 0
    }
}
