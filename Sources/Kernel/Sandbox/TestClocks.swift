/// Sandbox test clocks, for test mode only: pin a sandbox's time, move it forward, return it to real time.
///
/// While a clock moves, it stops at every moment at which the domains' calendars (``SandboxCalendar``) have work due
/// in the sandbox (a usage day closing at 18:30 IST, a broker link expiring, a deleted client's purge, a rotated-out
/// key's last hour), in time order, and at each one runs that work at that simulated time and lets the bus settle:
/// every subscriber handles what it published (and what their reactions published in turn) before the clock moves
/// on. A move answers once all of it is done, with a summary.
///
/// Each clock is the operator's test mode alone: live mode and every other sandbox keep the wall clock (see
/// ``SandboxClocks`` for how each piece of work finds its time). One move per sandbox at a time.
public actor TestClocks {
    private let database: Database
    private let bus: EventBus
    private let calendars: [any SandboxCalendar]
    /// Operators whose clock is moving now.
    private var moving: Set<String> = []

    public init(database: Database, bus: EventBus, calendars: [any SandboxCalendar]) {
        self.database = database
        self.bus = bus
        self.calendars = calendars
    }

    /// The sandbox's clock.
    public func clock(_ scope: TenantScope) throws -> TestClock {
        try Self.requireTest(scope)
        return view(scope, advance: nil)
    }

    /// Pins the sandbox's clock at `time` (nil: now), which must not be before now and at most 60 days after it:
    /// the sandbox leaves real time now and runs up to `time` as an advance does.
    public func freeze(_ scope: TenantScope, at time: Timestamp?) async throws -> TestClock {
        try Self.requireTest(scope)
        return try await exclusively(scope) {
            guard database.sandboxClocks.frozenTime(of: scope) == nil else {
                throw DomainError(.conflict, code: .testClockExists, "The sandbox already runs on a test clock: advance it, or delete it first.")
            }
            let now = database.clock.now()
            let target = try TestClockPolicy.freezeTime(requested: time, now: now)
            return view(scope, advance: try await move(scope, from: now, to: target))
        }
    }

    /// Moves the sandbox's clock forward to `time`, at most 60 days past its current time, running everything that
    /// falls due on the way in order.
    public func advance(_ scope: TenantScope, to time: Timestamp) async throws -> TestClock {
        try Self.requireTest(scope)
        return try await exclusively(scope) {
            guard let current = database.sandboxClocks.frozenTime(of: scope) else {
                throw DomainError(.conflict, code: .noTestClock, "The sandbox runs on real time: set a test clock first.")
            }
            try TestClockPolicy.checkAdvance(from: current, to: time)
            return view(scope, advance: try await move(scope, from: current, to: time))
        }
    }

    /// Returns the sandbox to real time. A clock behind real time first catches up, running what fell due
    /// meanwhile in order; a clock ahead of it leaves what it did in place (the days it rolled up are not rolled up
    /// again), and real time takes over from there. Returning a sandbox already on real time changes nothing.
    public func remove(_ scope: TenantScope) async throws -> TestClock {
        try Self.requireTest(scope)
        return try await exclusively(scope) {
            guard let current = database.sandboxClocks.frozenTime(of: scope) else { return view(scope, advance: nil) }
            let now = database.clock.now()
            let caughtUp = current < now ? try await move(scope, from: current, to: now) : nil
            try await database.setSandboxClock(scope.operatorID, to: nil)
            return view(scope, advance: caughtUp)
        }
    }

    // MARK: - Moving

    /// Moves the clock from `from` to `to` by the moments the calendars name, running their work at each.
    private func move(_ scope: TenantScope, from: Timestamp, to: Timestamp) async throws -> TestClockRun {
        try await bus.drain()  // what the sandbox did before the move is known to every module before its calendar runs
        let mark = try await database.read { tx in try EventLog.head(tx) }
        var time = from, steps = 0, work = [String: Int]()
        repeat {
            var next = to
            for calendar in calendars {
                if let due = try await calendar.nextDue(in: scope, after: time), due < next { next = due }
            }
            try await database.setSandboxClock(scope.operatorID, to: next)
            for calendar in calendars {
                work.merge(try await calendar.runDue(in: scope), uniquingKeysWith: +)
            }
            try await settle(scope)
            (time, steps) = (next, steps + 1)
        } while time < to
        let events = try await database.read { tx in
            try EventLog.countsByType(tenant: scope.operatorID, mode: scope.mode, after: mark, tx)
        }
        return TestClockRun(from: from, to: to, steps: steps, work: work, eventsEmitted: events.values.reduce(0, +), eventsByType: events)
    }

    /// Waits until every subscriber has handled what the sandbox published, including what their reactions
    /// published in turn (a broker expiring pauses strategies, which stops their billing).
    private func settle(_ scope: TenantScope) async throws {
        var mark = try await database.read { tx in try EventLog.head(tx) }
        while true {
            try await bus.drain()
            let (head, reactions) = try await database.read { [mark] tx in
                (try EventLog.head(tx), try EventLog.countsByType(tenant: scope.operatorID, mode: scope.mode, after: mark, tx))
            }
            if reactions.isEmpty { return }
            mark = head
        }
    }

    /// Runs `body` as the only change to the sandbox's clock under way.
    private func exclusively(_ scope: TenantScope, _ body: () async throws -> TestClock) async throws -> TestClock {
        guard moving.insert(scope.operatorID).inserted else {
            throw DomainError(.conflict, code: .testClockBusy, "The sandbox's clock is already moving; try again when that finishes.")
        }
        defer { moving.remove(scope.operatorID) }
        return try await body()
    }

    private func view(_ scope: TenantScope, advance: TestClockRun?) -> TestClock {
        let frozen = database.sandboxClocks.frozenTime(of: scope)
        return TestClock(frozenTime: frozen, currentTime: frozen ?? database.clock.now(), advance: advance)
    }

    private static func requireTest(_ scope: TenantScope) throws {
        guard scope.mode == .test else {
            throw DomainError(.forbidden, code: .testModeOnly, "Test clocks exist in test mode only: use a test key.")
        }
    }
}
