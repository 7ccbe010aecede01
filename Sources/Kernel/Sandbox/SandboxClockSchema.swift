/// The table behind ``SandboxClocks``: one row per operator whose sandbox runs on a test clock.
public enum SandboxClockSchema {
    public static let migrations = [
        Migration(module: "sandbox_clocks", version: 1, sql: """
            CREATE TABLE sandbox_clocks(
                operator_id TEXT PRIMARY KEY,
                frozen_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            """),
    ]
}
