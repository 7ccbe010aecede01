@testable import Kernel
import Testing
import TestSupport

/// ``Transaction/forEachRow(_:_:_:)`` reads rows in place; whatever it reads must be what ``Transaction/query(_:_:)``
/// reads, on every engine (SQLite reads the statement's row, other engines a row read out).
@Suite(.databases) struct RowCursorTests {
    static let texts = ["plain", "", "quote \" backslash \\ tab \t nul \u{0} end", "é€😀", "</script>"]

    /// A table with a row per text, an integer, a real and NULLs among them.
    func seeded() async throws -> Database {
        let db = try TestDatabase().open(clock: ManualClock())
        try await db.migrate([Migration(module: "t", version: 1, sql: "CREATE TABLE t(i INTEGER, r REAL, s TEXT, n TEXT)")])
        try await db.write { tx in
            for (i, text) in Self.texts.enumerated() {
                try tx.execute("INSERT INTO t VALUES (?, ?, ?, ?)", [Int64(i), i.isMultiple(of: 2) ? 1.5 : nil, text, i == 1 ? "x" : nil])
            }
        }
        return db
    }

    @Test func forEachRow_readsEveryValueAsQueryReadsIt() async throws {
        let db = try await seeded()
        let sql = "SELECT i, r, s, n FROM t ORDER BY i"
        let (rows, visited) = try await db.read { tx in
            var visited = [[SQLValue]]()
            try tx.forEachRow(sql) { row in
                visited.append((0..<4).map { row.value(at: $0) })
                #expect(row.row().values == visited.last)
            }
            return (try tx.query(sql), visited)
        }
        #expect(rows.map(\.values) == visited)
        #expect(visited.map { $0[2] } == Self.texts.map { .text($0) })
        // A row read out already (how an engine without a cursor of its own visits) reads the same.
        for row in rows {
            let cursor = RowCursor(row)
            #expect((0..<4).map { cursor.value(at: $0) } == row.values)
        }
    }

    @Test func withText_givesTheTextsBytesInPlace_falseForNull_andRefusesOtherValues() async throws {
        let db = try await seeded()
        let (bytes, nulls, refusals) = try await db.read { tx in
            var bytes = [[UInt8]](), nulls = [Bool](), refusals = [String]()
            try tx.forEachRow("SELECT i, s, n FROM t ORDER BY i") { row in
                try row.withText(at: 1) { bytes.append(Array($0)) }
                nulls.append(try !row.withText(at: 2) { _ in })
                #expect(row.isNull(at: 2) == nulls.last)
                do {
                    try row.withText(at: 0) { _ in Issue.record("an integer read as text") }
                } catch let error as StorageError {
                    refusals.append(error.message)
                }
            }
            return (bytes, nulls, refusals)
        }
        #expect(bytes == Self.texts.map { Array($0.utf8) })
        #expect(nulls == [true, false, true, true, true])
        #expect(refusals.count == Self.texts.count && refusals.allSatisfy { $0.contains("column i") })
    }

    @Test func get_convertsAsRowsGetDoes_andThrowsItsError() async throws {
        let db = try await seeded()
        let sql = "SELECT i, r, s FROM t ORDER BY i"
        let (rows, read, refusals) = try await db.read { tx in
            var read = [(Int64, Double?, String)](), refusals = [String]()
            try tx.forEachRow(sql) { row in
                read.append((try row.get(at: 0), try row.get(at: 1), try row.get(at: 2)))
                do {
                    _ = try row.get(at: 2, as: Int.self)
                } catch let error as StorageError {
                    refusals.append(error.message)
                }
            }
            return (try tx.query(sql), read, refusals)
        }
        #expect(read.map(\.0) == (try rows.map { try $0.get(at: 0, as: Int64.self) }))
        #expect(read.map(\.1) == (try rows.map { try $0.get(at: 1, as: Double?.self) }))
        #expect(read.map(\.2) == Self.texts)
        let expected = rows.map { row in #expect(throws: StorageError.self) { try row.get(at: 2, as: Int.self) }?.message }
        #expect(refusals == expected)
    }

    /// An item of a page made of one row: its text and its integer.
    struct Item: JSONWritable, Encodable {
        let i: Int64
        let s: String

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("i", i)
                json.field("s", s)
            }
        }
    }

    @Test func jsonPage_writesThePageOfTheItemsTheRowsMake_forLimitsBelowAtAndAboveTheRows() async throws {
        let db = try await seeded()
        for limit in [1, 2, Self.texts.count - 1, Self.texts.count, Self.texts.count + 1, 100] {
            for filter in ["", " WHERE i < 0"] {
                let sql = "SELECT i, s FROM t\(filter) ORDER BY i LIMIT ?"
                let (written, items) = try await db.read { tx in
                    let written = try tx.jsonPage(sql, [limit + 1], limit: limit, itemSizeHint: 8) { row, json in
                        try json.object { json in
                            json.field("i", try row.get(at: 0, as: Int64.self))
                            try json.field("s", textAt: 1, of: row)
                        }
                    }
                    let items = try tx.query(sql, [limit + 1]).map { Item(i: try $0.get(at: 0), s: try $0.get(at: 1)) }
                    return (written, items)
                }
                let page = Page(fetched: items, limit: limit)
                #expect(written == JSONWriter.encode(page), "limit \(limit)\(filter)")
                #expect(written == Array(try JSON.encode(page)), "limit \(limit)\(filter)")
            }
        }
    }

    @Test func textFields_writeWhatAStringFieldWrites_andLeaveOutOrRefuseNull() async throws {
        let db = try await seeded()
        let (written, refused) = try await db.read { tx in
            var written = [[UInt8]](), refused = 0
            try tx.forEachRow("SELECT s, n FROM t ORDER BY i") { row in
                written.append(try JSONWriter.encode(capacity: 0) { json in
                    try json.object { json in
                        try json.field("n", optionalTextAt: 1, of: row)
                        try json.field("s", textAt: 0, of: row)
                    }
                })
                do {
                    _ = try JSONWriter.encode(capacity: 0) { try $0.field("n", textAt: 1, of: row) }
                } catch is StorageError {
                    refused += 1
                }
            }
            return (written, refused)
        }
        let expected = Self.texts.enumerated().map { i, text in JSONWriter.encode(OptionalPair(n: i == 1 ? "x" : nil, s: text)) }
        #expect(written == expected)
        #expect(refused == Self.texts.count - 1)
    }

    /// What the text fields stand for: a `String?` and a `String` member.
    struct OptionalPair: JSONWritable {
        let n: String?
        let s: String

        func write(to json: inout JSONWriter) {
            json.object { json in
                json.field("n", n)
                json.field("s", s)
            }
        }
    }
}
