import Kernel

/// Single-row INSERTs through the storage layer, each in its own write transaction (WAL, synchronous=NORMAL).
enum InsertBenchmark {
    static func run(rows: Int = 50_000) async throws -> [String: Double] {
        let scratch = ScratchDatabase()
        defer { scratch.remove() }
        let db = try scratch.open()
        try await db.migrate([Migration(module: "bench", version: 1, sql: "CREATE TABLE t(id TEXT PRIMARY KEY, n INTEGER, at INTEGER)")])
        let start = ContinuousClock.now
        for n in 0..<rows {
            let id = Identifier.make("row")
            try await db.write { try $0.execute("INSERT INTO t VALUES (?, ?, ?)", [id, n, $0.now]) }
        }
        let seconds = (ContinuousClock.now - start).seconds
        return ["inserts/s": Double(rows) / seconds]
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
