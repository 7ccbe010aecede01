import Synchronization

/// The handlers of one engine's notifications, by channel: the engine hands every message delivered to this process
/// to the handlers of its channel, in the order delivered, and ``DatabaseNotification/mayHaveMissed`` to all.
final class NotificationHub: Sendable {
    typealias Handler = @Sendable (DatabaseNotification) -> Void

    private let handlers = Mutex<[String: [Handler]]>([:])

    /// Adds a handler for `channel`.
    func add(_ channel: String, _ handler: @escaping Handler) {
        handlers.withLock { $0[channel, default: []].append(handler) }
    }

    /// Whether any handler is registered.
    var isEmpty: Bool { handlers.withLock { $0.isEmpty } }

    /// Hands each message to its channel's handlers, in order.
    func deliver(_ messages: [BroadcastMessage]) {
        let current = handlers.withLock { $0 }
        for message in messages {
            for handler in current[message.channel] ?? [] { handler(.message(message.payload)) }
        }
    }

    /// Tells every handler of every channel that messages may have been missed.
    func deliverMayHaveMissed() {
        for handler in handlers.withLock({ $0.values.flatMap { $0 } }) { handler(.mayHaveMissed) }
    }
}
