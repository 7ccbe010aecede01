import Foundation

/// How an engine opens the database: what both engines share, and the few settings only PostgreSQL reads.
public struct StorageSettings: Sendable, Equatable {
    /// When a commit counts as done; see ``Durability``. Default: ``Durability/full``.
    public var durability: Durability
    /// Connections for reads, each with a thread of its own (the writer has one more). Default: one per core, at
    /// least two.
    public var readers: Int
    /// PostgreSQL only: the schema the tables live in, created when missing (letters, digits and `_`). Nil keeps
    /// the database's own `search_path` (normally `public`). Tests give each test a schema of its own.
    public var schema: String?
    /// PostgreSQL only: how long a connection may sit unused before the engine closes it (the next read or write
    /// connects again); nil keeps every connection open.
    public var idleTimeout: Duration?
    /// PostgreSQL only: the libpq shared library loaded at run time (a name the dynamic loader finds, or a path);
    /// nil loads libpq's usual name (`libpq.so.5`).
    public var clientLibrary: String?

    public init(
        durability: Durability = .full, readers: Int = max(2, ProcessInfo.processInfo.activeProcessorCount),
        schema: String? = nil, idleTimeout: Duration? = nil, clientLibrary: String? = nil
    ) {
        self.durability = durability
        self.readers = readers
        self.schema = schema
        self.idleTimeout = idleTimeout
        self.clientLibrary = clientLibrary
    }
}
