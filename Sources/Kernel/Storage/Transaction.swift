/// The handle a ``Database/write(_:)`` or ``Database/read(_:)`` body works through.
///
/// Everything done through it commits together or not at all, including the events it ``publish(_:)``es into the
/// bus outbox: state change and event share one SQLite transaction. Not `Sendable`; never let it escape the body.
public final class Transaction {
    public let connection: SQLiteConnection
    /// The time this transaction runs at, from the database's injected clock.
    public let now: Timestamp
    let isWrite: Bool
    private(set) var published: [Event] = []

    init(connection: SQLiteConnection, now: Timestamp, isWrite: Bool) {
        self.connection = connection
        self.now = now
        self.isWrite = isWrite
    }

    public func execute(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws {
        try connection.execute(sql, arguments)
    }

    public func query(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> [Row] {
        try connection.query(sql, arguments)
    }

    public func queryOne(_ sql: String, _ arguments: [any SQLValueConvertible] = []) throws -> Row? {
        try connection.queryOne(sql, arguments)
    }

    public func scalar<T: SQLValueConvertible>(_ sql: String, _ arguments: [any SQLValueConvertible] = [], as type: T.Type = T.self) throws -> T? {
        try connection.scalar(sql, arguments, as: type)
    }

    /// Rows changed by the last statement.
    public var changes: Int { connection.changes }

    /// Appends an event to the outbox in this transaction; subscribers see it only if the transaction commits.
    @discardableResult
    public func publish(_ event: NewEvent) throws -> Event {
        precondition(isWrite, "events are published from write transactions only")
        let id = event.id ?? Identifier.make(.event)
        try connection.execute(
            "INSERT INTO bus_events(id, type, tenant, mode, occurred_at, payload) VALUES (?, ?, ?, ?, ?, ?)",
            [id, event.type, event.tenant, event.mode, now, event.payload])
        let stored = Event(
            sequence: connection.lastInsertRowID, id: id, type: event.type, tenant: event.tenant, mode: event.mode,
            occurredAt: now, payload: event.payload)
        published.append(stored)
        return stored
    }
}
