import Foundation

/// One PostgreSQL connection through libpq, with prepared statements cached per SQL text and parameter types.
///
/// Not `Sendable`: it belongs to one thread of the ``PostgresEngine``, where its blocking libpq calls run (never
/// on Swift's cooperative pool). It connects on first use and again after the server dropped it; statements then
/// fail with ``StorageError/Code/connectionLost`` until the next unit of work reconnects.
final class PostgresConnection: EngineConnection {
    /// How every connection of an engine connects.
    struct Options: Sendable {
        /// The URL as given (it may hold a password: never log it, log ``StorageLocation/description``).
        let url: String
        let schema: String?
        let durability: Durability

        /// The names shared with the other processes on the database.
        var cluster: PostgresCluster { PostgresCluster(schema: schema) }
    }

    /// A statement prepared on this connection.
    private struct Prepared {
        let name: String
        var columns: ColumnIndex?
    }

    private struct StatementKey: Hashable {
        let sql: String
        let types: [UInt32]
    }

    let library: LibPQ
    let options: Options
    private(set) var handle: LibPQ.Connection?
    private var statements: [StatementKey: Prepared] = [:]
    private var translations: [String: SQLTranslator.Translation] = [:]
    private(set) var changes = 0
    /// Work to do once connected, before anything else (the writer's: create the schema, apply the engine's own);
    /// run at each connect until it succeeded once.
    var setUp: ((PostgresConnection) throws -> Void)?

    let dialect = SQLDialect.postgres
    let beginWrite = "BEGIN"
    /// A snapshot taken at the first statement and kept to the end: reads never wait for writes (MVCC).
    let beginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

    /// A connection that connects on first use.
    init(library: LibPQ, options: Options) {
        self.library = library
        self.options = options
    }

    deinit {
        if let handle { library.finish(handle) }
    }

    var isInTransaction: Bool {
        guard let handle else { return false }
        let status = library.transactionStatus(handle)
        return status == LibPQ.transactionInBlock || status == LibPQ.transactionInError
    }

    func connectIfNeeded() throws {
        if handle.map({ library.status($0) != LibPQ.connectionOK }) ?? true {
            disconnect()
            handle = try connect()
        }
        if let setUp {
            try setUp(self)
            self.setUp = nil
        }
    }

    func disconnect() {
        if let handle { library.finish(handle) }
        handle = nil
        statements = [:]
    }

    /// Waits for the cluster-wide write lock (released at COMMIT or ROLLBACK): see ``PostgresEngine``.
    func serialiseWrites() throws {
        try execute("SELECT pg_advisory_xact_lock(?)", [options.cluster.writeLock])
    }

    /// `NOTIFY`s each message on the cluster's channel; PostgreSQL delivers them at COMMIT, to every listener.
    func send(_ messages: [BroadcastMessage]) throws {
        let channel = options.cluster.channel
        for message in messages { try execute("SELECT pg_notify(?, ?)", [channel, PostgresCluster.encode(message)]) }
    }

    func execute(_ sql: String, _ arguments: [any SQLValueConvertible]) throws {
        let (result, _) = try run(sql, arguments)
        defer { library.clear(result) }
        if sql == "COMMIT", let status = library.cmdStatus(result), String(cString: status) == "ROLLBACK" {
            // PostgreSQL answers COMMIT of a transaction a failed statement aborted by rolling it back.
            throw StorageError(.engine, "the transaction had failed; COMMIT rolled it back", sql: sql)
        }
    }

    func executeScript(_ sql: String) throws {
        let (result, _) = try run(sql, [])
        library.clear(result)
    }

