/// The handle a ``Database/write(_:)`` or ``Database/read(_:)`` body works through.
///
/// Everything done through it commits together or not at all, including the events it ``publish(_:)``es into the
/// bus outbox: state change and event share one transaction. Not `Sendable`; never let it escape the body.
public final class Transaction {
    private let session: any SQLSession
    /// The time this body runs at for the tenant scope it works for: the scope's sandbox clock when it is a sandbox
    /// on a test clock (``Database/write(for:_:)``, ``useClock(of:)``), the injected wall clock otherwise.
    public internal(set) var now: Timestamp
    /// The injected wall clock's time when the body started, whatever the scope's clock says: for what happens in
    /// real time even for a sandbox on a test clock (webhook attempts, WhatsApp retries).
    public let wallNow: Timestamp
    /// The sandboxes' test clocks, attached by ``Database`` to every body it runs.
    var sandboxClocks: SandboxClocks?
    /// Whether the body may write (a ``Database/write(_:)`` body).
    let isWrite: Bool
    /// The events this body published, in order; the engine hands them to the commit observers once committed.
    public private(set) var published: [Event] = []
    /// The messages this body broadcasts once committed (``notify(channel:payload:)``), in order, without repeats.
    private(set) var broadcasts: [BroadcastMessage] = []

    /// Called by an engine for each body it runs.
    public init(session: any SQLSession, now: Timestamp, isWrite: Bool) {
        self.session = session
        self.now = now
        self.wallNow = now
        self.isWrite = isWrite
    }

    /// Runs one statement that returns no rows; `?` placeholders take `arguments` in order.
    public func execute(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws {
        try session.execute(sql, arguments)
    }

    /// Runs one statement and returns every row it yields.
    public func query(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> [Row] {
        try session.query(sql, arguments)
    }

    /// Runs one statement and hands each row to `visit` as it is read, for results written out as they come (a list
    /// route's JSON): no ``Row`` per row, no `String` per text value. The cursor is valid only inside `visit`.
    public func forEachRow(_ sql: String, _ arguments: [any SQLValueConvertible] = [], _ visit: (borrowing RowCursor) throws -> Void) throws {
        try session.forEachRow(sql, arguments, visit)
    }

    /// The first row of a query, or nil.
    public func queryOne(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> Row? {
        try session.query(sql, arguments).first
    }

    /// The first column of the first row as `T`, or nil when there is no row.
    public func scalar<T: SQLValueConvertible>(_ sql: String, _ arguments: [any SQLValueConvertible] = [], as type: T.Type = T.self) throws -> T? {
        guard let row = try queryOne(sql, arguments) else { return nil }
        return T(sqlValue: row[0])
    }

    /// Rows changed by the last statement.
    public var changes: Int { session.changes }

    /// The SQL the engine underneath speaks, for the rare statement that must differ per engine.
    public var dialect: SQLDialect { session.dialect }

    /// Runs a migration script (several statements, no arguments).
    func executeScript(_ sql: String) throws {
        try session.executeScript(sql)
    }

    /// Broadcasts `payload` on `channel` once this transaction commits (never if it rolls back): every process on the
    /// database, this one included, hands it to its ``Database/onNotification(_:_:)`` handlers of `channel`. For
    /// telling other replicas that something they cache changed. SQLite delivers it in this process right after the
    /// commit; PostgreSQL sends it with `NOTIFY` (at most 7,000 bytes of payload). The same message twice in one
    /// transaction goes out once.
    public func notify(channel: String, payload: String = "") {
        precondition(isWrite, "notifications are sent from write transactions only")
        let message = BroadcastMessage(channel: channel, payload: payload)
        if !broadcasts.contains(message) { broadcasts.append(message) }
    }

    /// Appends an event to the outbox in this transaction; subscribers see it only if the transaction commits.
    @discardableResult
    public func publish(_ event: NewEvent) throws -> Event {
        precondition(isWrite, "events are published from write transactions only")
        let id = event.id ?? Identifier.make(.event)
        let tenantSequence = try Outbox.nextTenantSequence(tenant: event.tenant, mode: event.mode, self)
        guard let sequence = try scalar(
            "INSERT INTO bus_events(id, type, tenant, mode, occurred_at, payload, tenant_sequence) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING sequence",
            [id, event.type, event.tenant, event.mode, now, event.payload, tenantSequence], as: Int64.self)
        else { throw StorageError(.engine, "the outbox returned no sequence") }
        let stored = Event(
            sequence: sequence, id: id, type: event.type, tenant: event.tenant, mode: event.mode,
            occurredAt: now, payload: event.payload, tenantSequence: tenantSequence)
        published.append(stored)
        // Wakes the subscribers of other processes; this process's own wake at commit (``Database/onCommit(_:)``).
        if dialect == .postgres { notify(channel: Outbox.wakeChannel) }
        return stored
    }
}
