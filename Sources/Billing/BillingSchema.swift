import Kernel

/// The Billing module owns strategy-day metering, the daily roll-up, the operator's prepaid wallet and low-balance alerts.
///
/// It depends on the kernel only and talks to the other modules over the event bus. Its tables are its own;
/// this is the list of its schema migrations, applied at start-up by the composition root.
public enum BillingSchema {
    public static let migrations: [Migration] = []
}
