/// What a handler registered with ``Database/onNotification(_:_:)`` receives: a message a committed write transaction
/// broadcast on its channel (``Transaction/notify(channel:payload:)``), or word that some may have been missed.
public enum DatabaseNotification: Sendable, Hashable {
    /// A committed transaction's message, delivered once to every process on the database (the sender included).
    case message(String)
    /// Messages may have been lost (PostgreSQL: the listening connection was (re)established, and whatever was sent
    /// while it was down is gone): what a handler caches from the database must be dropped or reloaded.
    case mayHaveMissed
}

/// One message a write transaction broadcasts on a channel once it commits.
struct BroadcastMessage: Sendable, Hashable {
    let channel: String
    let payload: String
}
