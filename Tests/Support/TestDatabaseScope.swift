import Foundation
import Kernel
import Synchronization
import Testing

/// The databases one test opened, closed and removed when it ends (by the ``Trait/databases`` trait).
final class TestDatabaseScope: Sendable {
    /// The scope of the running test; nil outside the trait.
    @TaskLocal static var current: TestDatabaseScope?

    private let opened = Mutex<[(database: Database, test: TestDatabase)]>([])

    func add(_ database: Database, on test: TestDatabase) {
        opened.withLock { $0.append((database, test)) }
    }

    /// Drops each PostgreSQL schema (over the last database opened on it that still can, or a new one), closes every
    /// database (its connections and threads end), then removes their folders (an SQLite file's, a master key's).
    func close() async {
        let all = opened.withLock { opened in
            defer { opened = [] }
            return opened
        }
        var schemas = [String: TestDatabase]()
        for (_, test) in all where test.isScratch {
            if case .postgres = test.location, let schema = test.settings.schema { schemas[schema] = test }
        }
        for (schema, test) in schemas {
            var dropped = false
            for (database, opener) in all.reversed() where opener.settings.schema == schema && !dropped {
                dropped = await Self.drop(schema, on: database)
            }
            if !dropped, let database = try? Database(location: test.location, clock: SystemClock(), settings: test.settings) {
                _ = await Self.drop(schema, on: database)
                await database.close()
            }
        }
        for (database, _) in all { await database.close() }
        for (_, test) in all where test.isScratch {
            let file: String? = if case .sqlite(let path) = test.location { path } else { test.masterKeyFile }
            guard let file else { continue }
            try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent)
        }
    }

    private static func drop(_ schema: String, on database: Database) async -> Bool {
        (try? await database.write { tx in try tx.execute("DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE") }) != nil
    }
}

/// Lets at most a few tests hold databases at once (``TestDatabasesTrait``), so that a run keeps its threads and
/// PostgreSQL's connections bounded however many tests Swift Testing starts together.
actor TestDatabaseLimiter {
    /// `OPERATOR_API_TEST_DATABASES`, 16 by default: each test's engine has a writer and two readers.
    static let shared = TestDatabaseLimiter(width: ProcessInfo.processInfo.environment["OPERATOR_API_TEST_DATABASES"].flatMap(Int.init) ?? 16)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(width: Int) {
        free = max(1, width)
    }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// The trait of every suite whose tests open a ``TestDatabase``: each test (each case of a parameterised one) waits
/// for one of a few slots, runs with a scope of its own, and when it ends, however it ends, every database it opened
/// is closed and removed.
public struct TestDatabasesTrait: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self
    }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard TestDatabaseScope.current == nil else { return try await function() }
        let limiter = TestDatabaseLimiter.shared
        await limiter.acquire()
        let scope = TestDatabaseScope()
        let outcome: Result<Void, any Error>
        do {
            try await TestDatabaseScope.$current.withValue(scope) { try await function() }
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        await scope.close()
        await limiter.release()
        try outcome.get()
    }
}

extension Trait where Self == TestDatabasesTrait {
    /// Tests that open databases: bounded in number at once, each closed and removed when its test ends.
    public static var databases: Self { TestDatabasesTrait() }
}
