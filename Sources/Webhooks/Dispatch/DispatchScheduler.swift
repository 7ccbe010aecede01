import Kernel

/// The fair scheduler: decides which due delivery is attempted next. A pure value: events in, ``Action``s out, time
/// passed in; the ``DeliveryDispatcher`` does the reading, sending and recording it asks for.
///
/// - **Round robin, tenants first.** Tenants (operator and mode) take turns, one attempt per turn; within a tenant its
///   endpoints take turns. A tenant with a thousand endpoints gets no more turns than one with a single endpoint.
/// - **Only what can go is in the rotation.** An endpoint whose circuit is open, that asked to be left alone
///   (`Retry-After`), or that is at its concurrency cap is set aside (with its wake-up time, when it has one) and takes
///   no turn and no slot until then; so is a tenant at its cap.
/// - **Bounded.** At most ``Limits/total`` attempts in flight, ``Limits/perTenant`` per tenant and
///   ``Limits/perEndpoint`` per endpoint; each endpoint holds at most ``Limits/prefetch`` due deliveries in memory,
///   read from storage in batches (``Action/fetch(endpoint:limit:excluding:)``) as it drains, so memory does not grow
///   with the backlog.
/// - **One of several replicas.** Each replica schedules what it claimed (``DeliveryClaims``); a circuit another replica
///   opened (persisted on the endpoint) is adopted at the next read, so the replicas hold back together.
/// - **No double sends.** A delivery is in memory from its fetch until its attempt's record is committed; fetches
///   skip those, and one that was recorded while a fetch was reading is dropped from that fetch's answer.
struct DispatchScheduler<Item: Identifiable & Sendable> where Item.ID == String {
    struct Limits: Sendable, Equatable {
        var total: Int
        var perTenant: Int
        var perEndpoint: Int
        /// Due deliveries one endpoint holds in memory.
        var prefetch: Int
        /// Finished attempts whose records are not yet committed; past it no attempt starts (storage is behind).
        var awaitingRecord: Int
    }

    enum Action: Sendable {
        /// Read up to `limit` due deliveries of `endpoint`, leaving out `excluding` (in memory already).
        case fetch(endpoint: String, limit: Int, excluding: Set<String>)
        /// Send `item` to `endpoint`.
        case attempt(endpoint: String, item: Item)
    }

    /// What a fetch found.
    struct Fetched: Sendable {
        var items: [Item]
        /// The read hit its limit: more may be due.
        var full: Bool
        /// The earliest time a delivery not yet due becomes due (when not `full`).
        var nextDue: Timestamp?
        /// The endpoint's persisted circuit: failures in a row, open until.
        var failures: Int
        var circuitOpenUntil: Timestamp?
    }

    /// How an attempt ended, for the breaker and the timetable.
    enum Result: Sendable, Equatable {
        case delivered
        /// `retryAt`: when the delivery is due again (nil: it finally failed); `pauseUntil`: the receiver's
        /// `Retry-After`, which holds back the whole endpoint.
        case failed(retryAt: Timestamp?, pauseUntil: Timestamp?)
    }

    /// A circuit that opened or closed, to persist (the API and the dashboard show it).
    struct CircuitChange: Sendable, Equatable {
        let endpoint: String
        let openUntil: Timestamp?
    }

    private struct EndpointSlot {
        let tenant: TenantScope
        var breaker: CircuitBreaker
        var breakerLoaded = false
        var queue: [Item] = []
        var inFlight: Set<String> = []
        var awaitingRecord: Set<String> = []
        /// When the failed ones among `awaitingRecord` are due again: a read before their record commits leaves them
        /// out, so their wake-up is set again once it has.
        var retryAfterRecord: [String: Timestamp] = [:]
        var recordedDuringFetch: Set<String> = []
        var needsFetch = true
        var fetching = false
        var touchedDuringFetch = false
        /// The endpoint changed while a read was under way: what it brings holds the old URL or secret.
        var staleFetch = false
        /// When a delivery not in memory becomes due.
        var wakeAt: Timestamp?
        /// `Retry-After`: nothing goes before.
        var pausedUntil: Timestamp?
        /// The wake-up on the heap (older entries for this endpoint are stale).
        var scheduledWake: Timestamp?
        var inRotation = false