    func query(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> [Row] {
        let (result, columns) = try run(sql, arguments)
        defer { library.clear(result) }
        let reader = PostgresResult(library: library, handle: result)
        return reader.rows(columns ?? ColumnIndex(reader.columnNames))
    }

    /// The value of a server setting (`SHOW name`).
    func setting(_ name: String) throws -> String? {
        try query("SELECT current_setting(?)", [name]).first.flatMap { String(sqlValue: $0[0]) }
    }

    /// Runs one statement: without arguments in one simple-protocol round trip, with arguments as a statement
    /// prepared once per connection and parameter types. Returns the result (the caller clears it) and, for a
    /// prepared statement, its cached column names.
    private func run(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> (LibPQ.Result, ColumnIndex?) {
        guard let handle else { throw StorageError(.connectionLost, "not connected to PostgreSQL", sql: sql) }
        let translation = try translated(sql)
        guard translation.parameterCount == arguments.count else {
            throw StorageError(.engine, "\(arguments.count) arguments for \(translation.parameterCount) parameters", sql: sql)
        }
        if arguments.isEmpty {
            let result = try check(library.exec(handle, translation.sql), sql: sql)
            countChanges(result)
            return (result, nil)
        }
        let parameters = PostgresParameters(arguments)
        let key = StatementKey(sql: sql, types: parameters.types)
        var prepared = try statements[key] ?? prepare(translation.sql, key)
        let result = try check(parameters.withUnsafeArrays { values, lengths, formats in
            library.execPrepared(handle, prepared.name, Int32(parameters.count), values, lengths, formats, 0)
        }, sql: sql)
        countChanges(result)
        if prepared.columns == nil {
            prepared.columns = ColumnIndex(PostgresResult(library: library, handle: result).columnNames)
            statements[key] = prepared
        }
        return (result, prepared.columns)
    }

    private func prepare(_ translated: String, _ key: StatementKey) throws -> Prepared {
        let prepared = Prepared(name: "s\(statements.count)")
        let result = try check(library.prepare(handle, prepared.name, translated, Int32(key.types.count), key.types), sql: key.sql)
        library.clear(result)
        statements[key] = prepared
        return prepared
    }

    private func translated(_ sql: String) throws -> SQLTranslator.Translation {
        if let translation = translations[sql] { return translation }
        let translation = try SQLTranslator.translate(sql)
        translations[sql] = translation
        return translation
    }

    /// SQLite's `changes`: rows touched by the last INSERT, UPDATE or DELETE; other statements leave it.
    private func countChanges(_ result: LibPQ.Result) {
        guard let status = library.cmdStatus(result).map({ String(cString: $0) }),
              ["INSERT", "UPDATE", "DELETE", "MERGE"].contains(where: status.hasPrefix)
        else { return }
        changes = library.cmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
    }

    /// The result when it succeeded; otherwise clears it and throws its error as a ``StorageError``.
    private func check(_ result: LibPQ.Result?, sql: String) throws -> LibPQ.Result {
        if let result {
            let status = library.resultStatus(result)
            if status == LibPQ.commandOK || status == LibPQ.tuplesOK || status == LibPQ.emptyQuery { return result }
        }
        defer { library.clear(result) }
        let state = result.flatMap { library.resultErrorField($0, LibPQ.fieldSQLState) }.map { String(cString: $0) }
        let message = result.flatMap { library.resultErrorField($0, LibPQ.fieldPrimaryMessage) }.map { String(cString: $0) }
            ?? handle.flatMap { library.errorMessage($0) }.map { String(cString: $0) } ?? "no answer from the server"
        let lost = handle.map { library.status($0) != LibPQ.connectionOK } ?? true
        let code = lost ? .connectionLost : state.map(PostgresErrorCode.code(sqlState:)) ?? .engine
        throw StorageError(code, Self.oneLine(message), sqlState: state, sql: sql)
    }

    private func connect() throws -> LibPQ.Connection {
        // Later pairs override what the URL (expanded from `dbname`) sets; earlier ones are defaults it may override.
        let keywords = ["application_name", "connect_timeout", "dbname", "client_encoding"]
        let values = ["operator-api", "10", options.url, "UTF8"]
        let handle = keywords.withCStrings { keywords in values.withCStrings { values in library.connectdbParams(keywords, values, 1) } }
        guard let handle else { throw StorageError(.cannotOpen, "libpq could not allocate a connection") }
        guard library.status(handle) == LibPQ.connectionOK else {
            let message = library.errorMessage(handle).map { String(cString: $0) } ?? "unknown error"
            library.finish(handle)
            throw StorageError(.cannotOpen, "cannot connect to PostgreSQL at \(StorageLocation.redacting(options.url)): \(Self.oneLine(message))")
        }
        // Notices ("relation already exists, skipping") would go to stderr: the engine has nothing to say to them.
        _ = library.setNoticeProcessor(handle, { _, _ in }, nil)
        var setup = [
            "SET bytea_output = 'hex'", "SET extra_float_digits = 1",
            "SET synchronous_commit = \(options.durability == .full ? "on" : "off")",
        ]
        // Validated by the engine: letters, digits and `_` only.
        if let schema = options.schema { setup.append("SET search_path = \"\(schema)\"") }
        let result = library.exec(handle, setup.joined(separator: "; "))
        defer { library.clear(result) }
        guard let result, library.resultStatus(result) == LibPQ.commandOK else {
            let message = library.errorMessage(handle).map { String(cString: $0) } ?? "unknown error"
            library.finish(handle)
            throw StorageError(.cannotOpen, "cannot set up the PostgreSQL session: \(Self.oneLine(message))")
        }
        return handle
    }

    private static func oneLine(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}

extension Array where Element == String {
    /// Calls `body` with these strings as a NULL-terminated C array of C strings.
    func withCStrings<R>(_ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies = map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { UnsafePointer($0) } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
