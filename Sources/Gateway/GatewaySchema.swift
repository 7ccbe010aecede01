import Kernel

/// The Gateway maps HTTP to the domain actors' commands and enforces quotas; these are its own tables.
public enum GatewaySchema {
    public static let migrations: [Migration] = []
}