        var isIdle: Bool { queue.isEmpty && inFlight.isEmpty && awaitingRecord.isEmpty && !fetching && !needsFetch && wakeAt == nil }
        var heldIDs: Set<String> { inFlight.union(awaitingRecord).union(queue.map(\.id)) }
    }

    private struct TenantSlot {
        var endpoints = FIFOQueue<String>()
        var inFlight = 0
        var inRotation = false
    }

    /// Whether an endpoint can take a turn now.
    private enum Readiness {
        case ready
        /// Not before `until` (nil: until something happens to it: an attempt ends, a fetch returns).
        case setAside(until: Timestamp?)
        /// Nothing to do and nothing pending: forget it.
        case idle
    }

    let limits: Limits
    /// The breaker every endpoint starts from (its thresholds), before its persisted state is loaded.
    let breakerTemplate: CircuitBreaker
    private var endpoints: [String: EndpointSlot] = [:]
    private var tenants: [TenantScope: TenantSlot] = [:]
    private var rotation = FIFOQueue<TenantScope>()
    private var wakeups = WakeupHeap()
    private(set) var inFlight = 0
    private(set) var awaitingRecord = 0
    private(set) var fetching = 0

    init(limits: Limits, breaker: CircuitBreaker) {
        self.limits = limits
        self.breakerTemplate = breaker
    }

    // MARK: - Events

    /// `endpoint` (of `tenant`) may have deliveries due now: new ones, or ones an earlier delivery stopped blocking.
    mutating func touch(_ endpoint: String, tenant: TenantScope, now: Timestamp) {
        var slot = endpoints[endpoint] ?? EndpointSlot(tenant: tenant, breaker: breakerTemplate)
        if slot.fetching { slot.touchedDuringFetch = true } else { slot.needsFetch = true }
        endpoints[endpoint] = slot
        reconsider(endpoint, now: now)
    }

    /// A fetch asked for by ``nextActions(now:)`` returned.
    mutating func fetched(_ endpoint: String, _ result: Fetched, now: Timestamp) {
        guard var slot = endpoints[endpoint], slot.fetching else { return }
        slot.fetching = false
        fetching -= 1
        if !slot.breakerLoaded {
            slot.breaker = breakerTemplate.restored(failures: result.failures, openUntil: result.circuitOpenUntil)
            slot.breakerLoaded = true
        } else if slot.breaker.openUntil == nil, let openUntil = result.circuitOpenUntil, openUntil > now {
            // Another replica opened the circuit: this one holds back too rather than failing its own way to it.
            slot.breaker = slot.breaker.restored(failures: result.failures, openUntil: openUntil)
        }
        let held = slot.heldIDs.union(slot.recordedDuringFetch)
        let fresh = result.items.filter { !held.contains($0.id) }, room = max(0, limits.prefetch - slot.queue.count)
        if !slot.staleFetch { slot.queue += fresh.prefix(room) }
        slot.recordedDuringFetch = []
        // Left out because memory is full (a read skips fewer rows than it excludes when some excluded ones are
        // already recorded): they are read again, or they would be forgotten.
        slot.needsFetch = result.full || fresh.count > room || slot.touchedDuringFetch || slot.staleFetch
        slot.touchedDuringFetch = false
        slot.staleFetch = false
        if !result.full, let due = result.nextDue { slot.wakeAt = min(slot.wakeAt ?? due, due) }
        endpoints[endpoint] = slot
        reconsider(endpoint, now: now)
    }

    /// The endpoint was disabled or deleted and its open deliveries closed: drop what is queued for it.
    mutating func closed(_ endpoint: String, now: Timestamp) {
        guard var slot = endpoints[endpoint] else { return }
        slot.queue = []
        slot.needsFetch = false
        slot.wakeAt = nil
        slot.retryAfterRecord = [:]
        endpoints[endpoint] = slot
        reconsider(endpoint, now: now)
    }

    /// The endpoint's URL or secret changed: what is in memory was read with the old ones, so it is read again.
    mutating func refresh(_ endpoint: String, tenant: TenantScope, now: Timestamp) {
        endpoints[endpoint]?.queue = []
        if endpoints[endpoint]?.fetching == true { endpoints[endpoint]?.staleFetch = true }
        touch(endpoint, tenant: tenant, now: now)
    }

