import Kernel

/// The RateLimit module owns token-bucket quotas per operator and mode.
///
/// It depends on the kernel only and talks to the other modules over the event bus. Its tables are its own;
/// this is the list of its schema migrations, applied at start-up by the composition root.
public enum RateLimitSchema {
    public static let migrations: [Migration] = []
}
