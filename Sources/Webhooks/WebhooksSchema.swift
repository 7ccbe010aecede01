import Kernel

/// The Webhooks module owns webhook endpoints, subscriptions, signed deliveries with retries, the delivery log and replay.
///
/// It depends on the kernel only and talks to the other modules over the event bus. Its tables are its own;
/// this is the list of its schema migrations, applied at start-up by the composition root.
public enum WebhooksSchema {
    public static let migrations: [Migration] = []
}