    /// What is queued may no longer be this replica's to send (its claims may have lapsed): drop it and read again.
    mutating func forgetQueued(now: Timestamp) {
        for (endpoint, slot) in endpoints where !slot.queue.isEmpty { refresh(endpoint, tenant: slot.tenant, now: now) }
    }

    /// The endpoint was enabled again or moved to a new URL: its circuit starts closed, and anything due goes.
    mutating func reset(_ endpoint: String, tenant: TenantScope, now: Timestamp) {
        endpoints[endpoint]?.breaker = breakerTemplate
        endpoints[endpoint]?.breakerLoaded = true
        endpoints[endpoint]?.pausedUntil = nil
        refresh(endpoint, tenant: tenant, now: now)
    }

    /// An attempt ended (its record is on its way to storage). Returns the circuit's change, if it opened or closed.
    mutating func attemptEnded(_ endpoint: String, id: String, _ result: Result, now: Timestamp) -> CircuitChange? {
        guard var slot = endpoints[endpoint], slot.inFlight.remove(id) != nil else { return nil }
        slot.awaitingRecord.insert(id)
        inFlight -= 1
        awaitingRecord += 1
        tenants[slot.tenant]?.inFlight -= 1
        let wasOpen = slot.breaker.openUntil
        switch result {
        case .delivered:
            slot.breaker.recordSuccess()
        case .failed(let retryAt, let pauseUntil):
            slot.breaker.recordFailure(at: now)
            if let retryAt {
                slot.wakeAt = min(slot.wakeAt ?? retryAt, retryAt)
                slot.retryAfterRecord[id] = retryAt
            }
            if let pauseUntil { slot.pausedUntil = max(slot.pausedUntil ?? pauseUntil, pauseUntil) }
        }
        let change = slot.breaker.openUntil == wasOpen ? nil : CircuitChange(endpoint: endpoint, openUntil: slot.breaker.openUntil)
        endpoints[endpoint] = slot
        reconsider(endpoint, now: now)
        reconsiderTenant(slot.tenant)
        return change
    }

    /// The records of these attempts are committed: storage now shows what they did.
    mutating func recorded(_ attempts: [(endpoint: String, id: String)], now: Timestamp) {
        for (endpoint, id) in attempts {
            guard var slot = endpoints[endpoint], slot.awaitingRecord.remove(id) != nil else { continue }
            awaitingRecord -= 1
            if slot.fetching { slot.recordedDuringFetch.insert(id) }
            if let retryAt = slot.retryAfterRecord.removeValue(forKey: id) { slot.wakeAt = min(slot.wakeAt ?? retryAt, retryAt) }
            endpoints[endpoint] = slot
            reconsider(endpoint, now: now)
        }
    }

    // MARK: - Decisions

    /// Everything that should start now: fetches for endpoints whose memory ran low, and attempts, one per turn,
    /// tenants and then their endpoints in rotation, within the limits.
    mutating func nextActions(now: Timestamp) -> [Action] {
        for wakeup in wakeups.popDue(now) where endpoints[wakeup.key]?.scheduledWake == wakeup.time {
            endpoints[wakeup.key]?.scheduledWake = nil
            reconsider(wakeup.key, now: now)
        }
        var actions = [Action]()
        while inFlight < limits.total, awaitingRecord < limits.awaitingRecord, let tenant = rotation.pop() {
            tenants[tenant]?.inRotation = false
            guard let slot = tenants[tenant], slot.inFlight < limits.perTenant else { continue }
            if let endpoint = tenants[tenant]?.endpoints.pop() {
                endpoints[endpoint]?.inRotation = false
                if let action = act(on: endpoint, now: now) { actions.append(action) }
                if let fetch = prefetch(endpoint) { actions.append(fetch) }
                reconsider(endpoint, now: now)
            }
            reconsiderTenant(tenant)
        }
        return actions
    }

    /// Holds deliveries read from storage (queued, in flight, waiting for their record, or being read): this
    /// replica's claims on them must be kept alive.
    var holdsItems: Bool { inFlight > 0 || awaitingRecord > 0 || fetching > 0 || endpoints.values.contains { !$0.queue.isEmpty } }

