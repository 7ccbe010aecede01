import Kernel

/// The Strategies module owns strategy templates, pushes to clients and plans, client strategies and their lifecycle.
///
/// It depends on the kernel only and talks to the other modules over the event bus. Its tables are its own;
/// this is the list of its schema migrations, applied at start-up by the composition root.
public enum StrategiesSchema {
    public static let migrations: [Migration] = []
}
