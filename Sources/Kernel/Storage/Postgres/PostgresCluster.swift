/// The names the processes sharing one PostgreSQL database agree on: the keys of the engine's advisory locks and the
/// channel its notifications travel on. Both include the schema, so that installations (or tests) in different
/// schemas of one database never wait for each other nor hear each other.
struct PostgresCluster: Sendable {
    /// The schema the engine works in; nil for the database's own `search_path`.
    let schema: String?

    /// The advisory lock every write transaction takes first (``PostgresEngine``).
    var writeLock: Int64 { lockKey("kernel.writes") }

    /// The `LISTEN`/`NOTIFY` channel (a plain identifier: the schema is letters, digits and `_` only).
    var channel: String { "operator_api_" + (schema ?? "public") }

    /// The 64-bit advisory lock key of `name`: the first 8 bytes of a SHA-256 over the schema and the name.
    func lockKey(_ name: String) -> Int64 {
        let digest = Digest.sha256("operator-api\u{0}" + (schema ?? "") + "\u{0}" + name)
        return Int64(bitPattern: digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    /// A broadcast as one `NOTIFY` payload: the channel, a newline, the payload.
    static func encode(_ message: BroadcastMessage) -> String {
        message.channel + "\n" + message.payload
    }

    /// A `NOTIFY` payload back as a broadcast; nil when it is not one of ours.
    static func decode(_ payload: String) -> BroadcastMessage? {
        guard let newline = payload.firstIndex(of: "\n") else { return nil }
        return BroadcastMessage(channel: String(payload[..<newline]), payload: String(payload[payload.index(after: newline)...]))
    }
}