    /// The earliest time something set aside may go.
    var nextWake: Timestamp? { wakeups.earliest }

    /// Nothing is in flight, being read or waiting for its record, and nothing can go now.
    var isQuiet: Bool { inFlight == 0 && awaitingRecord == 0 && fetching == 0 && rotation.isEmpty }

    private mutating func act(on endpoint: String, now: Timestamp) -> Action? {
        guard var slot = endpoints[endpoint] else { return nil }
        defer { endpoints[endpoint] = slot }
        if slot.queue.isEmpty {
            guard slot.needsFetch, !slot.fetching else { return nil }
            return startFetch(&slot, endpoint)
        }
        guard slot.inFlight.count < limits.perEndpoint else { return nil }
        switch slot.breaker.permission(at: now) {
        case .allowed, .probe:
            let item = slot.queue.removeFirst()
            slot.inFlight.insert(item.id)
            inFlight += 1
            tenants[slot.tenant]?.inFlight += 1
            return .attempt(endpoint: endpoint, item: item)
        case .waitUntil, .waitForProbe:
            return nil
        }
    }

    /// A read ahead while the endpoint still has work in memory, so it never waits for its next batch.
    private mutating func prefetch(_ endpoint: String) -> Action? {
        guard var slot = endpoints[endpoint], slot.needsFetch, !slot.fetching, !slot.queue.isEmpty,
              slot.queue.count < max(1, limits.prefetch / 2)
        else { return nil }
        defer { endpoints[endpoint] = slot }
        return startFetch(&slot, endpoint)
    }

    private mutating func startFetch(_ slot: inout EndpointSlot, _ endpoint: String) -> Action {
        slot.fetching = true
        slot.needsFetch = false
        fetching += 1
        return .fetch(endpoint: endpoint, limit: limits.prefetch - slot.queue.count, excluding: slot.heldIDs)
    }

    private mutating func readiness(of slot: inout EndpointSlot, now: Timestamp) -> Readiness {
        if let paused = slot.pausedUntil {
            if paused > now { return .setAside(until: paused) }
            slot.pausedUntil = nil
        }
        if let wake = slot.wakeAt, wake <= now {
            slot.wakeAt = nil
            if slot.fetching { slot.touchedDuringFetch = true } else { slot.needsFetch = true }
        }
        if slot.queue.isEmpty {
            if slot.needsFetch && !slot.fetching { return .ready }
            if slot.isIdle { return .idle }
            return .setAside(until: slot.wakeAt)
        }
        if slot.inFlight.count >= limits.perEndpoint { return .setAside(until: nil) }
        var breaker = slot.breaker
        switch breaker.permission(at: now) {
        case .allowed, .probe: return .ready
        case .waitUntil(let time): return .setAside(until: time)
        case .waitForProbe: return .setAside(until: nil)
        }
    }

    /// Puts the endpoint where it belongs now: in its tenant's rotation, on the wake-up heap, or forgotten.
    private mutating func reconsider(_ endpoint: String, now: Timestamp) {
        guard var slot = endpoints[endpoint] else { return }
        switch readiness(of: &slot, now: now) {
        case .ready:
            if !slot.inRotation {
                slot.inRotation = true
                tenants[slot.tenant, default: TenantSlot()].endpoints.push(endpoint)
            }
        case .setAside(let until):
            if let until, slot.scheduledWake.map({ until < $0 }) ?? true {
                slot.scheduledWake = until
                wakeups.push(until, endpoint)
            }
        case .idle:
            if !slot.inRotation {
                endpoints[endpoint] = nil
                return
            }
        }
        endpoints[endpoint] = slot
        reconsiderTenant(slot.tenant)
    }

    private mutating func reconsiderTenant(_ tenant: TenantScope) {
        guard var slot = tenants[tenant] else { return }
        if slot.endpoints.isEmpty && slot.inFlight == 0 && !slot.inRotation {
            tenants[tenant] = nil
            return
        }
        if !slot.inRotation && !slot.endpoints.isEmpty && slot.inFlight < limits.perTenant {
            slot.inRotation = true
            rotation.push(tenant)
        }
        tenants[tenant] = slot
    }
}
