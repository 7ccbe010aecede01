import Foundation
import Kernel

/// Sends due deliveries: attempt 1 as soon as the delivery row commits, retries on the ``RetrySchedule``, at most
/// `maxConcurrentAttempts` at once and `maxConcurrentPerEndpoint` per endpoint, each endpoint behind a
/// ``CircuitBreaker``.
///
/// State lives in the database: a delivery stays `pending`/`retrying` until an attempt's result commits, so a crash
/// or a shutdown mid-attempt leaves it due, and it is sent again after restart (receivers dedupe on `webhook-id`).
public actor DeliveryDispatcher {
    private let database: Database
    private let clock: any WallClock
    private let transport: any WebhookTransport
    private let settings: Webhooks.Settings
    private let logger: Logger
    private let signal = WakeSignal()
    private var inFlight: [String: String] = [:]
    private var perEndpoint: [String: Int] = [:]
    private var breakers: [String: CircuitBreaker] = [:]
    private var attempts: [String: Task<Void, Never>] = [:]
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var loop: Task<Void, Never>?
    private var stopping = false

    init(database: Database, transport: any WebhookTransport, settings: Webhooks.Settings, logger: Logger) {
        self.database = database
        self.clock = database.clock
        self.transport = transport
        self.settings = settings
        self.logger = logger
    }

    /// Something may be due: look now rather than at the next planned time.
    public nonisolated func wake() { signal.notify() }

    /// Starts the dispatch loop.
    public func start() {
        guard loop == nil else { return }
        stopping = false
        loop = Task { await self.run() }
    }

    /// Stops starting attempts and waits up to `drainTimeout` for those in flight. Unfinished ones stay due in the
    /// database and are sent again after the next start.
    public func stop(drainTimeout: Duration = .seconds(10)) async {
        stopping = true
        loop?.cancel()
        loop = nil
        let running = Array(attempts.values)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { for task in running { await task.value } }
            group.addTask { try? await Task.sleep(for: drainTimeout) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Dispatches everything due now and returns once no attempt is in flight (tests and the CLI use it).
    public func drain() async {
        while true {
            _ = await dispatchDue()
            if inFlight.isEmpty { return }
            await withCheckedContinuation { idleWaiters.append($0) }
        }
    }

    /// Open circuits right now, for `/metrics`.
    public var openCircuits: Int { breakers.values.filter(\.isOpen).count }

    private func run() async {
        while !Task.isCancelled {
            let next = await dispatchDue()
            await waitForWake(orUntil: next)
        }
    }

    private func waitForWake(orUntil deadline: Timestamp?) async {
        let signal = self.signal, clock = self.clock
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await signal.wait() }
            if let deadline { group.addTask { try? await clock.sleep(until: deadline) } }
            await group.next()
            group.cancelAll()
        }
    }

    /// Launches every due delivery the limits allow; returns the earliest time something else becomes due.
    private func dispatchDue() async -> Timestamp? {
        guard !stopping else { return nil }
        let rows: [(id: String, endpoint: String, due: Timestamp)]
        // The earliest rows are the ones in flight plus the ones that could start now: read no more than that.
        let window = inFlight.count + settings.maxConcurrentAttempts
        do {
            rows = try await database.read { tx in
                try tx.query(
                    "SELECT id, endpoint_id, next_attempt_at FROM webhook_deliveries WHERE status IN ('pending', 'retrying') ORDER BY next_attempt_at LIMIT ?",
                    [window]
                ).map { (try $0.get("id"), try $0.get("endpoint_id"), try $0.get("next_attempt_at")) }
            }
        } catch {
            logger.error("webhook dispatcher cannot read due deliveries", ["error": "\(error)"])
            return clock.now() + .seconds(1)
        }
        let now = clock.now()
        var earliest: Timestamp?
        func consider(_ time: Timestamp) { earliest = min(earliest ?? time, time) }
        for row in rows where inFlight[row.id] == nil {
            if row.due > now { consider(row.due); break }
            guard inFlight.count < settings.maxConcurrentAttempts else { break }
            guard perEndpoint[row.endpoint, default: 0] < settings.maxConcurrentPerEndpoint else { continue }
            var breaker = breakers[row.endpoint] ?? settings.circuitBreaker
            let permission = breaker.permission(at: now)
            breakers[row.endpoint] = breaker
            if case .waitUntil(let time) = permission { consider(time); continue }
            launch(row.id, endpoint: row.endpoint)
        }
        return earliest
    }

    private func launch(_ id: String, endpoint: String) {
        inFlight[id] = endpoint
        perEndpoint[endpoint, default: 0] += 1
        let attempt = DeliveryAttempt(database: database, transport: transport, settings: settings)
        attempts[id] = Task {
            let delivered = await attempt.run(deliveryID: id)
            self.finish(id, endpoint: endpoint, delivered: delivered)
        }
    }

    private func finish(_ id: String, endpoint: String, delivered: Bool?) {
        inFlight[id] = nil
        attempts[id] = nil
        perEndpoint[endpoint, default: 1] -= 1
        if let delivered {
            var breaker = breakers[endpoint] ?? settings.circuitBreaker
            if delivered { breaker.recordSuccess() } else { breaker.recordFailure(at: clock.now()) }
            breakers[endpoint] = breaker
        }
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
        signal.notify()
    }
}
