extension Database {
    /// Runs `body` in a write transaction that works for `scope`: its ``Transaction/now``, which it stores and its
    /// events carry, is the scope's time (a sandbox's test clock, or the wall clock; see ``SandboxClocks``).
    public func write<T: Sendable>(for scope: TenantScope, _ body: sending @escaping (Transaction) throws -> T) async throws -> T {
        try await write { tx in
            tx.useClock(of: scope)
            return try body(tx)
        }
    }

    /// What "now" is for `scope` at this moment: its sandbox's frozen time, or the wall clock's.
    public func now(for scope: TenantScope) -> Timestamp {
        sandboxClocks.frozenTime(of: scope) ?? clock.now()
    }

    /// Reads the stored test clocks into memory, and from then on follows the clocks other processes on the
    /// database move (PostgreSQL replicas: ``SandboxClocks/channel``). Call it once the migrations ran, before
    /// anything is served.
    public func loadSandboxClocks() async throws {
        let clocks = sandboxClocks
        try await read { tx in try clocks.load(tx) }
        onNotification(SandboxClocks.channel) { [self] notification in
            switch notification {
            case .message(let payload): clocks.remember(payload)
            case .mayHaveMissed: Task { try? await self.read { tx in try clocks.load(tx) } }
            }
        }
    }

    /// Moves the operator's sandbox clock to `time` (nil: back to the wall clock), durably, then in memory (here at
    /// once, in the other processes when they hear of it).
    func setSandboxClock(_ operatorID: String, to time: Timestamp?) async throws {
        try await write { tx in
            try SandboxClocks.store(operatorID, at: time, tx)
            tx.notify(channel: SandboxClocks.channel, payload: SandboxClocks.payload(operatorID, at: time))
        }
        sandboxClocks.remember(operatorID, at: time)
    }
}
