import Kernel

/// Single-row INSERTs through the storage layer, each in its own write transaction, from `writers` concurrent
/// tasks (as concurrent requests would): group commit lets one commit, and one fsync, hold many of them.
enum InsertBenchmark {
    static func run(rows: Int, writers: Int, durability: Durability) async throws -> [String: Double] {
        let scratch = ScratchDatabase()
        defer { scratch.remove() }
        let db = try scratch.open(durability)
        try await db.migrate([Migration(module: "bench", version: 1, sql: "CREATE TABLE t(id TEXT PRIMARY KEY, n INTEGER, at INTEGER)")])
        let before = db.statistics
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<writers {
                group.addTask {
                    for n in stride(from: w, to: rows, by: writers) {
                        let id = Identifier.make("row")
                        try await db.write { try $0.execute("INSERT INTO t VALUES (?, ?, ?)", [id, n, $0.now]) }
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = (ContinuousClock.now - start).seconds
        let after = db.statistics
        return ["inserts/s": Double(rows) / seconds, "writes per commit": Double(after.writes - before.writes) / Double(after.commits - before.commits)]
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
