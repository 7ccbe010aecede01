import Kernel
import Synchronization

/// A bus subscriber that writes each event into its own table (inside the bus transaction) and records what it saw.
final class RecordingHandler: EventHandler {
    let name: String
    private let types: Set<String>?
    private let seen = Mutex<[Event]>([])
    private let failOnce = Mutex<Set<String>>([])
    private let block: (@Sendable () async -> Void)?

    init(name: String, types: Set<String>? = nil, failingOnce ids: Set<String> = [], block: (@Sendable () async -> Void)? = nil) {
        self.name = name
        self.types = types
        self.block = block
        failOnce.withLock { $0 = ids }
    }

    static let migrations = [
        Migration(module: "recording", version: 1, sql: "CREATE TABLE recorded(subscriber TEXT, event_id TEXT, sequence INTEGER)"),
    ]

    var events: [Event] { seen.withLock { $0 } }
    var eventIDs: [String] { events.map(\.id) }

    func accepts(_ type: String) -> Bool { types?.contains(type) ?? true }

    func apply(_ event: Event, in tx: Transaction) throws {
        try tx.execute("INSERT INTO recorded VALUES (?, ?, ?)", [name, event.id, event.sequence])
        let shouldFail = failOnce.withLock { $0.remove(event.id) != nil }
        if shouldFail { throw TestFailure(message: "injected failure at \(event.id)") }
    }

    func didCommit(_ events: [Event]) async {
        if let block { await block() }
        seen.withLock { $0.append(contentsOf: events) }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A small event payload for tests.
struct Ping: Codable, Equatable {
    let n: Int
}

extension NewEvent {
    static func ping(_ n: Int, type: String = "test.ping", tenant: String = "op_test") throws -> NewEvent {
        try NewEvent(type: type, tenant: tenant, mode: .test, payload: Ping(n: n))
    }
}
