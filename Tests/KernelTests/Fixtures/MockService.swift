import Kernel
import Synchronization

/// What the mock services of one test did, in the order they did it.
final class ServiceJournal: Sendable {
    enum Entry: Equatable, Sendable {
        case started(String)
        case stopped(String)
        /// A stop step found its task cancelled instead of running to its end.
        case stopCancelled(String)
    }

    private let stream: AsyncStream<Entry>
    private let continuation: AsyncStream<Entry>.Continuation
    private let all = Mutex<[Entry]>([])

    init() { (stream, continuation) = AsyncStream.makeStream(of: Entry.self) }

    func record(_ entry: Entry) {
        all.withLock { $0.append(entry) }
        continuation.yield(entry)
    }

    /// Every entry so far.
    var entries: [Entry] { all.withLock { $0 } }

    /// Waits for the next `count` entries.
    func next(_ count: Int) async -> [Entry] {
        var iterator = stream.makeAsyncIterator()
        var found = [Entry]()
        while found.count < count, let entry = await iterator.next() { found.append(entry) }
        return found
    }
}

/// A service that journals its start and its stop, and dies (returns or throws) when a test tells it to.
final class MockService: Service {
    let name: String
    private let journal: ServiceJournal
    private let fate = AsyncStream.makeStream(of: Result<Void, MockFailure>.self)

    init(_ name: String, journal: ServiceJournal) {
        self.name = name
        self.journal = journal
    }

    /// Makes `run()` return (`.success`) or throw (`.failure`) before anyone cancels it.
    func die(_ outcome: Result<Void, MockFailure>) { fate.continuation.yield(outcome) }

    func run() async throws {
        journal.record(.started(name))
        let fate = self.fate
        let outcome = await withTaskCancellationHandler {
            var iterator = fate.stream.makeAsyncIterator()
            return await iterator.next()
        } onCancel: {
            fate.continuation.finish()
        }
        if let outcome { return try outcome.get() }
        journal.record(.stopped(name))
    }
}

struct MockFailure: Error, Equatable {}

/// A shutdown trigger a test pulls, standing in for SIGTERM.
final class ShutdownTrigger: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() { (stream, continuation) = AsyncStream.makeStream(of: Void.self) }

    func pull() { continuation.yield() }

    /// What a ``ServiceGroup`` waits on: returns when pulled.
    var wait: @Sendable () async -> Void {
        let stream = self.stream
        return {
            for await _ in stream { return }
        }
    }
}
