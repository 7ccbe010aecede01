import Foundation
import Kernel

/// A database in a fresh temp folder, removed when the benchmark is done.
struct ScratchDatabase {
    let folder = NSTemporaryDirectory() + "operator-api-bench-" + UUID().uuidString
    var path: String { folder + "/bench.sqlite" }

    func open(_ durability: Durability = .full) throws -> Database {
        try Database(path: path, clock: SystemClock(), settings: SQLiteEngine.Settings(durability: durability))
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}
