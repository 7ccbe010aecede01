import Kernel

/// The Accounts module owns operators, their API keys and members, plans, end clients, login links, client sessions and broker connections.
///
/// It depends on the kernel only and talks to the other modules over the event bus. Its tables are its own;
/// this is the list of its schema migrations, applied at start-up by the composition root.
public enum AccountsSchema {
    public static let migrations: [Migration] = []
}
