import Kernel

/// Sends due deliveries: attempt 1 as soon as the delivery row commits, retries on the ``RetrySchedule``, in the
/// order the ``DispatchScheduler`` decides (fair across tenants and endpoints, within the concurrency limits, each
/// endpoint behind its ``CircuitBreaker``).
///
/// It reads each endpoint's due deliveries in small batches as the endpoint drains, so memory stays flat however long
/// the backlog; it writes finished attempts in batches (``AttemptRecorder``), one transaction for all that finished
/// while the previous batch was committing. State lives in the database: a delivery stays `pending`/`retrying` until
/// its attempt's record commits, so a crash or a shutdown mid-attempt leaves it due, and it is sent again after
/// restart (receivers dedupe on `webhook-id`).
///
/// **Several replicas.** Every replica runs a dispatcher on the same database. Each attempt is made by the replica
/// that claimed the delivery (``DeliveryClaims``: a lease, renewed while held, fenced at record time), so a delivery is
/// attempted by one replica at a time and an ordered lane, whose one due delivery is claimed by one replica, never has
/// two attempts in flight. A replica finds what others created or left behind by polling the due set
/// (``Webhooks/Settings/discoveryInterval``), and takes over a dead replica's claims once their lease passed.
/// What stays per replica, and why that is acceptable:
/// - the scheduler's fairness and concurrency limits: each replica is fair across the tenants and endpoints it
///   claims, and bounds its own attempts; with N replicas an endpoint may see up to N × ``Webhooks/Settings/maxConcurrentPerEndpoint``
///   attempts at once (its receiver asked for none of them to be ordered, or they would share a lane);
/// - the circuit breaker's counters: each replica opens its own circuit after its own run of failures (loaded from
///   the persisted circuit when it first reads the endpoint), so a failing receiver gets at most N probes per cool-off
///   instead of one. What must hold once lives in the database: the run of failures and auto-disable (a conditional
///   update, so `webhook_endpoint.disabled` is published once), lane releases, recovery feeding (the recovery's row is
///   locked while it is fed).
public actor DeliveryDispatcher {
    /// Counters for `/metrics`.
    public struct Statistics: Sendable, Equatable {
        public var inFlight = 0
        public var awaitingRecord = 0
        public var attemptsDelivered = 0
        public var attemptsFailed = 0
    }

    /// A running recovery's pacing: at most ``Webhooks/Settings/recoveryWindow`` of its deliveries open at once.
    private struct Pacing {
        let endpoint: String
        let tenant: TenantScope
        var open: Int
        var feeding = false
    }

    let database: Database
    let clock: any WallClock
    private let attempt: DeliveryAttempt
    let settings: Webhooks.Settings
    let logger: Logger
    /// This replica's id: what its claims carry (one per dispatcher, so two in one process are two replicas).
    nonisolated let replica = Identifier.make("rpl")
    private let secrets: EndpointSecrets
    private let signal = WakeSignal()
    /// Changes made outside the dispatcher, taken at its next step.
    nonisolated let notices = DispatchNotices()
    var scheduler: DispatchScheduler<DueDelivery>
    private var journal: [AttemptRecorder.Entry] = []
    private var flushing = false
    private var discovered = false
    private var recoveries: [String: Pacing] = [:]
    private var counters = Statistics()
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var loop: Task<Void, Never>?
    /// Polls for due work and renews this replica's claims (``keepClaims()``).
    private var keeper: Task<Void, Never>?
    /// When this replica last renewed its claims.
    var lastRenewal: Timestamp?
    /// The earliest time a claim on a delivery queued here may run out (nil: nothing claimed since the last check).
    var claimsHeldUntil: Timestamp?
    private var plannedWake: Timestamp?
    private var stopping = false

    init(database: Database, transport: any WebhookTransport, settings: Webhooks.Settings, logger: Logger) {
        self.database = database
        self.clock = database.clock
        self.settings = settings
        self.logger = logger
        secrets = EndpointSecrets(masterKey: settings.masterKey)
        attempt = DeliveryAttempt(transport: transport, settings: settings, clock: database.clock)
        scheduler = DispatchScheduler(limits: settings.limits, breaker: settings.circuitBreaker)
    }

    /// Something may be due: look now rather than at the next planned time.
    public nonisolated func wake() { signal.notify() }

    /// Starts the dispatch loop.
    public func start() {
        guard loop == nil else { return }
        stopping = false
        loop = Task { await self.run() }
        keeper = Task { await self.keepClaims() }
    }

    /// Stops starting attempts and waits up to `drainTimeout` for those in flight and their records. Unfinished ones
    /// stay due in the database and are sent again after the next start (or by another replica once their claims'
    /// lease passed); when everything settled, the claims are given up at once.
    public func stop(drainTimeout: Duration = .seconds(10)) async {
        stopping = true
        loop?.cancel()
        loop = nil
        keeper?.cancel()
        keeper = nil
        let deadline = ContinuousClock.now + drainTimeout
        let alarm = Task {
            try? await Task.sleep(until: deadline, clock: .continuous)
            self.changed()
        }
        while !isSettled && ContinuousClock.now < deadline { await waitForChange() }
        alarm.cancel()
        if isSettled { await releaseClaims() }
    }

    /// Dispatches everything due now and returns once nothing is in flight or waiting for its record (tests and the
    /// CLI use it).
    public func drain() async {
        await discover()
        await poll()
        while true {
            pump()
            if isSettled && scheduler.isQuiet && !recoveries.values.contains(where: \.feeding) { return }
            await waitForChange()
        }
    }

    /// Attempts in flight and attempt counts, for `/metrics`.
    public var statistics: Statistics {
        var statistics = counters
        statistics.inFlight = scheduler.inFlight
        statistics.awaitingRecord = scheduler.awaitingRecord
        return statistics
    }

    // MARK: - The loop

    private func run() async {
        await discover()
        while !Task.isCancelled {
            pump()
            plannedWake = scheduler.nextWake
            await waitForWake(orUntil: plannedWake)
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

    /// Reads, once, which endpoints have due work and which recoveries run (after a restart: everything left).
    private func discover() async {
        guard !discovered else { return }
        discovered = true
        do {
            let (endpoints, running) = try await database.read { tx in (try DueDeliveries.endpoints(tx), try Recoveries.running(tx)) }
            for (endpoint, tenant) in endpoints { notices.touch(endpoint, tenant: tenant) }
            for recovery in running { notices.started(recovery) }
        } catch {
            logger.error("webhook dispatcher cannot read its backlog", ["error": "\(error)"])
        }
    }

    /// Takes in what changed outside, then starts what the scheduler says and feeds recoveries that have room.
    func pump() {
        let now = clock.now()
        absorb(notices.take(), now: now)
        guard !stopping else { return }
        forgetQueuedIfClaimsLapse(now: now)
        for action in scheduler.nextActions(now: now) {
            switch action {
            case .fetch(let endpoint, let limit, let excluding): fetch(endpoint, limit: limit, excluding: excluding)
            case .attempt(_, let delivery): send(delivery)
            }
        }
        feedRecoveries()
        if let next = scheduler.nextWake, plannedWake.map({ next < $0 }) ?? true { signal.notify() }
    }

    private func absorb(_ taken: DispatchNotices.Taken, now: Timestamp) {
        for endpoint in taken.closed { scheduler.closed(endpoint, now: now) }
        for (endpoint, tenant) in taken.reset { scheduler.reset(endpoint, tenant: tenant, now: now) }
        for (endpoint, tenant) in taken.refreshed { scheduler.refresh(endpoint, tenant: tenant, now: now) }
        for (endpoint, tenant) in taken.touched { scheduler.touch(endpoint, tenant: tenant, now: now) }
        for recovery in taken.recoveries {
            if let pacing = recoveries[recovery.id] {
                // Read again from the database: other replicas finish (and feed) its deliveries too.
                if !pacing.feeding { recoveries[recovery.id]?.open = recovery.open }
                continue
            }
            recoveries[recovery.id] = Pacing(endpoint: recovery.endpoint, tenant: recovery.tenant, open: recovery.open)
            scheduler.touch(recovery.endpoint, tenant: recovery.tenant, now: now)
        }
    }

    // MARK: - Reading

    private func fetch(_ endpoint: String, limit: Int, excluding: Set<String>) {
        let database = self.database, secrets = self.secrets, replica = self.replica, lease = settings.claimLease
        let started = clock.now()
        Task {
            do {
                let batch = try await database.write { tx in
                    try DueDeliveries.batch(endpoint: endpoint, limit: limit, excluding: excluding,
                                            lease: DeliveryClaims.Lease(replica: replica, until: tx.wallNow + lease), secrets: secrets, tx)
                }
                self.fetched(endpoint, batch, claimedUntil: started + lease)
            } catch {
                self.fetchFailed(endpoint, error)
            }
        }
    }

    private func fetched(_ endpoint: String, _ batch: DueDeliveries.Batch, claimedUntil: Timestamp) {
        let now = clock.now()
        if !batch.deliveries.isEmpty { claimsHeldUntil = min(claimsHeldUntil ?? claimedUntil, claimedUntil) }
        guard let target = batch.target, target.enabled else {
            scheduler.fetched(endpoint, .init(items: [], full: false, nextDue: nil, failures: 0, circuitOpenUntil: nil), now: now)
            stopDeliveries(to: endpoint)
            return changed()
        }
        scheduler.fetched(endpoint, .init(items: batch.deliveries, full: batch.full, nextDue: batch.nextDue,
                                          failures: target.consecutiveFailures, circuitOpenUntil: target.circuitOpenUntil), now: now)
        pump()
        changed()
    }

    private func fetchFailed(_ endpoint: String, _ error: any Error) {
        logger.error("webhook dispatcher cannot read due deliveries", ["endpoint": endpoint, "error": "\(error)"])
        let now = clock.now()
        scheduler.fetched(endpoint, .init(items: [], full: false, nextDue: now + .seconds(1), failures: 0, circuitOpenUntil: nil), now: now)
        pump()
        changed()
    }

    /// Its endpoint was deleted or disabled behind a delivery's back (a delivery left from before the closing rules):
    /// its open deliveries end failed.
    private func stopDeliveries(to endpoint: String) {
        let database = self.database
        Task {
            do {
                try await database.write { tx in
                    var stats = StatsDelta()
                    try EndpointRows.stopDeliveries(endpoint, stats: &stats, tx)
                    try stats.write(tx)
                }
            } catch {
                logger.error("webhook dispatcher cannot close deliveries", ["endpoint": endpoint, "error": "\(error)"])
            }
            self.notices.close(endpoint)
            self.wake()
        }
    }

    // MARK: - Sending and recording

    private func send(_ delivery: DueDelivery) {
        let attempt = self.attempt
        Task {
            let record = await attempt.run(delivery)
            self.ended(record)
        }
    }

    private func ended(_ record: AttemptRecord) {
        let delivery = record.delivery
        if record.delivered { counters.attemptsDelivered += 1 } else { counters.attemptsFailed += 1 }
        journal.append(.attempt(record))
        if let change = scheduler.attemptEnded(delivery.endpointID, id: delivery.id, record.result, now: clock.now()) {
            journal.append(.circuit(change))
        }
        flushIfNeeded()
        pump()
        changed()
    }

    /// Writes everything journaled in one transaction, unless a write is already on its way (what finishes meanwhile
    /// goes in the next one).
    private func flushIfNeeded() {
        guard !flushing, !journal.isEmpty else { return }
        flushing = true
        let batch = journal, database = self.database, autoDisableAfter = settings.autoDisableAfter, replica = self.replica
        journal = []
        Task {
            do {
                let outcome = try await database.write { tx in
                    try AttemptRecorder.write(batch, replica: replica, autoDisableAfter: autoDisableAfter, tx)
                }
                self.flushed(batch, outcome)
            } catch {
                self.flushFailed(batch, error)
            }
        }
    }

    private func flushed(_ batch: [AttemptRecorder.Entry], _ outcome: AttemptRecorder.Outcome) {
        let now = clock.now()
        let records = batch.compactMap { entry -> AttemptRecord? in
            if case .attempt(let record) = entry { return record }
            return nil
        }
        flushing = false
        scheduler.recorded(records.map { ($0.delivery.endpointID, $0.delivery.id) }, now: now)
        for record in records where record.state.isFinal {
            if let recovery = record.delivery.recoveryID { recoveries[recovery]?.open -= 1 }
            if outcome.released.contains(record.delivery.endpointID) {
                scheduler.touch(record.delivery.endpointID, tenant: record.delivery.tenant, now: now)
            }
        }
        for endpoint in outcome.closed { scheduler.closed(endpoint, now: now) }
        flushIfNeeded()
        pump()
        changed()
    }

    /// The batch did not commit: its deliveries are still due as they were and are sent again (at least once).
    private func flushFailed(_ batch: [AttemptRecorder.Entry], _ error: any Error) {
        logger.error("webhook dispatcher cannot record attempts", ["attempts": "\(batch.count)", "error": "\(error)"])
        let records = batch.compactMap { entry -> AttemptRecord? in
            if case .attempt(let record) = entry { return record }
            return nil
        }
        flushing = false
        let now = clock.now()
        scheduler.recorded(records.map { ($0.delivery.endpointID, $0.delivery.id) }, now: now)
        for record in records { scheduler.touch(record.delivery.endpointID, tenant: record.delivery.tenant, now: now) }
        flushIfNeeded()
        pump()
        changed()
    }

    // MARK: - Recoveries

    /// Creates the next window of a running recovery's deliveries once fewer than half a window are open.
    private func feedRecoveries() {
        let window = settings.recoveryWindow, apiVersion = settings.apiVersion, database = self.database
        for (id, pacing) in recoveries where !pacing.feeding && pacing.open <= window / 2 {
            recoveries[id]?.feeding = true
            Task {
                do {
                    let fed = try await database.write { tx in
                        var stats = StatsDelta()
                        let fed = try Recoveries.feed(id, window: window, apiVersion: apiVersion, stats: &stats, tx)
                        try stats.write(tx)
                        return fed
                    }
                    self.fed(id, fed)
                } catch {
                    // Tried again at the dispatcher's next step.
                    self.recoveries[id]?.feeding = false
                    self.logger.error("webhook recovery cannot create deliveries", ["recovery": id, "error": "\(error)"])
                    self.changed()
                }
            }
        }
    }

    private func fed(_ id: String, _ fed: Recoveries.Fed) {
        guard let pacing = recoveries[id] else { return }
        if fed.done {
            recoveries[id] = nil
        } else {
            recoveries[id]?.open = fed.open
            recoveries[id]?.feeding = false
        }
        if fed.inserted > 0 { scheduler.touch(pacing.endpoint, tenant: pacing.tenant, now: clock.now()) }
        pump()
        changed()
    }

    // MARK: - Waiting

    /// Nothing in flight, journaled or being written.
    var isSettled: Bool { scheduler.inFlight == 0 && journal.isEmpty && !flushing }

    private func waitForChange() async {
        await withCheckedContinuation { waiters.append($0) }
    }

    private func changed() {
        let ready = waiters
        waiters = []
        for waiter in ready { waiter.resume() }
    }
}
