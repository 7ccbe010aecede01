import Foundation
import Kernel

/// A database in a fresh temp folder, removed when the benchmark is done; or, with
/// `OPERATOR_API_BENCH_POSTGRES_URL` set, a fresh schema of its own in that PostgreSQL database (left there: point
/// it at a throwaway cluster, as `scripts/postgres-cluster` starts).
struct ScratchDatabase {
    let folder = NSTemporaryDirectory() + "operator-api-bench-" + UUID().uuidString
    var path: String { folder + "/bench.sqlite" }

    /// The PostgreSQL database the storage benchmarks run on instead of SQLite, when set.
    static let postgresURL = ProcessInfo.processInfo.environment["OPERATOR_API_BENCH_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// The engine ``open(_:)`` opens.
    static var engine: SQLDialect { postgresURL == nil ? .sqlite : .postgres }

    func open(_ durability: Durability = .full) throws -> Database {
        guard let url = Self.postgresURL else {
            return try Database(path: path, clock: SystemClock(), settings: StorageSettings(durability: durability))
        }
        let schema = "bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return try Database(location: .postgres(url: url), clock: SystemClock(), settings: StorageSettings(durability: durability, schema: schema))
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}
